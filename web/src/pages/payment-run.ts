// /finance/payment-run?id=… (finance officers): one payment run. Its summary (status as a tag,
// the date, what is paid by kind, the total, whether a second approval is needed, who started,
// approved and released it), then what can be done now, by its status: waiting for a second
// approval → "Approve" or "Reject" with a reason (the server refuses the officer who started
// it, and the page shows why in the error summary); ready (or being released, when a release
// stopped half-way) → "Release payments", which posts
// every payment to the ledger (the button is disabled and the page says how far it has got
// meanwhile) and makes the payment file; released → the link to download the payment file;
// rejected → why, and that the date can be run again. Then the payments held, the overpayments
// to recover (each recovered on a page of its own, /finance/overpayment), and every payment of
// the run a page at a time (run-payments.ts). After each action the run is read again and a
// success banner says what happened.
import '../main';
import { api } from '../api';
import { dateInWords } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, tag } from '../govuk';
import { showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { formatPence } from '../money';
import { heldTable, overpaidTable } from '../payment-run-parts';
import { drawRunPayments } from '../run-payments';
import { countWords, paymentRunPaths, releaseProgress, REJECT_FIELDS, runRows, runStatusTag, type PaymentRun } from '../payment-run-view';
import { validationProblem } from '../problem';
import { textarea } from '../safeguarding-form';

/** How often the page asks how far a release has got, in milliseconds. */
const PROGRESS_EVERY_MS = 500;

function button(id: string, text: string, modifier = ''): HTMLButtonElement {
  return h('button', { type: 'submit', class: `govuk-button${modifier ? ` ${modifier}` : ''}`, 'data-module': 'govuk-button', id }, text);
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: paymentRunPaths.list, role: 'finance-officer' });
  if (!page) return;
  const runId = new URLSearchParams(window.location.search).get('id') ?? '';
  if (!runId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say which payment run to show. Choose one from the list of payment runs.', errors: [] });
  }
  const first = await api<PaymentRun>('GET', paymentRunPaths.api.run(runId));
  if (!first.ok) return showPageProblem(first.problem);

  const summaryHost = byId('error-summary');
  const notification = byId('notification');
  let busy = false;

  /** Runs `action` unless another is under way; the buttons do nothing twice. */
  const once = async (action: () => Promise<void>): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await action();
    } finally {
      busy = false;
    }
  };

  /** Reads the run again and draws it, or shows why it could not be read. */
  const reread = async (): Promise<PaymentRun | null> => {
    const again = await api<PaymentRun>('GET', paymentRunPaths.api.run(runId));
    if (!again.ok) {
      showPageProblem(again.problem);
      return null;
    }
    render(again.data);
    return again.data;
  };

  const approveParts = (run: PaymentRun): HTMLElement[] => {
    const approveForm = h(
      'form',
      { id: 'approve-form', method: 'post', action: paymentRunPaths.run(run.id), novalidate: true },
      h('h2', { class: 'govuk-heading-m' }, 'Approve the run'),
      h('p', { class: 'govuk-body' }, `The total is more than ${formatPence(run.approval_threshold_pence)}, so a finance officer other than ${run.started_by_name}, who started it, must approve it before the payments can be released.`),
      button('approve-run', 'Approve'),
    );
    const rejectForm = h(
      'form',
      { id: 'reject-form', method: 'post', action: paymentRunPaths.run(run.id), novalidate: true },
      h('h2', { class: 'govuk-heading-m' }, 'Or reject it'),
      textarea('reason', 'Why are you rejecting the run?', {
        hint: 'For example, a payment that looks wrong. Nothing is paid, and a run for this date can be started again.',
        rows: 3,
        labelClass: 'govuk-label--s',
      }),
      button('reject-run', 'Reject', 'govuk-button--warning'),
    );
    const approveErrors = new FormErrors(summaryHost, approveForm);
    const rejectErrors = new FormErrors(summaryHost, rejectForm);
    approveForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void once(async () => {
        rejectErrors.clear();
        const done = await api<PaymentRun>('POST', paymentRunPaths.api.approve(run.id));
        if (!done.ok) return showFormProblem(approveErrors, done.problem, {});
        approveErrors.clear();
        const after = await reread();
        if (after) showSuccess(notification, 'Payment run approved', 'It is ready to release. Releasing it posts the payments and makes the payment file.');
      });
    });
    rejectForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void once(async () => {
        approveErrors.clear();
        const reason = byId<HTMLTextAreaElement>('reason').value.trim();
        if (!reason) {
          rejectErrors.show(validationProblem([{ field: 'reason', message: 'Enter why you are rejecting the run' }]), REJECT_FIELDS);
          return;
        }
        const done = await api<PaymentRun>('POST', paymentRunPaths.api.reject(run.id), { reason });
        if (!done.ok) return showFormProblem(rejectErrors, done.problem, REJECT_FIELDS);
        rejectErrors.clear();
        const after = await reread();
        if (after) showSuccess(notification, 'Payment run rejected', `Nothing was paid. You can start a run for ${dateInWords(after.date)} again.`);
      });
    });
    return [approveForm, rejectForm];
  };

  const releaseParts = (run: PaymentRun): HTMLElement[] => {
    const progress = h('p', { class: 'govuk-body', id: 'release-progress', role: 'status' });
    // A release stopped half-way (the server restarted) is carried on: nothing is posted twice.
    const resuming = run.status === 'releasing';
    const releaseButton = button('release-run', resuming ? 'Carry on releasing payments' : 'Release payments');
    const form = h(
      'form',
      { id: 'release-form', method: 'post', action: paymentRunPaths.run(run.id), novalidate: true },
      h('h2', { class: 'govuk-heading-m' }, 'Release the payments'),
      h(
        'p',
        { class: 'govuk-body' },
        resuming
          ? `Releasing stopped after ${countWords(run.posted ?? 0, 'payment')} of ${run.payments} had been posted. Carry on to post the rest and make the payment file; no payment is posted twice.`
          : `Releasing the run posts ${countWords(run.payments, 'payment')} to the ledger and makes the payment file to send to the bank. It cannot be undone.`,
      ),
      releaseButton,
      progress,
    );
    const errors = new FormErrors(summaryHost, form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void once(async () => {
        errors.clear();
        releaseButton.disabled = true;
        releaseButton.setAttribute('aria-disabled', 'true');
        progress.textContent = releaseProgress(null);
        // Ask how far it has got while it posts; the answer to the release itself ends this.
        let releasing = true;
        const timer = window.setInterval(() => {
          void api<PaymentRun>('GET', paymentRunPaths.api.run(run.id)).then((now) => {
            if (releasing && now.ok && (now.data.status === 'ready' || now.data.status === 'releasing')) progress.textContent = releaseProgress(now.data);
          });
        }, PROGRESS_EVERY_MS);
        const done = await api<PaymentRun>('POST', paymentRunPaths.api.release(run.id));
        releasing = false;
        window.clearInterval(timer);
        if (!done.ok) {
          releaseButton.disabled = false;
          releaseButton.removeAttribute('aria-disabled');
          progress.textContent = '';
          return showFormProblem(errors, done.problem, {});
        }
        const after = await reread();
        if (after) {
          showSuccess(
            notification,
            'Payments released',
            `${countWords(after.posted ?? after.payments, 'payment')}, ${formatPence(after.total_pence)}, posted to the ledger. Download the payment file and send it to the bank.`,
          );
        }
      });
    });
    return [form];
  };

  const releasedParts = (run: PaymentRun): HTMLElement[] => [
    h('h2', { class: 'govuk-heading-m' }, 'The payment file'),
    h('p', { class: 'govuk-body' }, 'Send this file to the bank. It lists each payee, their sort code and account number or card reference, the amount and the payment reference.'),
    h(
      'p',
      { class: 'govuk-body' },
      h('a', { class: 'govuk-link', href: paymentRunPaths.api.file(run.id), download: run.file_name ?? true, id: 'download-file' }, 'Download the payment file (CSV)'),
    ),
  ];

  const rejectedParts = (run: PaymentRun): HTMLElement[] => [
    h(
      'div',
      { class: 'govuk-inset-text', id: 'rejected-note' },
      'This run was rejected, so nothing was paid. ',
      h('a', { class: 'govuk-link', href: paymentRunPaths.listForDate(run.date) }, `Preview the payments for ${dateInWords(run.date)} again`),
      '.',
    ),
  ];

  function render(run: PaymentRun): void {
    const status = runStatusTag(run.status, run.status_label);
    const heading = `Payment run for ${dateInWords(run.date)}`;
    byId('page-heading').textContent = heading;
    document.title = `${heading} – selfdirect`;
    replaceChildren(byId('run-summary'), summaryList([['Status', tag(status.text, status.modifier)], ...runRows(run)], { id: 'run-details' }));
    const actions =
      run.status === 'awaiting_approval'
        ? approveParts(run)
        : run.status === 'ready' || run.status === 'releasing'
          ? releaseParts(run)
          : run.status === 'released'
            ? releasedParts(run)
            : run.status === 'rejected'
              ? rejectedParts(run)
              : [];
    replaceChildren(byId('run-actions'), actions);
    replaceChildren(byId('run-held'), (run.held ?? []).length > 0 ? heldTable(run.held ?? [], 'held-table', paymentRunPaths.run(run.id)) : null);
    replaceChildren(byId('run-overpaid'), overpaidTable(run.overpaid ?? [], run.id));
    void drawRunPayments(byId('run-payments'), run.id, window.location.search, summaryHost);
  }

  byId('loading').remove();
  render(first.data);
}

void main();
