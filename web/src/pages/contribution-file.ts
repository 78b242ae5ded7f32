// /finance/contribution-file (finance officers): contributions paid in from the council's bank
// file. Choose the file and its format, check what each line comes to (nothing is written), then
// record the payments. The recording sends the very bytes that were checked, and each line is
// recorded once however often the file is read. Reached from the finance overview's
// contributions owed.
import '../main';
import { api, apiUpload } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { table, tag } from '../govuk';
import { showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { validationProblem, type Problem } from '../problem';
import { financeOverviewPaths } from '../finance-overview-view';
import { importErrorModel, statementsApiPath, type StatementFormat } from '../statements-view';
import {
  FILE_FIELDS,
  contributionFilePath,
  fileLineRows,
  fileProblems,
  outcomeTag,
  recordButtonText,
  type ContributionFile,
} from '../contribution-file-view';

function showFile(file: ContributionFile): void {
  byId('result').hidden = false;
  byId('result-sentence').textContent = file.sentence;
  const recordForm = byId<HTMLFormElement>('record-form');
  recordForm.hidden = file.recorded || file.payments === 0;
  byId('record-payments').textContent = recordButtonText(file);
  const rows = fileLineRows(file);
  replaceChildren(
    byId('lines'),
    table({
      caption: 'Lines of the bank file, in file order',
      captionSize: 'm',
      head: ['Row', 'Date', { text: 'Amount', numeric: true }, 'What the line says', 'Whose', 'What happens'],
      rows: file.lines.map((line, i) => {
        const [row, date, amount, text, whose, sentence] = rows[i]!;
        const t = outcomeTag(line, file.recorded);
        return [row, date, { content: amount, numeric: true }, text, whose, h('span', {}, tag(t.text, `govuk-tag--${t.colour}`), ' ', sentence)];
      }),
      rowHeadings: true,
      plainRowHeadings: true,
      small: true,
      id: 'file-lines',
    }),
  );
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: financeOverviewPaths.page(), role: 'finance-officer' });
  if (!page) return;
  const formats = await api<{ items: StatementFormat[] }>('GET', statementsApiPath.formats);
  if (!formats.ok) return showPageProblem(formats.problem);
  byId('loading').remove();
  if (formats.data.items.length === 0) {
    byId('no-formats').hidden = false;
    return;
  }
  const form = byId<HTMLFormElement>('file-form');
  replaceChildren(
    byId('format'),
    formats.data.items.length > 1 ? h('option', { value: '' }, 'Choose a format') : null,
    formats.data.items.map((f) => h('option', { value: f.name }, f.name)),
  );
  const errors = new FormErrors(byId('error-summary'), form);
  // What was checked: the same bytes and format are recorded.
  let checked: { format: string; bytes: ArrayBuffer } | null = null;
  let busy = false;

  // A bad row of the file: the summary lists each, linked to the file box.
  const problemShown = (problem: Problem): void => {
    if (problem.errors.some((e) => e.field === 'file')) errors.showModel(importErrorModel(problem, FILE_FIELDS));
    else showFormProblem(errors, problem, FILE_FIELDS);
  };

  // Another file or format: what was checked no longer stands, so nothing can be recorded from it.
  const forget = (): void => {
    checked = null;
    byId('result').hidden = true;
    byId('lines').replaceChildren();
  };
  byId('bank-file').addEventListener('change', forget);
  byId('format').addEventListener('change', forget);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const file = byId<HTMLInputElement>('bank-file').files?.[0];
    const format = byId<HTMLSelectElement>('format').value;
    const problems = fileProblems({ format, hasFile: file !== undefined });
    if (problems.length > 0 || !file) {
      errors.show(validationProblem(problems), FILE_FIELDS);
      return;
    }
    busy = true;
    byId('notification').replaceChildren();
    try {
      const bytes = await file.arrayBuffer();
      const read = await apiUpload<ContributionFile>(contributionFilePath(format, false), bytes, 'text/csv');
      if (!read.ok) {
        forget();
        problemShown(read.problem);
        return;
      }
      errors.clear();
      checked = { format, bytes };
      showFile(read.data);
      byId('result-heading').focus();
    } finally {
      busy = false;
    }
  });

  byId<HTMLFormElement>('record-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !checked) return;
    busy = true;
    try {
      const recorded = await apiUpload<ContributionFile>(contributionFilePath(checked.format, true), checked.bytes, 'text/csv');
      if (!recorded.ok) {
        problemShown(recorded.problem);
        return;
      }
      errors.clear();
      showFile(recorded.data);
      showSuccess(byId('notification'), recorded.data.payments > 0 ? 'Payments recorded' : 'Nothing new to record', recorded.data.sentence);
    } finally {
      busy = false;
    }
  });
  form.hidden = false;
}

void main();
