// /finance/overpayment?run=…&recovery=… (finance officers): one overpayment a payment run found,
// reached from the run's table of them. What happened (the run's sentence), then a reason and
// the button that recovers the money from the account it was paid into, or, for a contribution
// charged for days not funded, credits it back to the person. With no reason the error summary
// says so and nothing is sent; a refusal (no longer owed, the account holds less) is shown in
// the server's words. Once done, the run's page says so in a banner. An overpayment already
// decided says so, with the way back.
import '../main';
import { api } from '../api';
import { dateInWords } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { paymentRunPaths, RECOVERY_FIELDS, recoverWords, type Overpayment, type OverpaymentRecovered, type PaymentRun } from '../payment-run-view';
import { validationProblem } from '../problem';
import { textarea } from '../safeguarding-form';

function notFound(detail: string): void {
  showPageProblem({ status: 404, type: '', title: 'Not found', detail, errors: [] });
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: paymentRunPaths.list, role: 'finance-officer' });
  if (!page) return;
  const query = new URLSearchParams(window.location.search);
  const runId = query.get('run') ?? '';
  const recoveryId = query.get('recovery') ?? '';
  if (!runId || !recoveryId) {
    return notFound('This address does not say which overpayment to recover. Choose one from its payment run.');
  }
  const found = await api<PaymentRun>('GET', paymentRunPaths.api.run(runId));
  if (!found.ok) return showPageProblem(found.problem);
  const run = found.data;
  const o: Overpayment | undefined = (run.overpaid ?? []).find((x) => x.recovery_id === recoveryId);
  if (!o) return notFound('This payment run lists no such overpayment. Choose one from the run’s table of overpayments.');

  const back = byId<HTMLAnchorElement>('back-link');
  back.href = paymentRunPaths.run(run.id);
  back.textContent = 'Back to the payment run';
  byId('run-caption').textContent = `Payment run for ${dateInWords(run.date)}`;
  const heading = recoverWords(o);
  byId('page-heading').textContent = heading;
  document.title = `${heading} – selfdirect`;
  byId('loading').remove();
  const host = byId('overpayment');
  const what = h('div', { class: 'govuk-inset-text', id: 'overpayment-sentence' }, o.sentence);
  if (o.recovered) {
    replaceChildren(
      host,
      what,
      h('p', { class: 'govuk-body', id: 'already-decided' }, o.credit ? 'This has been credited back to the person already.' : 'This has been recovered already.'),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: paymentRunPaths.run(run.id) }, 'Back to the payment run')),
    );
    return;
  }
  const button = h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'recover-button' }, heading);
  const form = h(
    'form',
    { id: 'recover-form', method: 'post', action: paymentRunPaths.overpayment(run.id, o.recovery_id), novalidate: true },
    textarea(RECOVERY_FIELDS['reason'] ?? 'reason', o.credit ? 'Why are you crediting it?' : 'Why are you recovering it?', {
      hint: o.credit
        ? `Kept with the credit and in the audit trail. It comes off what ${o.person_name} owes in contributions: nothing leaves their account.`
        : `Kept with the recovery and in the audit trail. Tell ${o.person_name} before you recover it: the money leaves their account.`,
      rows: 3,
      labelClass: 'govuk-label--s',
    }),
    h('div', { class: 'govuk-button-group' }, button, h('a', { class: 'govuk-link', href: paymentRunPaths.run(run.id), id: 'cancel' }, 'Cancel')),
  ) as HTMLFormElement;
  replaceChildren(host, what, form);
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const reason = byId<HTMLTextAreaElement>('reason').value.trim();
    if (!reason) {
      errors.show(validationProblem([{ field: 'reason', message: o.credit ? 'Say why the contribution is credited back: it is kept with the credit' : 'Say why the money is recovered: it is kept with the recovery' }]), RECOVERY_FIELDS);
      return;
    }
    busy = true;
    void (async () => {
      const done = await api<OverpaymentRecovered>('POST', paymentRunPaths.api.recover(o.person_id), { recovery_id: o.recovery_id, reason });
      if (!done.ok) {
        busy = false;
        showFormProblem(errors, done.problem, RECOVERY_FIELDS, { linkOtherProblemsTo: 'reason' });
        return;
      }
      setFlash({ heading: o.credit ? 'Contribution credited back' : 'Overpayment recovered', body: done.data.sentence });
      window.location.assign(paymentRunPaths.run(run.id));
    })();
  });
}

void main();
