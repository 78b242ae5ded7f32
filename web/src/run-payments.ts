/**
 * The "Payments in this run" section of a run's page (/finance/payment-run): a form to narrow
 * the list by name or kind and choose its order (a GET form: the filters live in the address,
 * so the back button, a bookmark and the pagination keep them), how many match, a page of
 * payments as a table (each person's name links to their budget), and a GOV.UK pagination.
 *
 *   await drawRunPayments(byId('run-payments'), run.id, window.location.search, summaryHost);
 */
import { api } from './api';
import { h, replaceChildren, visuallyHidden } from './dom';
import { FormErrors } from './forms';
import { pagination, table, tag } from './govuk';
import { formatPence } from './money';
import { coversWords, paymentRunPaths } from './payment-run-view';
import { validationProblem } from './problem';
import {
  isFiltered,
  PAYMENT_KINDS,
  PAYMENT_ORDERS,
  PAYMENTS_FILTER_FIELDS,
  paymentKindWords,
  paymentStatusTag,
  payeeWords,
  readPaymentsQuery,
  runPaymentsPaths,
  showingWords,
  type PaymentsQuery,
  type RunPaymentsPage,
} from './run-payments-view';

function select(id: string, name: string, label: string, options: readonly { value: string; text: string }[], chosen: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id }, label),
    h(
      'select',
      { class: 'govuk-select', id, name },
      options.map((o) => h('option', { value: o.value, selected: o.value === chosen ? true : undefined }, o.text)),
    ),
  );
}

function filterForm(runId: string, query: PaymentsQuery): HTMLFormElement {
  return h(
    'form',
    { id: 'payments-filter', method: 'get', action: '/finance/payment-run#run-payments', novalidate: true },
    h('input', { type: 'hidden', name: 'id', value: runId }),
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: PAYMENTS_FILTER_FIELDS['name'] }, 'Name'),
      h('div', { class: 'govuk-hint', id: 'payments-name-hint' }, 'All or part of the person’s name'),
      h('input', {
        class: 'govuk-input govuk-input--width-20',
        id: PAYMENTS_FILTER_FIELDS['name'],
        name: 'name',
        type: 'text',
        value: query.name,
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': 'payments-name-hint',
      }),
    ),
    select('payments-kind', 'kind', 'Kind of payment', [{ value: '', text: 'All kinds' }, ...PAYMENT_KINDS], query.kind),
    select('payments-order', 'order', 'Order', PAYMENT_ORDERS, query.order),
    h(
      'div',
      { class: 'govuk-button-group' },
      h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button', id: 'show-payments' }, 'Show payments'),
      isFiltered(query) ? h('a', { class: 'govuk-link', href: runPaymentsPaths.cleared(runId), id: 'clear-filters' }, 'Clear the name and kind') : null,
    ),
  ) as HTMLFormElement;
}

function paymentsTable(runId: string, found: RunPaymentsPage): HTMLElement {
  return table({
    id: 'payments-table',
    caption: `Payments, page ${found.page} of ${found.pages}`,
    captionSize: 'hidden',
    head: ['Person', 'Kind', 'For', 'Paid to', { text: 'Amount', numeric: true }, 'Status'],
    rows: found.payments.map((p) => {
      const status = paymentStatusTag(p.status);
      return [
        h('a', { class: 'govuk-link', href: paymentRunPaths.budget(p.person_id) }, p.person_name || 'Name not known'),
        paymentKindWords(p.kind),
        coversWords(p.covers_from, p.covers_to),
        payeeWords(p.payee),
        { content: formatPence(p.amount_pence), numeric: true },
        h('span', {}, tag(status.text, status.modifier), p.held_reason ? h('span', { class: 'govuk-body-s app-held-reason' }, ' ', p.held_reason) : null),
      ];
    }),
    small: true,
    scroll: true,
  });
}

/**
 * Draws the section into `host` for the run `runId`, as the address's query `search` asks.
 * A name too long is shown in the error summary (`summaryHost`) against the name field and the
 * list is not fetched; a problem from the server is shown the same way.
 */
export async function drawRunPayments(host: HTMLElement, runId: string, search: string, summaryHost: HTMLElement): Promise<void> {
  const { query, errors } = readPaymentsQuery(search);
  const form = filterForm(runId, query);
  const heading = h('h2', { class: 'govuk-heading-m' }, 'Payments in this run');
  const intro = h(
    'div',
    {},
    h('p', { class: 'govuk-body' }, 'Every payment the run makes, held ones too. Check them before you approve or release the run.'),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: runPaymentsPaths.csv(runId), download: true, id: 'payments-csv' }, 'Download every payment as a spreadsheet (CSV)')),
  );
  const formErrors = new FormErrors(summaryHost, form);
  if (errors.length > 0) {
    replaceChildren(host, heading, intro, form);
    formErrors.show(validationProblem(errors), PAYMENTS_FILTER_FIELDS);
    return;
  }
  const found = await api<RunPaymentsPage>('GET', runPaymentsPaths.api(runId, query));
  if (!found.ok) {
    replaceChildren(host, heading, intro, form);
    formErrors.show(found.problem, PAYMENTS_FILTER_FIELDS);
    return;
  }
  const page = found.data;
  replaceChildren(
    host,
    heading,
    intro,
    form,
    h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'payments-count', role: 'status' }, showingWords(page), isFiltered(query) ? visuallyHidden(' for the name and kind chosen') : null),
    page.payments.length > 0 ? paymentsTable(runId, page) : null,
    pagination({ current: page.page, pages: page.pages, href: (n) => runPaymentsPaths.page(runId, query, n), label: 'Pages of payments' }),
  );
}
