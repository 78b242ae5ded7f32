// /person/contribution?person=… (finance officers): recording what the person pays towards
// their personal budget. How it was decided (radios; "a financial assessment" reveals the
// weekly amount), the date, notes. Finance officers see the money, not the case record: the
// person's name and what is recorded now come from their budget (GET /api/people/{id}/budget),
// which finance may read. There is no finance page listing people yet, so the link to this page
// names the person.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList } from '../govuk';
import { showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';
import { dateInWords } from '../casework-view';
import {
  CONTRIBUTION_FIELDS,
  contributionBody,
  reviewApiPath,
  type BudgetInForce,
  type ReviewCodes,
} from '../review-view';
import { checked, dateInput, radios, textarea, valueOf, wireReveals } from '../safeguarding-form';

interface SavedContribution {
  weekly: string;
  weekly_pence: number;
  basis: string;
  basis_label: string;
  assessed_on: string;
  notes: string;
}

function weeklyInput(): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: 'weekly' }, 'What do they pay each week?'),
    h('div', { class: 'govuk-hint', id: 'weekly-hint' }, 'In pounds and pence, like 23.50. Enter 0 if they pay nothing.'),
    h(
      'div',
      { class: 'govuk-input__wrapper' },
      h('div', { class: 'govuk-input__prefix', 'aria-hidden': 'true' }, '£'),
      h('input', { class: 'govuk-input govuk-input--width-10', id: 'weekly', name: 'weekly', type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'weekly-hint' }),
    ),
  );
}

function current(budget: BudgetInForce): HTMLElement {
  const s = budget.statement;
  return summaryList([
    ['What they pay now', s.contribution_assessed ? `${s.contribution_weekly} a week` : 'Not worked out yet'],
    ...(s.contribution_assessed ? [['How it was decided', s.contribution_basis_label] as [string, string]] : []),
  ], { id: 'contribution-now' });
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/account', role: 'finance-officer' });
  if (!page) return;
  const personId = new URLSearchParams(window.location.search).get('person') ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose contribution to record. Use the link you were sent for the person.', errors: [] });
  }
  const [budgetResult, codesResult] = await Promise.all([
    api<BudgetInForce>('GET', reviewApiPath.budget(personId)),
    api<ReviewCodes>('GET', '/api/casework/codes'),
  ]);
  if (!budgetResult.ok) return showPageProblem(budgetResult.problem);
  if (!codesResult.ok) return showPageProblem(codesResult.problem);
  const budget = budgetResult.data;
  byId('person-caption').textContent = budget.person_name;
  document.title = `Record what the person pays – ${budget.person_name} – selfdirect`;
  replaceChildren(byId('current-contribution'), current(budget));

  const host = byId('contribution-questions');
  replaceChildren(
    host,
    radios(
      'basis',
      'How was their contribution decided?',
      codesResult.data.contribution_basis.map((c) => ({
        value: c.code,
        text: c.label,
        conditional: c.code === 'financial_assessment' ? [weeklyInput()] : undefined,
      })),
    ),
    dateInput('assessed-on', 'When was it decided?', 'For example, 20 11 2026.'),
    textarea('notes', 'Notes (optional)', { hint: 'For example, what the assessment took into account.', rows: 4 }),
  );
  wireReveals(host);

  const form = byId<HTMLFormElement>('contribution-form');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const built = contributionBody({
        basis: checked(form, 'basis'),
        weekly: valueOf(form, 'weekly'),
        assessedOn: { day: valueOf(form, 'assessed-on-day'), month: valueOf(form, 'assessed-on-month'), year: valueOf(form, 'assessed-on-year') },
        notes: valueOf(form, 'notes'),
      });
      if (!built.ok) {
        errors.show(validationProblem(built.errors), CONTRIBUTION_FIELDS);
        return;
      }
      const saved = await api<SavedContribution>('POST', reviewApiPath.contribution(personId), built.body);
      if (!saved.ok) {
        showFormProblem(errors, saved.problem, CONTRIBUTION_FIELDS);
        return;
      }
      errors.clear();
      // What they pay follows from the basis too (the full cost, or nothing): read it back from
      // the budget statement, which works it out.
      const after = await api<BudgetInForce>('GET', reviewApiPath.budget(personId));
      const pays = after.ok ? after.data.statement.contribution_weekly : saved.data.weekly;
      replaceChildren(
        byId('result'),
        h(
          'div',
          { class: 'govuk-panel govuk-panel--confirmation', id: 'contribution-saved' },
          h('h2', { class: 'govuk-panel__title' }, 'Contribution recorded'),
          h('div', { class: 'govuk-panel__body' }, `${budget.person_name} pays`, h('br'), h('strong', { id: 'saved-weekly' }, `${pays} a week`)),
        ),
        summaryList([
          ['How it was decided', saved.data.basis_label],
          ['Decided on', dateInWords(saved.data.assessed_on)],
        ], { id: 'saved-summary' }),
        h('p', { class: 'govuk-body' }, 'Their budget statement now shows what they pay and what the council pays.'),
      );
      form.hidden = true;
      byId('current-contribution').hidden = true;
      byId('result').hidden = false;
      byId('page-heading').textContent = 'Contribution recorded';
      document.title = `Contribution recorded – ${budget.person_name} – selfdirect`;
      byId('page-heading').focus();
    } finally {
      busy = false;
    }
  });
  byId('loading').remove();
  form.hidden = false;
}

void main();
