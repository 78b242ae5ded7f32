/**
 * Payment runs' pure parts: what the payment-run API sends, a run's status as a GOV.UK tag,
 * the summary rows of a preview and of a run in plain English, the progress of a release, the
 * default date, and the payment details form's body and field ids. No DOM, no fetch.
 *
 *   runStatusTag('awaiting_approval')      // { text: 'Waiting for a second approval', modifier: 'govuk-tag--yellow' }
 *   previewRows(preview)                   // [['Payment date', '1 December 2026'], ['Budgets with a payment due', '12'], …]
 *   releaseProgress({ posted: 3, payments: 14 })   // 'Posting payments… 3 of 14 posted'
 *   paymentRunPaths.run('01J…')            // '/finance/payment-run?id=01J…'
 */
import { dateInWords } from './casework-view';
import { formatPence } from './money';
import { whenInWords } from './plan-view';
import type { FieldProblem } from './problem';

/** One kind of payment in a preview or run: direct payments, managed budgets, one-offs, contributions. */
export interface KindTotal {
  kind: string;
  label: string;
  count: number;
  total_pence: number;
}

/** A payment that is due but will not be paid, and why (for example, no bank details). */
export interface HeldPayment {
  person_id: string;
  person_name: string;
  kind: string;
  amount_pence: number;
  reason: string;
  /** The days the payment is for, both included (YYYY-MM-DD). */
  covers_from: string;
  covers_to: string;
}

/** A proposal to recover money paid that was not due. Nothing is recovered by a run. */
export interface Overpayment {
  person_id: string;
  person_name: string;
  to_recover_pence: number;
  sentence: string;
  /** What POST …/overpayment-recoveries takes. */
  recovery_id: string;
  /** A run's overpayment recovered since the run listed it (a preview's: always false). */
  recovered: boolean;
  /** A contribution charged for days not funded: recovering it credits the person, taking nothing from them. */
  credit?: boolean;
}

/** What POST /api/people/{id}/overpayment-recoveries answers. */
export interface OverpaymentRecovered {
  person_id: string;
  person_name: string;
  recovery_id: string;
  recovered_pence: number;
  sentence: string;
}

/** The recovery form's field ids by the server's field names (recovery_id has no field of its own). */
export const RECOVERY_FIELDS: Readonly<Record<string, string>> = { reason: 'reason', recovery_id: 'reason' };

/**
 * What recovering an overpayment does, in words: "Recover £180.00 from Maya Okafor", or for a
 * contribution charged for days not funded, "Credit £50.60 to Maya Okafor".
 */
export function recoverWords(o: Pick<Overpayment, 'person_name' | 'to_recover_pence' | 'credit'>): string {
  return o.credit ? `Credit ${formatPence(o.to_recover_pence)} to ${o.person_name}` : `Recover ${formatPence(o.to_recover_pence)} from ${o.person_name}`;
}

/** An overpayment's status as a GOV.UK tag. */
export function overpaidTag(o: Pick<Overpayment, 'recovered' | 'credit'>): { text: string; modifier: string } {
  if (!o.recovered) return { text: 'To decide', modifier: 'govuk-tag--yellow' };
  return o.credit ? { text: 'Credited', modifier: 'govuk-tag--green' } : { text: 'Recovered', modifier: 'govuk-tag--green' };
}

/**
 * How many overpayments are still to decide and what they come to, and how many are done:
 * "2 overpayments to decide, £360.00 in all. 1 recovered or credited."
 */
export function overpaidCountWords(overpaid: readonly Pick<Overpayment, 'recovered' | 'to_recover_pence'>[]): string {
  const open = overpaid.filter((o) => !o.recovered);
  const done = overpaid.length - open.length;
  const total = sumPence(open.map((o) => o.to_recover_pence));
  const first = open.length === 0 ? 'Nothing left to decide.' : `${countWords(open.length, 'overpayment')} to decide, ${formatPence(total)} in all.`;
  return done === 0 ? first : `${first} ${done.toLocaleString('en-GB')} recovered or credited.`;
}

