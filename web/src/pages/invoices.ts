// /finance/invoices (finance officers): providers' invoices for council-arranged services. Held
// invoices come first, oldest first, each with every reason it was held and a form to approve
// it (it is paid) or reject it, with a reason. Below: a form to record one invoice (problems
// the server finds go to the error summary, linked to their fields; a duplicate invoice number
// is named there too), a CSV upload recorded whole or not at all (every bad row in the error
// summary), the accounts-payable export (made once, kept, downloaded from its link), and the
// latest invoices that were matched, approved or rejected.
import '../main';
import { api, apiUpload } from '../api';
import { dateInWords } from '../casework-view';
import { budgetPaths } from '../budget-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, table, tag } from '../govuk';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';
import { dateInput, textInput, valueOf } from '../safeguarding-form';
import {
  RECORD_FIELDS,
  invoiceTag,
  invoicesApiPath,
  invoicesPagePath,
  periodWords,
  reasonProblem,
  recordBody,
  toleranceWords,
  unitsWords,
  uploadErrorModel,
  type Invoice,
  type InvoiceExport,
  type InvoiceImport,
  type InvoiceList,
} from '../invoices-view';

function invoiceTitle(invoice: Invoice): string {
  return `Invoice ${invoice.invoice_number} from ${invoice.provider_name}`;
}

function invoiceSummary(invoice: Invoice): HTMLElement {
  return summaryList([
    // The person's plan and budget, by name: their id is for the files, not for reading.
    ['Person', invoice.person_name
      ? h('a', { class: 'govuk-link', href: budgetPaths.page(invoice.person_id) }, invoice.person_name)
      : `Not known (${invoice.person_id})`],
    ['Period', periodWords(invoice.period_from, invoice.period_to)],
    ['Units', unitsWords(invoice)],
    ['Total', invoice.total],
    ['Plan item', invoice.plan_item ?? 'No matching council-arranged item'],
    ['Received', `${dateInWords(invoice.received_at)}, recorded by ${invoice.received_by_name}`],
  ]);
}

/** One held invoice: what it is, why it was held, and the decision form. */
function heldInvoice(invoice: Invoice): HTMLElement {
  const reasonId = `reason-${invoice.id}`;
  const form = h(
    'form',
    { method: 'post', action: invoicesPagePath, novalidate: true, id: `decide-${invoice.id}` },
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: reasonId }, 'Reason for your decision'),
      h('div', { class: 'govuk-hint', id: `${reasonId}-hint` }, 'Say why it should be paid despite what held it, or why it is rejected. This is kept with the invoice.'),
      h('textarea', { class: 'govuk-textarea', id: reasonId, name: reasonId, rows: '3', 'aria-describedby': `${reasonId}-hint` }),
    ),
    h(
      'div',
      { class: 'govuk-button-group' },
      h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', name: 'decision', value: 'approve', id: `approve-${invoice.id}` }, 'Approve and pay', visuallyHidden(` invoice ${invoice.invoice_number}`)),
      h('button', { type: 'submit', class: 'govuk-button govuk-button--warning', 'data-module': 'govuk-button', name: 'decision', value: 'reject', id: `reject-${invoice.id}` }, 'Reject', visuallyHidden(` invoice ${invoice.invoice_number}`)),
    ),
  ) as HTMLFormElement;
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const approve = submitter?.value !== 'reject';
    const reason = byId<HTMLTextAreaElement>(reasonId).value;
    const fields = { reason: reasonId };
    const problem = reasonProblem(reason, approve);
    if (problem) {
      errors.show(validationProblem([{ field: 'reason', message: problem }]), fields);
      return;
    }
    busy = true;
    try {
      const path = approve ? invoicesApiPath.approve(invoice.id) : invoicesApiPath.reject(invoice.id);
      const decided = await api<Invoice>('POST', path, { reason: reason.trim() });
      if (!decided.ok) {
        showFormProblem(errors, decided.problem, fields);
        return;
      }
      setFlash({
        heading: approve ? 'Invoice approved and paid' : 'Invoice rejected',
        body: `${invoiceTitle(invoice)} for ${invoice.total} ${approve ? 'is in the books and will be in the next accounts-payable export' : 'will not be paid'}.`,
      });
      window.location.assign(invoicesPagePath);
    } finally {
      busy = false;
    }
  });
  return h(
    'div',
    { class: 'govuk-summary-card', id: `held-${invoice.id}` },
    h('div', { class: 'govuk-summary-card__title-wrapper' }, h('h3', { class: 'govuk-summary-card__title' }, invoiceTitle(invoice))),
    h(
      'div',
      { class: 'govuk-summary-card__content' },
      invoiceSummary(invoice),
      h('h4', { class: 'govuk-heading-s' }, 'Why it was held'),
      h('ul', { class: 'govuk-list govuk-list--bullet', id: `reasons-${invoice.id}` }, invoice.hold_reasons.map((r) => h('li', {}, r))),
      form,
    ),
  );
}

