// /finance/contribution-payments?person=… (finance officers): what the person owes towards their
// assessed contribution, the payments recorded, and the form to record another. Reached from the
// finance overview's table of contributions owed. Each drawing of the form has its own key, so a
// second click (or a retry after a lost answer) records the payment once.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { moneyInput, singleCheckbox } from '../form-parts';
import { table } from '../govuk';
import { showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { formatPence } from '../money';
import { validationProblem } from '../problem';
import { dateInput, textInput, valueOf } from '../safeguarding-form';
import { financeOverviewPaths } from '../finance-overview-view';
import {
  asksIfPaidTwice,
  contributionPaymentBody,
  contributionPaymentsPath,
  newPaymentKey,
  owedSentence,
  owedWorking,
  paymentRows,
  referenceSentence,
  PAYMENT_FIELDS,
  type ContributionAccount,
  type ContributionPaid,
} from '../contribution-payments-view';

function accountParts(a: ContributionAccount): HTMLElement[] {
  const parts: HTMLElement[] = [
    h('p', { class: 'govuk-body-l', id: 'owed-sentence' }, owedSentence(a)),
    h('p', { class: 'govuk-body', id: 'owed-working' }, owedWorking(a)),
    h('p', { class: 'govuk-body', id: 'contribution-reference' }, referenceSentence(a)),
  ];
  if (a.payments.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'no-payments' }, 'No payments have been recorded yet.'));
  } else {
    parts.push(
      table({
        caption: 'Payments recorded, newest first',
        captionSize: 'm',
        head: ['Paid on', { text: 'Amount', numeric: true }, 'Reference'],
        rows: paymentRows(a).map(([on, amount, reference]) => [on, { content: amount, numeric: true }, reference]),
        rowHeadings: true,
        plainRowHeadings: true,
        id: 'payments-table',
      }),
    );
  }
  return parts;
}

function formFields(a: ContributionAccount): HTMLElement[] {
  return [
    moneyInput('amount', 'How much did they pay?', `In pounds and pence, like 15.00. No more than they owe: ${formatPence(a.owed_pence)}.`),
    dateInput('paid-on', 'When did they pay?', 'The day the money reached the council. For example, 20 11 2026.'),
    textInput('reference', 'Reference (optional)', { hint: 'The bank’s reference or a receipt number, to find the payment again.', labelClass: 'govuk-label--s' }),
    // Shown only when the server finds a payment like this one already recorded.
    h(
      'div',
      { id: 'paid-twice-group', hidden: true },
      singleCheckbox('paid-twice', 'They really paid this twice: record it again', {
        hint: 'Leave this unticked if it is the payment already recorded. Check the bank statement if you are not sure.',
      }),
    ),
  ];
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: financeOverviewPaths.page(), role: 'finance-officer' });
  if (!page) return;
  const personId = new URLSearchParams(window.location.search).get('person') ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose contribution payment to record. Open the person from the contributions owed on the finance overview.', errors: [] });
  }
  const first = await api<ContributionAccount>('GET', contributionPaymentsPath(personId));
  if (!first.ok) return showPageProblem(first.problem);
  let account = first.data;
  byId('person-caption').textContent = account.person_name;
  document.title = `Record a contribution payment – ${account.person_name} – selfdirect`;

  const form = byId<HTMLFormElement>('payment-form');
  const errors = new FormErrors(byId('error-summary'), form);
  let key = newPaymentKey();

  const draw = (): void => {
    replaceChildren(byId('account'), ...accountParts(account));
    const owes = account.owed_pence > 0;
    form.hidden = !owes;
    byId('nothing-owed').hidden = owes;
    if (owes) replaceChildren(byId('payment-fields'), ...formFields(account));
  };
  draw();

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    byId('notification').replaceChildren();
    try {
      const built = contributionPaymentBody(
        {
          amount: valueOf(form, 'amount'),
          paidOn: { day: valueOf(form, 'paid-on-day'), month: valueOf(form, 'paid-on-month'), year: valueOf(form, 'paid-on-year') },
          reference: valueOf(form, 'reference'),
          paidTwice: byId<HTMLInputElement>('paid-twice').checked,
        },
        key,
      );
      if (!built.ok) {
        errors.show(validationProblem(built.errors), PAYMENT_FIELDS);
        return;
      }
      const saved = await api<ContributionPaid>('POST', contributionPaymentsPath(personId), built.body);
      if (!saved.ok) {
        if (asksIfPaidTwice(saved.problem.errors)) byId('paid-twice-group').hidden = false;
        showFormProblem(errors, saved.problem, PAYMENT_FIELDS);
        return;
      }
      errors.clear();
      const after = await api<ContributionAccount>('GET', contributionPaymentsPath(personId));
      if (after.ok) account = after.data;
      key = newPaymentKey();
      draw();
      showSuccess(byId('notification'), saved.data.replayed ? 'This payment was already recorded' : 'Payment recorded', saved.data.sentence);
    } finally {
      busy = false;
    }
  });
  byId('loading').remove();
}

void main();