/** A run that has been started but not released or rejected: it blocks another. */
export interface OpenRun {
  id: string;
  date: string;
  status: string;
}

/** GET /api/payment-runs/preview?date=…: what a run on that date would pay. */
export interface Preview {
  date: string;
  /** The last day whose payments the run pays: the day before the next run is due. */
  pays_through: string;
  pays_through_sentence: string;
  budgets: number;
  payments: number;
  total_pence: number;
  by_kind: KindTotal[];
  held: HeldPayment[];
  overpaid: Overpayment[];
  approval_threshold_pence: number;
  needs_second_approval: boolean;
  open_run: OpenRun | null;
  /** The first run of a financial year commits that year's money for budgets still in payment. */
  year_commitment?: YearCommitment;
}

export interface YearCommitment {
  year: string;
  budgets: number;
  committed_pence: number;
  sentence: string;
}

export type RunStatus = 'awaiting_approval' | 'ready' | 'releasing' | 'released' | 'rejected';

/** A payment run as GET /api/payment-runs/{id} sends it (the list leaves out the lines). */
export interface PaymentRun {
  id: string;
  date: string;
  pays_through: string;
  pays_through_sentence: string;
  status: RunStatus | string;
  status_label?: string;
  payments: number;
  total_pence: number;
  by_kind?: KindTotal[];
  held?: HeldPayment[];
  overpaid?: Overpayment[];
  needs_second_approval: boolean;
  approval_threshold_pence: number;
  year_commitment?: YearCommitment;
  started_by_name: string;
  started_at: string;
  approved_by_name?: string | null;
  approved_at?: string | null;
  released_by_name?: string | null;
  released_at?: string | null;
  rejected_reason?: string | null;
  posted?: number;
  file_name?: string | null;
}

/** Where a person's money is paid, as PUT and GET /api/people/{id}/payment-details send it. */
export interface PaymentDetails {
  person_id: string;
  route: string;
  payee_name: string;
  sort_code: string;
  /** Only the last 4 digits, as "****5678". */
  account_number: string;
  card_reference: string;
  updated_at: string;
}

/** Where the payment-run pages live, on the site and in the API. */
export const paymentRunPaths = {
  list: '/finance/payment-runs',
  listForDate: (date: string) => `/finance/payment-runs?date=${encodeURIComponent(date)}`,
  run: (id: string) => `/finance/payment-run?id=${encodeURIComponent(id)}`,
  /** Where a person's money is paid; `kind` chooses the route, `back` is the page to return to. */
  details: (personId: string, kind?: string, back?: string) =>
    `/finance/payment-details?person=${encodeURIComponent(personId)}${kind && isRoute(kind) ? `&route=${encodeURIComponent(kind)}` : ''}${back ? `&return=${encodeURIComponent(back)}` : ''}`,
  budget: (personId: string) => `/person/budget?person=${encodeURIComponent(personId)}`,
  /** The page to recover one of a run's overpayments (its recovery_id). */
  overpayment: (runId: string, recoveryId: string) => `/finance/overpayment?run=${encodeURIComponent(runId)}&recovery=${encodeURIComponent(recoveryId)}`,
  api: {
    preview: (date: string) => `/api/payment-runs/preview?date=${encodeURIComponent(date)}`,
    runs: '/api/payment-runs',
    run: (id: string) => `/api/payment-runs/${encodeURIComponent(id)}`,
    approve: (id: string) => `/api/payment-runs/${encodeURIComponent(id)}/approve`,
    reject: (id: string) => `/api/payment-runs/${encodeURIComponent(id)}/reject`,
    release: (id: string) => `/api/payment-runs/${encodeURIComponent(id)}/release`,
    file: (id: string) => `/api/payment-runs/${encodeURIComponent(id)}/file`,
    details: (personId: string) => `/api/people/${encodeURIComponent(personId)}/payment-details`,
    recover: (personId: string) => `/api/people/${encodeURIComponent(personId)}/overpayment-recoveries`,
  },
};