function askToRecord(errors: FormErrors): void {
  const form = byId<HTMLFormElement>('record-form');
  replaceChildren(
    byId('record-questions'),
    textInput('provider', 'Provider', { labelClass: 'govuk-label--s', hint: 'As the support plan names it. Capitals and spacing do not matter.' }),
    textInput('person-id', 'Person’s reference', { labelClass: 'govuk-label--s', hint: 'From their record: 26 letters and numbers.' }),
    textInput('invoice-number', 'Invoice number', { labelClass: 'govuk-label--s' }),
    dateInput('period-from', 'First day the invoice covers', 'For example, 23 11 2026.'),
    dateInput('period-to', 'Last day the invoice covers', 'For example, 29 11 2026.'),
    textInput('units', 'Units', { labelClass: 'govuk-label--s', hint: 'How many hours, visits or nights. For example, 10 or 12.5.' }),
    textInput('unit-price', 'Price of one unit, in pounds', { labelClass: 'govuk-label--s', hint: 'For example, 20.00.' }),
    textInput('total', 'Total, in pounds', { labelClass: 'govuk-label--s', hint: 'For example, 200.00.' }),
  );
  for (const id of ['person-id', 'invoice-number']) byId(id).setAttribute('spellcheck', 'false');
  // The dates' questions the same size as the other questions of this form.
  for (const legend of form.querySelectorAll('legend')) legend.classList.replace('govuk-fieldset__legend--m', 'govuk-fieldset__legend--s');
  for (const id of ['units', 'unit-price', 'total']) {
    const input = byId(id);
    input.setAttribute('inputmode', 'decimal');
    input.classList.add('govuk-input--width-10');
  }
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const part = (id: string) => valueOf(form, id);
    const built = recordBody({
      provider: part('provider'),
      personId: part('person-id'),
      invoiceNumber: part('invoice-number'),
      from: { day: part('period-from-day'), month: part('period-from-month'), year: part('period-from-year') },
      to: { day: part('period-to-day'), month: part('period-to-month'), year: part('period-to-year') },
      units: part('units'),
      unitPrice: part('unit-price'),
      total: part('total'),
    });
    if (!built.ok) {
      errors.show(validationProblem(built.errors), RECORD_FIELDS);
      return;
    }
    busy = true;
    try {
      const recorded = await api<Invoice>('POST', invoicesApiPath.create, built.body);
      if (!recorded.ok) {
        showFormProblem(errors, recorded.problem, RECORD_FIELDS);
        return;
      }
      const invoice = recorded.data;
      setFlash(
        invoice.status === 'held'
          ? { heading: 'Invoice held', body: `${invoiceTitle(invoice)} does not match the support plan. It is held below with the reasons, for you to approve or reject.` }
          : { heading: 'Invoice matched and paid', body: `${invoiceTitle(invoice)} for ${invoice.total} matches the support plan and is in the books.` },
      );
      window.location.assign(invoicesPagePath);
    } finally {
      busy = false;
    }
  });
}

function askToUpload(errors: FormErrors): void {
  const form = byId<HTMLFormElement>('upload-form');
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const file = byId<HTMLInputElement>('invoice-file').files?.[0];
    if (!file) {
      errors.show(validationProblem([{ field: 'file', message: 'Choose the invoice file (CSV) to upload' }]), { file: 'invoice-file' });
      return;
    }
    busy = true;
    try {
      const uploaded = await apiUpload<InvoiceImport>(invoicesApiPath.file, await file.arrayBuffer(), 'text/csv');
      if (!uploaded.ok) {
        if (uploaded.problem.errors.length > 0) errors.showModel(uploadErrorModel(uploaded.problem));
        else showFormProblem(errors, uploaded.problem, { file: 'invoice-file' });
        return;
      }
      const { matched, held, posted } = uploaded.data;
      setFlash({
        heading: 'Invoices recorded',
        body: `${matched} matched and paid (${posted}); ${held} held for a decision.`,
      });
      window.location.assign(invoicesPagePath);
    } finally {
      busy = false;
    }
  });
}

