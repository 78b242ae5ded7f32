/**
 * A payment run's payments, a page at a time, as its page lists them: what the address asks
 * for, where to fetch it, and the words for each payment. Pure.
 *
 *   readPaymentsQuery('?id=01J…&name=okafor&page=2')
 *     // { query: { name: 'okafor', kind: '', order: 'largest', page: 2 }, errors: [] }
 *   runPaymentsPaths.api('01J…', query)   // '/api/payment-runs/01J…/payments?name=okafor&page=2'
 *   showingWords({ page: 2, per_page: 50, total: 120, payments: [...] })
 *     // 'Showing 51 to 100 of 120 payments'
 */
import type { FieldProblem } from './problem';

/** One payment of a run, as GET /api/payment-runs/{id}/payments lists it. */
export interface RunPaymentLine {
  seq: number;
  person_id: string;
  person_name: string;
  kind: string;
  payee: string;
  amount_pence: number;
  covers_from: string;
  covers_to: string;
  /** Why it is held; '' when it is paid. */
  held_reason: string;
  status: 'held' | 'to_pay' | 'paid';
}

export interface RunPaymentsPage {
  payments: RunPaymentLine[];
  page: number;
  pages: number;
  per_page: number;
  total: number;
}

/** What the list shows: the filters and the page, as the address and the form carry them. */
export interface PaymentsQuery {
  name: string;
  kind: string;
  order: string;
  page: number;
}

/** The most characters of a name the server searches for. */
export const MOST_NAME_LENGTH = 100;

/** The kinds a list may be narrowed to, in the words of the run's summary. */
export const PAYMENT_KINDS: readonly { value: string; text: string }[] = [
  { value: 'direct_payment', text: 'Direct payments' },
  { value: 'managed_budget', text: 'Managed budgets' },
  { value: 'one_off', text: 'One-off payments' },
  { value: 'contribution', text: 'Contributions charged' },
];

/** The orders a list may be in; the first is the server's default. */
export const PAYMENT_ORDERS: readonly { value: string; text: string }[] = [
  { value: 'largest', text: 'Largest amount first' },
  { value: 'name', text: 'Family name, A to Z' },
  { value: 'run', text: 'The order of the run' },
];

/** The form's field ids by the server's field names, for the error summary. */
export const PAYMENTS_FILTER_FIELDS: Readonly<Record<string, string>> = { name: 'payments-name' };

/**
 * The list asked for by the address's query (`search`, as window.location.search). A kind,
 * order or page the list does not have is read as none, the first order and the first page (an
 * address typed by hand shows the list rather than an error); a name longer than the server
 * searches is an error on the name field.
 */
export function readPaymentsQuery(search: string): { query: PaymentsQuery; errors: FieldProblem[] } {
  const params = new URLSearchParams(search);
  const name = (params.get('name') ?? '').trim();
  const kind = params.get('kind') ?? '';
  const order = params.get('order') ?? '';
  const page = Number(params.get('page') ?? '1');
  const errors: FieldProblem[] = [];
  if ([...name].length > MOST_NAME_LENGTH) {
    errors.push({ field: 'name', message: `Enter ${MOST_NAME_LENGTH} characters or fewer of the name` });
  }
  return {
    query: {
      name,
      kind: PAYMENT_KINDS.some((k) => k.value === kind) ? kind : '',
      order: PAYMENT_ORDERS.some((o) => o.value === order) ? order : PAYMENT_ORDERS[0]!.value,
      page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    },
    errors,
  };
}

/** The query string for `query`, leaving out what is as it would be anyway. */
function queryString(query: PaymentsQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (query.name) params.set('name', query.name);
  if (query.kind) params.set('kind', query.kind);
  if (query.order !== PAYMENT_ORDERS[0]!.value) params.set('order', query.order);
  if (query.page > 1) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const runPaymentsPaths = {
  /** The payments the API lists for `query`. */
  api: (runId: string, query: PaymentsQuery) => `/api/payment-runs/${encodeURIComponent(runId)}/payments${queryString(query)}`,
  /** Page `page` of the run's page with the same filters, at the list. */
  page: (runId: string, query: PaymentsQuery, page: number) => `/finance/payment-run${queryString({ ...query, page }, { id: runId })}#run-payments`,
  /** Every payment of the run as a spreadsheet (CSV). */
  csv: (runId: string) => `/api/payment-runs/${encodeURIComponent(runId)}/payments.csv`,
  /** The run's page with no filters, at the list. */
  cleared: (runId: string) => `/finance/payment-run?id=${encodeURIComponent(runId)}#run-payments`,
};

/** Whether the list is narrowed by a name or a kind. */
export function isFiltered(query: PaymentsQuery): boolean {
  return query.name !== '' || query.kind !== '';
}

/** "Showing 51 to 100 of 120 payments"; "Showing 1 payment"; "No payments match". */
export function showingWords(found: RunPaymentsPage): string {
  if (found.total === 0 || found.payments.length === 0) return 'No payments match';
  if (found.total === 1) return 'Showing 1 payment';
  const first = (found.page - 1) * found.per_page + 1;
  const last = first + found.payments.length - 1;
  const n = (x: number) => x.toLocaleString('en-GB');
  return `Showing ${n(first)} to ${n(last)} of ${n(found.total)} payments`;
}

/** The kind of a payment in words, singular: "Direct payment". */
export function paymentKindWords(kind: string): string {
  switch (kind) {
    case 'direct_payment':
      return 'Direct payment';
    case 'managed_budget':
      return 'Managed budget';
    case 'one_off':
      return 'One-off payment';
    case 'contribution':
      return 'Contribution charged';
    default:
      return kind.replace(/_/g, ' ');
  }
}

/** Where the money goes, in words. */
export function payeeWords(payee: string): string {
  switch (payee) {
    case 'holding_account':
      return 'Their direct payment account';
    case 'holding_organisation':
      return 'The organisation holding their budget';
    case 'person':
      return 'Owed by them';
    default:
      return payee.replace(/_/g, ' ');
  }
}

/** A payment's status as a GOV.UK tag. */
export function paymentStatusTag(status: string): { text: string; modifier: string } {
  switch (status) {
    case 'held':
      return { text: 'Held', modifier: 'govuk-tag--orange' };
    case 'paid':
      return { text: 'Paid', modifier: 'govuk-tag--green' };
    default:
      return { text: 'To be paid', modifier: 'govuk-tag--blue' };
  }
}