const STATUS: Readonly<Record<string, { text: string; modifier: string }>> = {
  awaiting_approval: { text: 'Waiting for a second approval', modifier: 'govuk-tag--yellow' },
  ready: { text: 'Ready to release', modifier: 'govuk-tag--blue' },
  releasing: { text: 'Being released', modifier: 'govuk-tag--light-blue' },
  released: { text: 'Released', modifier: 'govuk-tag--green' },
  rejected: { text: 'Rejected', modifier: 'govuk-tag--red' },
};

/** A run's status as a GOV.UK tag: the server's label when it sends one, and a colour. */
export function runStatusTag(status: string, label?: string): { text: string; modifier: string } {
  const known = STATUS[status];
  const text = label || known?.text || (status.charAt(0).toUpperCase() + status.slice(1)).replace(/_/g, ' ');
  return { text, modifier: known?.modifier ?? 'govuk-tag--grey' };
}

/** "1 payment", "14 payments". */
export function countWords(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** One kind's line: "10 payments, £10,000.00". Contributions are owed to the council, not paid. */
export function kindWords(kind: KindTotal): string {
  // A contribution is charged once a period: a run that catches up several periods charges a
  // person more than once, so these are charges, not people.
  const what = kind.kind === 'contribution' ? countWords(kind.count, 'charge') : countWords(kind.count, 'payment');
  return `${what}, ${formatPence(kind.total_pence)}`;
}

/** How many days after today a run may be dated before its preview warns that the year may be wrong. */
export const FAR_AHEAD_DAYS = 31;

/**
 * A warning for a run dated more than a month after `today` (UTC): such a run pays every budget
 * up to that date, so a mistyped year would pay months or years in advance. Null otherwise.
 */
export function farAheadWarning(runDate: string, today: Date = new Date()): string | null {
  const parts = runDate.split('-').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n))) return null;
  const [year, month, day] = parts as [number, number, number];
  const run = Date.UTC(year, month - 1, day);
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const days = Math.round((run - now) / 86_400_000);
  if (days <= FAR_AHEAD_DAYS) return null;
  return `This run is for ${dateInWords(runDate)}, more than a month from today: it would pay every budget up to that date. Check the year before you start it.`;
}

/** Whether a second finance officer must approve, in words, with the threshold. */
export function approvalWords(needed: boolean, thresholdPence: number): string {
  const threshold = formatPence(thresholdPence);
  return needed
    ? `Yes: the total is more than ${threshold}, so a second finance officer must approve the run before it is released`
    : `No: the total is not more than ${threshold}`;
}

/** The rows every preview and run share: what is paid, by kind, and whether a second approval is needed. */
function moneyRows(
  x: Pick<Preview, 'payments' | 'total_pence' | 'needs_second_approval' | 'approval_threshold_pence'> & { by_kind?: KindTotal[] },
  paid = false,
): [string, string][] {
  const kinds = (x.by_kind ?? []).map((k): [string, string] => [k.label, kindWords(k)]);
  return [
    ...kinds,
    [paid ? 'Total paid' : 'Total to be paid', `${formatPence(x.total_pence)} in ${countWords(x.payments, 'payment')}`],
    ['Needs a second approval', approvalWords(x.needs_second_approval, x.approval_threshold_pence)],
  ];
}

/** Which periods a run pays: it pays in advance, up to the day before the next run. */
export function paysThroughWords(x: Pick<Preview, 'date' | 'pays_through'>): string {
  const through = `On or before ${dateInWords(x.pays_through)}`;
  return x.pays_through === x.date ? through : `${through}, the day before the next run`;
}

