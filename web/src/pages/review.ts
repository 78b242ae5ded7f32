// /person/review?person=… (social workers): recording a review of the plan in force. When it
// was held, why, how; then each outcome of the plan, in the person's own words, rated achieved,
// partly achieved or not yet, with what they said about it; their view overall; what happens
// next (carry on, revise the plan, reassess), with the plain rule that a review cannot reduce
// the budget; notes. Problems go in the error summary, linked to their fields. Once saved, a
// confirmation with the next review date and, for "revise" or "reassess", where to go next.
import '../main';
import { api } from '../api';
import { caseworkApiPath } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList } from '../govuk';
import { showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { planApiPath, type Plan } from '../plan-view';
import { validationProblem } from '../problem';
import {
  nextSteps,
  ratingId,
  reviewApiPath,
  reviewBody,
  reviewFieldIds,
  reviewPagePath,
  viewId,
  type BudgetInForce,
  type PersonAfterSignOff,
  type RecordedReview,
  type ReviewCodes,
  type ReviewOutcome,
} from '../review-view';
import { checked, dateInput, radios, textarea, valueOf } from '../safeguarding-form';

function notFound(detail: string): void {
  showPageProblem({ status: 404, type: '', title: 'Not found', detail, errors: [] });
}

function dateParts(form: HTMLFormElement, id: string): { day: string; month: string; year: string } {
  return { day: valueOf(form, `${id}-day`), month: valueOf(form, `${id}-month`), year: valueOf(form, `${id}-year`) };
}

function outcomeQuestions(outcomes: readonly ReviewOutcome[], codes: ReviewCodes): HTMLElement[] {
  return outcomes.flatMap((o, i) => [
    radios(
      ratingId(i),
      `Outcome ${i + 1}: “${o.words}”`,
      codes.outcome_ratings.map((r) => ({ value: r.code, text: r.label })),
      { legendClass: 'govuk-fieldset__legend--s', hint: 'How far have they got with this?' },
    ),
    textarea(viewId(i), `What they said about outcome ${i + 1} (optional)`, { labelClass: 'govuk-label--s', rows: 3, hint: 'In their own words, if you can.' }),
  ]);
}

async function showSaved(review: RecordedReview, person: PersonAfterSignOff): Promise<void> {
  // The next review date is set by the scheme's rules when the review is saved: read it back.
  const budget = await api<BudgetInForce>('GET', reviewApiPath.budget(person.id));
  const next = budget.ok ? budget.data.next_review : null;
  const step = nextSteps(review.result, person.id);
  const achieved = review.outcomes.filter((o) => o.rating === 'achieved').length;
  replaceChildren(
    byId('result'),
    h(
      'div',
      { class: 'govuk-panel govuk-panel--confirmation', id: 'review-saved' },
      h('h2', { class: 'govuk-panel__title' }, 'Review recorded'),
      next
        ? h('div', { class: 'govuk-panel__body' }, 'Their next review', h('br'), h('strong', { id: 'next-review' }, next.words))
        : null,
    ),
    summaryList([
      ['Held on', review.held_on_words],
      ['Outcomes achieved', `${achieved} of ${review.outcomes.length}`],
      ['What happens next', review.result_label],
    ], { id: 'review-summary' }),
    next ? h('p', { class: 'govuk-body', id: 'next-review-why' }, `${next.why}.`) : null,
    h('h2', { class: 'govuk-heading-m' }, 'What happens next'),
    h('p', { class: 'govuk-body', id: 'next-step' }, step.text),
    step.href ? h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: step.href, id: 'next-step-link' }, step.link ?? '')) : null,
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: reviewPagePath.record(person.id) }, `Back to ${person.full_name}’s record`)),
  );
  byId('review-form').hidden = true;
  byId('result').hidden = false;
  byId('page-heading').textContent = 'Review recorded';
  document.title = `Review recorded – ${person.full_name} – selfdirect`;
  byId('page-heading').focus();
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/reviews', role: 'assessor' });
  if (!page) return;
  const personId = new URLSearchParams(window.location.search).get('person') ?? '';
  if (!personId) return notFound('This address does not say whose review to record. Choose the person from the reviews list or your caseload.');
  const [personResult, codesResult] = await Promise.all([
    api<PersonAfterSignOff>('GET', caseworkApiPath.person(personId)),
    api<ReviewCodes>('GET', caseworkApiPath.codes),
  ]);
  if (!personResult.ok) return showPageProblem(personResult.problem);
  if (!codesResult.ok) return showPageProblem(codesResult.problem);
  const person = personResult.data;
  byId('person-caption').textContent = person.full_name;
  document.title = `Record a review – ${person.full_name} – selfdirect`;
  const nothingToReview = (why: string): void => {
    replaceChildren(
      byId('result'),
      h('p', { class: 'govuk-body', id: 'nothing-to-review' }, why),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: reviewPagePath.record(person.id) }, `Back to ${person.full_name}’s record`)),
    );
    byId('loading').remove();
    byId('result').hidden = false;
  };
  if (person.stage === 'closed') return nothingToReview(`${person.full_name}’s case is closed, so there is nothing to review.`);
  const budget = await api<BudgetInForce>('GET', reviewApiPath.budget(personId));
  if (!budget.ok && budget.problem.status === 404) {
    return nothingToReview(`${person.full_name} has no personal budget in place yet, so there is nothing to review: a review looks at a signed-off support plan.`);
  }
  if (!budget.ok) return showPageProblem(budget.problem);
  const plan = await api<Plan>('GET', planApiPath.plan(budget.data.plan_id));
  if (!plan.ok) return showPageProblem(plan.problem);
  const outcomes: ReviewOutcome[] = plan.data.outcomes.map((o) => ({ id: o.id, words: o.words }));
  const codes = codesResult.data;

  const host = byId('review-questions');
  replaceChildren(
    host,
    budget.data.next_review
      ? h('p', { class: 'govuk-body', id: 'review-due' }, `Version ${budget.data.plan_version} of their support plan is in force. Review: ${budget.data.next_review.words}.`)
      : null,
    dateInput('held-on', 'When was the review held?', 'For example, 20 11 2026. It cannot be before the plan was signed off.'),
    radios('reason', 'Why was the review held?', codes.review_reason.map((c) => ({ value: c.code, text: c.label }))),
    radios('method', 'How was the review done?', codes.review_method.map((c) => ({ value: c.code, text: c.label }))),
    h('h2', { class: 'govuk-heading-m' }, 'Their outcomes'),
    h('p', { class: 'govuk-body' }, 'Rate each outcome in their plan, and note what they said about it.'),
    outcomeQuestions(outcomes, codes),
    textarea('persons-view', 'How do they feel their support is going overall? (optional)', { hint: 'In their own words.', rows: 4 }),
    h(
      'div',
      { class: 'govuk-inset-text', id: 'budget-rule' },
      'A review cannot reduce their budget. Only a new assessment of their needs can do that.',
    ),
    radios(
      'what-next',
      'What happens next?',
      codes.review_results.map((c) => ({
        value: c.code,
        text: c.label,
        hint:
          c.code === 'continue'
            ? 'The plan is working'
            : c.code === 'revise_plan'
              ? 'Write a new version of the plan with them'
              : c.code === 'reassess'
                ? 'Assess their needs again: only this can change the indicative budget'
                : undefined,
      })),
    ),
    textarea('notes', 'Notes (optional)', { hint: 'Anything else the next person to work with them should know.', rows: 4 }),
  );

  const form = byId<HTMLFormElement>('review-form');
  const errors = new FormErrors(byId('error-summary'), form);
  const fieldIds = reviewFieldIds(outcomes);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const built = reviewBody(
        {
          heldOn: dateParts(form, 'held-on'),
          reason: checked(form, 'reason'),
          method: checked(form, 'method'),
          ratings: Object.fromEntries(outcomes.map((o, i) => [o.id, checked(form, ratingId(i))])),
          views: Object.fromEntries(outcomes.map((o, i) => [o.id, valueOf(form, viewId(i))])),
          personsView: valueOf(form, 'persons-view'),
          result: checked(form, 'what-next'),
          notes: valueOf(form, 'notes'),
        },
        outcomes,
      );
      if (!built.ok) {
        errors.show(validationProblem(built.errors), fieldIds);
        return;
      }
      const saved = await api<RecordedReview>('POST', reviewApiPath.reviews(person.id), built.body);
      if (!saved.ok) {
        showFormProblem(errors, saved.problem, fieldIds);
        return;
      }
      errors.clear();
      await showSaved(saved.data, person);
    } finally {
      busy = false;
    }
  });
  byId('loading').remove();
  form.hidden = false;
}

void main();
