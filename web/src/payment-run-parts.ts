/**
 * The parts of a payment run drawn with GOV.UK components, shared by the payment runs page
 * (/finance/payment-runs, the preview) and a run's page (/finance/payment-run): the payments
 * held and why, and the proposals to recover overpayments.
 *
 *   replaceChildren(host, heldTable(run.held, 'held-table', paymentRunPaths.run(run.id)), overpaidSection(run.overpaid, 'overpaid-list'));
 */
import { h, visuallyHidden } from './dom';
import { table, tag } from './govuk';
import { formatPence } from './money';
import { coversWords, paymentRunPaths, recoveryFields, type HeldPayment, type Overpayment } from './payment-run-view';
import { textarea } from './safeguarding-form';

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

/** The proposals to recover overpayments, as the server's sentences: a run recovers nothing. */
export function overpaidSection(overpaid: readonly Overpayment[], id: string): HTMLElement[] {
  if (overpaid.length === 0) return [];
  return [
    h('h2', { class: 'govuk-heading-m' }, 'Overpayments to recover'),
    h('p', { class: 'govuk-body' }, 'A payment run does not recover these. Start the run, then recover each one from the run’s page, or agree with the person how the money is paid back.'),
    h('ul', { class: 'govuk-list govuk-list--bullet', id }, overpaid.map((o) => h('li', {}, o.sentence))),
  ];
}

/**
 * A run's overpayments, each with what can be done: recovered already (a green tag), or a form
 * to recover it with a reason the person will read. `recover` sends it and answers null when it
 * was done (the page then reads the run again) or shows the problem itself.
 */
export function overpaidRecoveries(
  overpaid: readonly Overpayment[],
  recover: (o: Overpayment, index: number, form: HTMLFormElement) => void,
): HTMLElement[] {
  if (overpaid.length === 0) return [];
  return [
    h('h2', { class: 'govuk-heading-m' }, 'Overpayments to recover'),
    h('p', { class: 'govuk-body' }, 'Money paid in advance for days that are no longer funded. Nothing is taken unless you recover it here; if the account no longer holds the money, agree with the person how it is paid back. A contribution charged for those days is credited back to the person instead.'),
    ...overpaid.map((o, index) => {
      const fields = recoveryFields(index);
      const card = h(
        'div',
        { class: 'govuk-summary-card', id: `overpayment-${index}` },
        h(
          'div',
          { class: 'govuk-summary-card__title-wrapper' },
          h('h3', { class: 'govuk-summary-card__title' }, `${o.person_name}: ${formatPence(o.to_recover_pence)}`),
          o.recovered ? tag(o.credit ? 'Credited' : 'Recovered', 'govuk-tag--green') : null,
        ),
        h('div', { class: 'govuk-summary-card__content' }, h('p', { class: 'govuk-body' }, o.sentence)),
      );
      if (o.recovered) return card;
      const form = h(
        'form',
        { id: `recover-${index}`, method: 'post', action: paymentRunPaths.list, novalidate: true },
        textarea(fields.reason ?? '', o.credit ? 'Reason for crediting it' : 'Reason for recovering it', {
          hint: o.credit
            ? `Kept with the credit and in the audit trail. It comes off what ${o.person_name} owes in contributions: nothing leaves their account.`
            : `Kept with the recovery and in the audit trail. Tell ${o.person_name} before you recover it: the money leaves their account.`,
          rows: 2,
          labelClass: 'govuk-label--s',
        }),
        h(
          'button',
          { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button', id: `recover-${index}-button` },
          o.credit ? `Credit ${formatPence(o.to_recover_pence)}` : `Recover ${formatPence(o.to_recover_pence)}`,
          visuallyHidden(o.credit ? ` to ${o.person_name}` : ` from ${o.person_name}`),
        ),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        recover(o, index, form as HTMLFormElement);
      });
      card.querySelector('.govuk-summary-card__content')?.append(form);
      return card;
    }),
  ];
}
