/**
 * The parts of a payment run drawn with GOV.UK components, shared by the payment runs page
 * (/finance/payment-runs, the preview) and a run's page (/finance/payment-run): the payments
 * held and why, and the proposals to recover overpayments.
 *
 *   replaceChildren(host, heldTable(run.held, 'held-table', paymentRunPaths.run(run.id)), overpaidSection(run.overpaid, 'overpaid-list'));
 */
import { h, visuallyHidden } from './dom';
import { table } from './govuk';
import { formatPence } from './money';
import { paymentRunPaths, type HeldPayment, type Overpayment } from './payment-run-view';

/**
 * The table of payments held, with why. Each person's name links to their budget (the money,
 * which a finance officer may see; not their case record, which they may not), and each row to
 * where their money is paid, which is how most held payments are put right.
 */
export function heldTable(held: readonly HeldPayment[], id: string, back: string): HTMLElement {
  return table({
    id,
    caption: 'Payments held',
    captionSize: 'm',
    captionNote: 'These are not paid in this run. Put right what is wrong and they are paid in the next one.',
    head: ['Person', 'Why it is held', { text: 'Amount', numeric: true }, { text: 'What to do', hidden: true }],
    rows: held.map((p) => [
      h('a', { class: 'govuk-link', href: paymentRunPaths.budget(p.person_id) }, p.person_name),
      p.reason,
      { content: formatPence(p.amount_pence), numeric: true },
      h('a', { class: 'govuk-link', href: paymentRunPaths.details(p.person_id, p.kind, back) }, 'Payment details', visuallyHidden(` for ${p.person_name}`)),
    ]),
    small: true,
  });
}

/** The proposals to recover overpayments, as the server's sentences: a run recovers nothing. */
export function overpaidSection(overpaid: readonly Overpayment[], id: string): HTMLElement[] {
  if (overpaid.length === 0) return [];
  return [
    h('h2', { class: 'govuk-heading-m' }, 'Overpayments to recover'),
    h('p', { class: 'govuk-body' }, 'A payment run does not recover these. Agree with each person how the money is paid back.'),
    h('ul', { class: 'govuk-list govuk-list--bullet', id }, overpaid.map((o) => h('li', {}, o.sentence))),
  ];
}
