// /finance/statements (finance officers): import a bank or prepaid card statement (a CSV file)
// into a person's direct payment account: choose the account, the statement's format and the
// file. A refused file lists every bad row in the error summary and nothing is imported. An
// imported statement (/finance/statements?import=…) shows its lines with their categories,
// unknown payees flagged, and a form to say what a line was.
import '../main';
import { api, apiUpload } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';
import { radios, textarea, checked, valueOf, wireReveals } from '../safeguarding-form';
import {
  ALL_CHOICES,
  IMPORT_FIELDS,
  RECATEGORISE_FIELDS,
  categoryText,
  changeableLines,
  flagText,
  importErrorModel,
  importProblems,
  lineText,
  planItemText,
  recategoriseBody,
  reconciliationApiPath,
  reconciliationRows,
  reconciliationSummary,
  statementsApiPath,
  statementsPagePath,
  type Reconciliation,
  type StatementFormat,
  type StatementView,
} from '../statements-view';
import { dateInWords } from '../casework-view';

function summaryRow(key: string, value: string): HTMLElement {
  return h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value' }, value));
}

function linesTable(view: StatementView): HTMLElement {
  const head = ['Row', 'Date', 'Payee', 'Amount', 'What it was'];
  return h(
    'table',
    { class: 'govuk-table', id: 'lines-table' },
    h('caption', { class: 'govuk-table__caption govuk-visually-hidden' }, 'Lines of the statement, in file order'),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        head.map((text) => h('th', { scope: 'col', class: `govuk-table__header${text === 'Amount' ? ' govuk-table__header--numeric' : ''}` }, text)),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      view.lines.map((line) => {
        const flag = flagText(line);
        return h(
          'tr',
          { class: 'govuk-table__row', id: `line-${line.row}` },
          h('td', { class: 'govuk-table__cell' }, String(line.row)),
          h('td', { class: 'govuk-table__cell' }, dateInWords(line.date)),
          h('td', { class: 'govuk-table__cell' }, line.payee, line.reference ? h('span', { class: 'govuk-hint govuk-!-display-block govuk-!-margin-bottom-0' }, line.reference) : null),
          h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, line.amount),
          h(
            'td',
            { class: 'govuk-table__cell' },
            flag ? h('strong', { class: 'govuk-tag govuk-tag--orange' }, flag) : categoryText(line, view.plan_items),
            line.note ? h('span', { class: 'govuk-hint govuk-!-display-block govuk-!-margin-bottom-0' }, `Note: ${line.note}`) : null,
          ),
        );
      }),
    ),
  );
}

/** The council's payments into the account against what its statements show arriving. */
async function showReconciliation(account: string): Promise<void> {
  const found = await api<Reconciliation>('GET', reconciliationApiPath(account));
  if (!found.ok) return;
  const r = found.data;
  byId('reconciliation-summary').textContent = reconciliationSummary(r);
  const rows = reconciliationRows(r);
  const head = ['Paid on', 'Arrived on', 'Amount', 'What it means'];
  replaceChildren(
    byId('reconciliation-table'),
    rows.length === 0
      ? null
      : h(
          'table',
          { class: 'govuk-table', id: 'reconciliation-rows' },
          h('caption', { class: 'govuk-table__caption govuk-visually-hidden' }, 'The council’s payments and what the statements show arriving, oldest first'),
          h(
            'thead',
            { class: 'govuk-table__head' },
            h('tr', { class: 'govuk-table__row' }, head.map((text) => h('th', { scope: 'col', class: `govuk-table__header${text === 'Amount' ? ' govuk-table__header--numeric' : ''}` }, text))),
          ),
          h(
            'tbody',
            { class: 'govuk-table__body' },
            rows.map((row) =>
              h(
                'tr',
                { class: 'govuk-table__row' },
                h('td', { class: 'govuk-table__cell' }, row.paid),
                h('td', { class: 'govuk-table__cell' }, row.arrived),
                h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, row.amount),
                h('td', { class: 'govuk-table__cell' }, h('strong', { class: `govuk-tag govuk-tag--${row.tag}` }, row.status)),
              ),
            ),
          ),
        ),
  );
  byId('reconciliation').hidden = false;
}