/** The preview's summary list rows. */
export function previewRows(preview: Preview): [string, string][] {
  return [
    ['Payment date', dateInWords(preview.date)],
    ['Pays periods that begin', paysThroughWords(preview)],
    ['Budgets with a payment due', preview.budgets.toLocaleString('en-GB')],
    ...moneyRows(preview),
    ['Payments held', preview.held.length === 0 ? 'None' : `${countWords(preview.held.length, 'payment')}, ${formatPence(sumPence(preview.held.map((p) => p.amount_pence)))}`],
  ];
}

/** The run's summary list rows (the status is shown as a tag separately). */
export function runRows(run: PaymentRun): [string, string][] {
  const rows: [string, string][] = [
    ['Payment date', dateInWords(run.date)],
    ['Pays periods that begin', paysThroughWords(run)],
    ...moneyRows(run, run.status === 'released'),
  ];
  rows.push(['Started by', `${run.started_by_name}, ${whenInWords(run.started_at)}`]);
  if (run.approved_by_name) rows.push(['Approved by', `${run.approved_by_name}${run.approved_at ? `, ${whenInWords(run.approved_at)}` : ''}`]);
  if (run.released_by_name) rows.push(['Released by', `${run.released_by_name}${run.released_at ? `, ${whenInWords(run.released_at)}` : ''}`]);
  if (run.status === 'rejected' && run.rejected_reason) rows.push(['Why it was rejected', run.rejected_reason]);
  return rows;
}

/** The past runs table's row: date, status tag, total, who started it. */
/**
 * The days a payment is for, both included, in words, naming the month and year once when they
 * are shared: "3 to 30 November 2026", "17 November to 14 December 2026",
 * "22 December 2026 to 18 January 2027"; one day alone: "3 November 2026".
 */
export function coversWords(from: string, to: string): string {
  const a = dateInWords(from).split(' ');
  const b = dateInWords(to).split(' ');
  if (a.length !== 3 || b.length !== 3) return `${dateInWords(from)} to ${dateInWords(to)}`;
  if (from === to) return dateInWords(from);
  if (a[2] !== b[2]) return `${a.join(' ')} to ${b.join(' ')}`;
  if (a[1] !== b[1]) return `${a[0]} ${a[1]} to ${b.join(' ')}`;
  return `${a[0]} to ${b.join(' ')}`;
}

export function pastRunRow(run: PaymentRun): { date: string; tag: { text: string; modifier: string }; total: string; startedBy: string } {
  return {
    date: dateInWords(run.date),
    tag: runStatusTag(run.status, run.status_label),
    total: formatPence(run.total_pence),
    startedBy: run.started_by_name,
  };
}

/** What the page says while a release is posting payments. */
export function releaseProgress(run: Pick<PaymentRun, 'posted' | 'payments'> | null): string {
  if (!run || run.posted === undefined || run.payments === 0) return 'Posting payments…';
  return `Posting payments… ${Math.min(run.posted, run.payments).toLocaleString('en-GB')} of ${countWords(run.payments, 'payment')} posted`;
}

/** The words of the success banner after a run is started. */
export function startedWords(run: Pick<PaymentRun, 'status' | 'date' | 'payments' | 'total_pence' | 'year_commitment'>): { heading: string; body: string } {
  const what = `${countWords(run.payments, 'payment')}, ${formatPence(run.total_pence)}, for ${dateInWords(run.date)}`;
  const year = run.year_commitment ? ` ${run.year_commitment.sentence}` : '';
  return run.status === 'awaiting_approval'
    ? { heading: 'Payment run started', body: `${what}. Another finance officer must approve it before the payments are released.${year}` }
    : { heading: 'Payment run started', body: `${what}. It is ready to release.${year}` };
}

/** Adds up amounts of pence exactly. */
export function sumPence(amounts: readonly number[]): bigint {
  return amounts.reduce((total, pence) => total + BigInt(pence), 0n);
}