function exportSection(list: InvoiceList, errors: FormErrors): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (list.to_export === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'nothing-to-export' }, 'Every paid invoice is in an export already.'));
  } else {
    const form = h(
      'form',
      { method: 'post', action: invoicesPagePath, novalidate: true, id: 'export-form' },
      h('p', { class: 'govuk-body', id: 'to-export' }, `${list.to_export === 1 ? '1 paid invoice is' : `${list.to_export} paid invoices are`} waiting for the accounts-payable system (${list.to_export_total}). Each invoice goes in one export only.`),
      h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button', id: 'make-export' }, 'Make the accounts-payable export'),
    ) as HTMLFormElement;
    let busy = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      try {
        const made = await api<InvoiceExport>('POST', invoicesApiPath.exports);
        if (!made.ok) {
          showFormProblem(errors, made.problem, {});
          return;
        }
        setFlash({ heading: 'Export made', body: `${made.data.invoices} invoices (${made.data.total}) are in the export. Download it from the list of exports.` });
        window.location.assign(invoicesPagePath);
      } finally {
        busy = false;
      }
    });
    parts.push(form);
  }
  if (list.exports.length > 0) {
    parts.push(
      table({
        id: 'exports-table',
        caption: 'Exports made',
        captionSize: 's',
        captionNote: 'Newest first. Each download is recorded.',
        head: ['Made', 'Invoices', { text: 'Total', numeric: true }, 'File'],
        rows: list.exports.map((e) => [
          dateInWords(e.created_at),
          String(e.invoices),
          { content: e.total, numeric: true },
          h('a', { class: 'govuk-link', href: e.file, download: '' }, 'Download', visuallyHidden(` the export made on ${dateInWords(e.created_at)}`)),
        ]),
        small: true,
      }),
    );
  }
  return parts;
}

function recentTable(invoices: readonly Invoice[]): HTMLElement {
  if (invoices.length === 0) {
    return h('div', {}, h('h2', { class: 'govuk-heading-m' }, 'Recent invoices'), h('p', { class: 'govuk-body', id: 'no-recent' }, 'No invoices have been matched or decided yet.'));
  }
  return table({
    id: 'recent-table',
    caption: 'Recent invoices',
    captionSize: 'm',
    captionNote: 'Matched, approved and rejected invoices, newest first.',
    head: ['Invoice', 'Person', 'Period', { text: 'Total', numeric: true }, 'Status'],
    rows: invoices.map((invoice) => {
      const t = invoiceTag(invoice.status);
      return [
        [invoice.invoice_number, h('span', { class: 'govuk-hint govuk-!-display-block govuk-!-margin-bottom-0' }, invoice.provider_name)],
        invoice.person_name || invoice.person_id,
        periodWords(invoice.period_from, invoice.period_to),
        { content: invoice.total, numeric: true },
        [
          tag(t.text, t.modifier),
          invoice.decision_reason ? h('span', { class: 'govuk-hint govuk-!-display-block govuk-!-margin-bottom-0' }, `${invoice.decided_by_name ?? ''}: ${invoice.decision_reason}`) : '',
        ],
      ];
    }),
    small: true,
    scroll: true,
  });
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: invoicesPagePath, role: 'finance-officer' });
  if (!page) return;
  const list = await api<InvoiceList>('GET', invoicesApiPath.list);
  if (!list.ok) return showPageProblem(list.problem);
  byId('loading').remove();
  const errors = new FormErrors(byId('error-summary'), null);
  byId('tolerance').textContent = toleranceWords(list.data.tolerance_basis_points, list.data.tolerance_minimum_pence);
  replaceChildren(
    byId('held'),
    list.data.held.length === 0
      ? h('p', { class: 'govuk-body', id: 'no-held' }, 'No invoices are waiting for a decision.')
      : list.data.held.map((invoice) => heldInvoice(invoice)),
  );
  const recordErrors = new FormErrors(byId('error-summary'), byId<HTMLFormElement>('record-form'));
  askToRecord(recordErrors);
  askToUpload(new FormErrors(byId('error-summary'), byId<HTMLFormElement>('upload-form')));
  replaceChildren(byId('export'), ...exportSection(list.data, errors));
  replaceChildren(byId('recent'), recentTable(list.data.recent));
  byId('invoices').hidden = false;
}

void main();