function showStatement(view: StatementView): void {
  const i = view.import;
  byId('page-heading').textContent = 'Imported statement';
  byId('account-caption').textContent = view.account_name;
  document.title = `Imported statement – ${view.account_name} – selfdirect`;
  replaceChildren(
    byId('statement-summary'),
    summaryRow('Format', i.format),
    summaryRow('Lines', String(i.lines)),
    summaryRow('Money in', i.money_in),
    summaryRow('Money out', i.money_out),
    summaryRow('Needed checking when imported', i.flagged === 1 ? '1 line' : `${i.flagged} lines`),
    summaryRow('Matched against', i.plan_id ? 'The approved support plan' : 'No approved plan: every payment is an unknown payee'),
  );
  replaceChildren(byId('lines'), linesTable(view));
  byId('statement').hidden = false;
  void showReconciliation(i.account_id);
  byId<HTMLAnchorElement>('import-another').href = statementsPagePath({ account: i.account_id });
  const changeable = changeableLines(view.lines);
  if (changeable.length === 0) return;

  const form = byId<HTMLFormElement>('recategorise-form');
  replaceChildren(
    byId('recategorise-questions'),
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: 'line-row' }, 'Which line?'),
      h('select', { class: 'govuk-select', id: 'line-row', name: 'line-row' }, h('option', { value: '' }, 'Choose a line'), changeable.map((line) => h('option', { value: String(line.row) }, lineText(line)))),
    ),
    radios('category', 'What was it?', ALL_CHOICES.map((c) => ({ value: c.value, text: c.text })), { legendClass: 'govuk-fieldset__legend--s' }),
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: 'plan-item' }, 'Which plan item?'),
      h('div', { class: 'govuk-hint', id: 'plan-item-hint' }, 'For spending on a plan item, or money back from one of its suppliers.'),
      h(
        'select',
        { class: 'govuk-select', id: 'plan-item', name: 'plan-item', 'aria-describedby': 'plan-item-hint' },
        h('option', { value: '' }, 'None'),
        view.plan_items.map((item) => h('option', { value: String(item.index) }, planItemText(item))),
      ),
    ),
    textarea('note', 'Note (optional)', { rows: 3, labelClass: 'govuk-label--s', hint: 'What the person or their planner said it was.' }),
  );
  wireReveals(form);
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const built = recategoriseBody(
      { row: valueOf(form, 'line-row'), category: checked(form, 'category'), planItem: valueOf(form, 'plan-item'), note: valueOf(form, 'note') },
      view.lines,
    );
    if (!built.ok) {
      errors.show(validationProblem(built.errors), RECATEGORISE_FIELDS);
      return;
    }
    busy = true;
    try {
      const saved = await api<StatementView>('POST', statementsApiPath.categories(i.id), built.body);
      if (!saved.ok) {
        showFormProblem(errors, saved.problem, RECATEGORISE_FIELDS);
        return;
      }
      const [change] = built.body.changes;
      const what = ALL_CHOICES.find((c) => c.value === change?.category)?.text ?? '';
      setFlash({ heading: 'Line saved', body: `Row ${change?.row ?? ''} is now recorded as: ${what.toLowerCase()}.` });
      window.location.assign(statementsPagePath({ import: i.id }));
    } finally {
      busy = false;
    }
  });
  form.hidden = false;
}

function askToImport(formats: StatementFormat[], account: string): void {
  if (formats.length === 0) {
    byId('no-formats').hidden = false;
    return;
  }
  const form = byId<HTMLFormElement>('import-form');
  replaceChildren(
    byId('format'),
    formats.length > 1 ? h('option', { value: '' }, 'Choose a format') : null,
    formats.map((f) => h('option', { value: f.name }, f.name)),
  );
  byId<HTMLInputElement>('account').value = account;
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const fileInput = byId<HTMLInputElement>('statement-file');
    const file = fileInput.files?.[0];
    const accountId = valueOf(form, 'account').trim();
    const format = byId<HTMLSelectElement>('format').value;
    const problems = importProblems({ account: accountId, format, hasFile: file !== undefined });
    if (problems.length > 0 || !file) {
      errors.show(validationProblem(problems), IMPORT_FIELDS);
      return;
    }
    busy = true;
    try {
      const bytes = await file.arrayBuffer();
      const imported = await apiUpload<StatementView>(statementsApiPath.importInto(accountId, format), bytes, 'text/csv');
      if (!imported.ok) {
        const problem = imported.problem;
        if (problem.errors.length > 0) errors.showModel(importErrorModel(problem));
        else if (problem.status === 404) {
          errors.show(validationProblem([{ field: 'account', message: 'There is no account with this ID in the ledger: check it and try again' }]), IMPORT_FIELDS);
        } else showFormProblem(errors, problem, IMPORT_FIELDS);
        return;
      }
      const flagged = imported.data.import.flagged;
      setFlash({
        heading: 'Statement imported',
        body: `${imported.data.import.lines} lines are in the books.${flagged > 0 ? ` ${flagged === 1 ? '1 line needs' : `${flagged} lines need`} checking.` : ''}`,
      });
      window.location.assign(statementsPagePath({ import: imported.data.import.id }));
    } finally {
      busy = false;
    }
  });
  form.hidden = false;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/finance/statements', role: 'finance-officer' });
  if (!page) return;
  const params = new URLSearchParams(window.location.search);
  const importId = params.get('import');
  if (importId) {
    const view = await api<StatementView>('GET', statementsApiPath.import(importId));
    if (!view.ok) return showPageProblem(view.problem);
    byId('loading').remove();
    showStatement(view.data);
    return;
  }
  const formats = await api<{ items: StatementFormat[] }>('GET', statementsApiPath.formats);
  if (!formats.ok) return showPageProblem(formats.problem);
  byId('loading').remove();
  askToImport(formats.data.items, params.get('account') ?? '');
}

void main();
