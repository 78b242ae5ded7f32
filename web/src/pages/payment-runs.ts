// /finance/payment-runs (finance officers): paying what is due from every active personal
// budget on a date. A GOV.UK date input (today, unless the address names a date with ?date=)
// and "Preview payments" show what a run on that date would pay: the totals by kind, whether a
// second finance officer must approve it, the payments held and why (each person's name links
// to their budget, and a link to where their money is paid), and the proposals to recover
// overpayments. "Start payment run" starts it and goes to the run's page; instead, a banner
// says when the date was already run and released, or another run is not finished. Below, the
// past runs, newest first, each linking to its page. Problems the server finds (a run someone
// started since the preview, a date already paid) go to the error summary, linked to the date.
import '../main';
import { api } from '../api';
import { dateFromParts, dateInWords } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, table, tag } from '../govuk';
import { importantBanner, setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { formatPence } from '../money';
import {
  DATE_FIELDS,
  dateParts,
  farAheadWarning,
  isoDateParts,
  pastRunRow,
  paymentRunPaths,
  previewRows,
  runStatusTag,
  startedWords,
  type PaymentRun,
  type Preview,
} from '../payment-run-view';
import { validationProblem } from '../problem';
import { dateInput, valueOf } from '../safeguarding-form';
import { heldTable, overpaidSection } from '../payment-run-parts';

function pastRuns(runs: readonly PaymentRun[]): HTMLElement {
  if (runs.length === 0) {
    return h('div', {}, h('h2', { class: 'govuk-heading-m' }, 'Past payment runs'), h('p', { class: 'govuk-body', id: 'no-runs' }, 'No payment runs have been started yet.'));
  }
  return table({
    id: 'runs-table',
    caption: 'Past payment runs',
    captionSize: 'm',
    captionNote: 'Newest first.',
    head: ['Payment date', 'Status', { text: 'Total', numeric: true }, 'Started by'],
    rows: runs.map((run) => {
      const row = pastRunRow(run);
      return [
        h('a', { class: 'govuk-link', href: paymentRunPaths.run(run.id) }, row.date, visuallyHidden(': see the run')),
        tag(row.tag.text, row.tag.modifier),
        { content: row.total, numeric: true },
        row.startedBy,
      ];
    }),
    small: true,
  });
}

function previewParts(preview: Preview, startForm: HTMLElement, runs: readonly PaymentRun[]): HTMLElement[] {
  const parts: HTMLElement[] = [h('h2', { class: 'govuk-heading-m', id: 'preview-heading', tabindex: '-1' }, `What would be paid on ${dateInWords(preview.date)}`)];
  const farAhead = farAheadWarning(preview.date);
  if (farAhead) {
    parts.push(h('div', { class: 'govuk-warning-text', id: 'far-ahead' }, h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'), h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), farAhead)));
  }
  // A date already paid cannot be run again (the server refuses): say so before anyone tries.
  const released = runs.find((run) => run.date === preview.date && run.status === 'released');
  if (released) {
    parts.push(
      importantBanner(
        'already-run',
        [`Payments for ${dateInWords(preview.date)} were already run and released. Running the date again would pay nothing new. `,
          h('a', { class: 'govuk-notification-banner__link', href: paymentRunPaths.run(released.id) }, 'See that run'), '.'],
      ),
    );
  } else if (preview.open_run) {
    const open = runStatusTag(preview.open_run.status);
    parts.push(
      importantBanner(
        'open-run',
        [`The payment run for ${dateInWords(preview.open_run.date)} is not finished (${open.text.toLowerCase()}). Release or reject it before you start another. `,
          h('a', { class: 'govuk-notification-banner__link', href: paymentRunPaths.run(preview.open_run.id) }, 'Go to that run'), '.'],
      ),
    );
  }
  parts.push(summaryList(previewRows(preview), { id: 'preview-summary' }));
  if (preview.held.length > 0) parts.push(heldTable(preview.held, 'held-table', paymentRunPaths.listForDate(preview.date)));
  parts.push(...overpaidSection(preview.overpaid, 'overpaid-list'));
  if (released || preview.open_run) return parts;
  if (preview.payments === 0 && preview.held.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'nothing-due' }, `Nothing is due to be paid on or before ${dateInWords(preview.pays_through)}, so there is no run to start.`));
  } else {
    parts.push(startForm);
  }
  return parts;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: paymentRunPaths.list, role: 'finance-officer' });
  if (!page) return;

  const runsResult = await api<{ runs: PaymentRun[] }>('GET', paymentRunPaths.api.runs);
  if (!runsResult.ok) return showPageProblem(runsResult.problem);

  const form = byId<HTMLFormElement>('preview-form');
  replaceChildren(
    byId('date-question'),
    dateInput('date', 'Which day are the payments for?', 'Payments are made in advance: a run pays every period that begins before the next run is due. For example, 1 12 2026.'),
  );
  const asked = isoDateParts(new URLSearchParams(window.location.search).get('date'));
  const start = asked ?? dateParts();
  byId<HTMLInputElement>('date-day').value = start.day;
  byId<HTMLInputElement>('date-month').value = start.month;
  byId<HTMLInputElement>('date-year').value = start.year;

  const errors = new FormErrors(byId('error-summary'), form);
  const previewHost = byId('preview');
  let busy = false;

  const startForm = (preview: Preview): HTMLElement => {
    const startRun = h(
      'form',
      { id: 'start-form', method: 'post', action: paymentRunPaths.list, novalidate: true },
      preview.year_commitment ? h('div', { class: 'govuk-inset-text', id: 'year-commitment-note' }, preview.year_commitment.sentence) : null,
      preview.needs_second_approval
        ? h('div', { class: 'govuk-inset-text', id: 'second-approval-note' }, 'The total is more than ', formatPence(preview.approval_threshold_pence), ', so another finance officer must approve this run before the payments can be released.')
        : null,
      h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'start-run' }, `Start payment run for ${dateInWords(preview.date)}`),
    );
    startRun.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      try {
        const started = await api<PaymentRun>('POST', paymentRunPaths.api.runs, { date: preview.date });
        if (!started.ok) {
          showFormProblem(errors, started.problem, DATE_FIELDS, { linkOtherProblemsTo: 'date-day' });
          return;
        }
        setFlash(startedWords(started.data));
        window.location.assign(paymentRunPaths.run(started.data.id));
      } finally {
        busy = false;
      }
    });
    return startRun;
  };

  const showPreview = async (): Promise<void> => {
    const date = dateFromParts(valueOf(form, 'date-day'), valueOf(form, 'date-month'), valueOf(form, 'date-year'), 'payment date');
    if (!date.ok) {
      previewHost.hidden = true;
      errors.show(validationProblem([{ field: 'date', message: date.message }]), DATE_FIELDS);
      return;
    }
    const result = await api<Preview>('GET', paymentRunPaths.api.preview(date.date));
    if (!result.ok) {
      previewHost.hidden = true;
      showFormProblem(errors, result.problem, DATE_FIELDS, { linkOtherProblemsTo: 'date-day' });
      return;
    }
    errors.clear();
    window.history.replaceState(null, '', paymentRunPaths.listForDate(date.date));
    replaceChildren(previewHost, previewParts(result.data, startForm(result.data), runsResult.data.runs));
    previewHost.hidden = false;
  };

  // A preview is for the date it was shown for: once the date is changed, it goes, so that the
  // start button can never run a date other than the one in the boxes.
  for (const part of ['date-day', 'date-month', 'date-year']) {
    byId(part).addEventListener('input', () => {
      previewHost.hidden = true;
      replaceChildren(previewHost);
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      await showPreview();
      if (!previewHost.hidden) byId('preview-heading').focus();
    } finally {
      busy = false;
    }
  });

  replaceChildren(byId('past-runs'), pastRuns(runsResult.data.runs));
  byId('past-runs').hidden = false;
  byId('loading').remove();
  form.hidden = false;
  if (asked) {
    busy = true;
    try {
      await showPreview();
    } finally {
      busy = false;
    }
  }
}

void main();
