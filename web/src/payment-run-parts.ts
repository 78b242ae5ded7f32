/**
 * The parts of a payment run drawn with GOV.UK components, shared by the payment runs page
 * (/finance/payment-runs, the preview) and a run's page (/finance/payment-run): the payments
 * held and why, and the proposals to recover overpayments.
 *
 *   replaceChildren(host, heldTable(run.held, 'held-table', paymentRunPaths.run(run.id)), ...overpaidSection(preview.overpaid, 'overpaid-list'));
 *   replaceChildren(host, overpaidTable(run.overpaid, run.id));
 */
import { h, visuallyHidden } from './dom';
import { table, tag } from './govuk';
import { formatPence } from './money';
import { coversWords, overpaidCountWords, overpaidTag, paymentRunPaths, recoverWords, type HeldPayment, type Overpayment } from './payment-run-view';

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
    head: ['Person', 'Why it is held', 'For', { text: 'Amount', numeric: true }, { text: 'What to do', hidden: true }],
    rows: held.map((p) => [
      h('a', { class: 'govuk-link', href: paymentRunPaths.budget(p.person_id) }, p.person_name),
      p.reason,
      coversWords(p.covers_from, p.covers_to),
      { content: formatPence(p.amount_pence), numeric: true },
      h('a', { class: 'govuk-link', href: paymentRunPaths.details(p.person_id, p.kind, back) }, 'Payment details', visuallyHidden(` for ${p.person_name}`)),
    ]),
    small: true,
  });
}

/**
 * The overpayments a run on the previewed date would list: how many and what they come to, and
 * a table of whose and how much, each with what happened. A run recovers nothing: each is decided
 * on the run's page once it is started.
 */
export function overpaidSection(overpaid: readonly Overpayment[], id: string): HTMLElement[] {
  if (overpaid.length === 0) return [];
  return [
    h('h2', { class: 'govuk-heading-m' }, 'Overpayments to recover'),
    h('p', { class: 'govuk-body' }, 'A payment run does not recover these. Start the run, then recover each one from the run’s page, or agree with the person how the money is paid back.'),
    h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: `${id}-count` }, overpaidCountWords(overpaid)),
    table({
      id,
      caption: 'Overpayments',
      captionSize: 'hidden',
      head: ['Person', { text: 'Amount', numeric: true }, 'What happened'],
      rows: overpaid.map((o) => [
        h('a', { class: 'govuk-link', href: paymentRunPaths.budget(o.person_id) }, o.person_name),
        { content: formatPence(o.to_recover_pence), numeric: true },
        o.sentence,
      ]),
      small: true,
    }),
  ];
}

/**
 * A run's overpayments as a table: whose (linked to their budget), how much, whether it has been
 * decided, and a link to the page that recovers it (or credits it back, for a contribution).
 * Each decision has a page of its own, so that a run with hundreds of them is a list to work
 * through rather than a page of forms.
 */
export function overpaidTable(overpaid: readonly Overpayment[], runId: string): HTMLElement[] {
  if (overpaid.length === 0) return [];
  return [
    h('h2', { class: 'govuk-heading-m' }, 'Overpayments to recover'),
    h('p', { class: 'govuk-body' }, 'Money paid in advance for days that are no longer funded. Nothing is taken unless you recover it; if the account no longer holds the money, agree with the person how it is paid back. A contribution charged for those days is credited back to the person instead.'),
    h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'overpaid-count' }, overpaidCountWords(overpaid)),
    table({
      id: 'overpaid-table',
      caption: 'Overpayments',
      captionSize: 'hidden',
      head: ['Person', { text: 'Amount', numeric: true }, 'Status', { text: 'What to do', hidden: true }],
      rows: overpaid.map((o) => {
        const status = overpaidTag(o);
        return [
          h('a', { class: 'govuk-link', href: paymentRunPaths.budget(o.person_id) }, o.person_name),
          { content: formatPence(o.to_recover_pence), numeric: true },
          tag(status.text, status.modifier),
          o.recovered ? '' : h('a', { class: 'govuk-link', href: paymentRunPaths.overpayment(runId, o.recovery_id) }, o.credit ? 'Credit it' : 'Recover it', visuallyHidden(`: ${recoverWords(o)}`)),
        ];
      }),
      small: true,
    }),
  ];
}