/** A date's three boxes filled in with `when` (the browser's today, by default). */
export function dateParts(when: Date = new Date()): { day: string; month: string; year: string } {
  return { day: String(when.getDate()), month: String(when.getMonth() + 1), year: String(when.getFullYear()) };
}

/** `YYYY-MM-DD` split into the three boxes, or null when it is not such a date. */
export function isoDateParts(iso: string | null): { day: string; month: string; year: string } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return null;
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

/** The date form's field: the server's `date` is shown by the day box. */
export const DATE_FIELDS: Readonly<Record<string, string>> = { date: 'date-day' };

/** The reject form's field. */
export const REJECT_FIELDS: Readonly<Record<string, string>> = { reason: 'reason' };

/** The routes a payment can be made by, for the payment details form. */
export const ROUTES: readonly { value: string; text: string; hint: string }[] = [
  { value: 'direct_payment', text: 'Direct payment', hint: 'Paid to the person, or to someone who manages it for them' },
  { value: 'managed_budget', text: 'Managed budget', hint: 'Paid to the provider or organisation that manages the budget' },
];

export function isRoute(value: string): boolean {
  return ROUTES.some((r) => r.value === value);
}

/** The route's name: "Direct payment". */
export function routeLabel(route: string): string {
  return ROUTES.find((r) => r.value === route)?.text ?? route.replace(/_/g, ' ');
}

/** The payment details form's fields: the server's names to the element ids. */
export const DETAILS_FIELDS: Readonly<Record<string, string>> = {
  route: 'route',
  payee_name: 'payee-name',
  method: 'method',
  sort_code: 'sort-code',
  account_number: 'account-number',
  card_reference: 'card-reference',
};

export interface DetailsAnswers {
  route: string | undefined;
  payeeName: string;
  /** 'bank' or 'card', or undefined when neither was chosen. */
  method: string | undefined;
  sortCode: string;
  accountNumber: string;
  cardReference: string;
}

export interface DetailsBody {
  route: string;
  payee_name: string;
  sort_code: string;
  account_number: string;
  card_reference: string;
}

/**
 * The body for PUT /api/people/{id}/payment-details. Only the chosen way of paying is sent
 * (a bank account or a card, never both). The server checks the details themselves; here only
 * what the server cannot be asked: which way of paying was chosen.
 */
export function detailsBody(a: DetailsAnswers): { ok: true; body: DetailsBody } | { ok: false; errors: FieldProblem[] } {
  if (a.method !== 'bank' && a.method !== 'card') {
    const errors: FieldProblem[] = [];
    if (!a.route) errors.push({ field: 'route', message: 'Select whether this is a direct payment or a managed budget' });
    if (!a.payeeName.trim()) errors.push({ field: 'payee_name', message: 'Enter the name of who is paid' });
    errors.push({ field: 'method', message: 'Select how the money is paid: into a bank account or onto a prepaid card' });
    return { ok: false, errors };
  }
  const bank = a.method === 'bank';
  return {
    ok: true,
    body: {
      route: a.route ?? '',
      payee_name: a.payeeName.trim(),
      sort_code: bank ? a.sortCode.trim() : '',
      account_number: bank ? a.accountNumber.trim() : '',
      card_reference: bank ? '' : a.cardReference.trim(),
    },
  };
}

/** Saved details in summary rows: who is paid and where (the account number only by its last digits). */
export function detailsRows(d: PaymentDetails): [string, string][] {
  const rows: [string, string][] = [['Paid to', d.payee_name]];
  if (d.card_reference) rows.push(['Prepaid card', d.card_reference]);
  else {
    rows.push(['Sort code', d.sort_code]);
    rows.push(['Account number', d.account_number.replace(/^\*+/, 'Ending ')]);
  }
  rows.push(['Last changed', whenInWords(d.updated_at)]);
  return rows;
}
