// /sign-off/decision?plan=… (approvers): one submitted plan, summarised (outcomes, items with
// their costs, how it was written, risks, emergency, cost against the indicative budget and
// how that budget was worked out), the earlier plan steps in the case, then the decision:
// approve (with the budget a year, filled in with the plan's cost; when it differs from the
// indicative budget, the main reason and words), return with comments, decline with a reason,
// or refer. Each choice reveals its own questions (GOV.UK conditional reveal). Problems the
// server finds, such as a budget above the approver's limit, go in the error summary.
import '../main';
import { api } from '../api';
import { caseworkApiPath, type CaseworkCodes, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { explanationParts } from '../explanation';
import { FormErrors } from '../forms';
import { table } from '../govuk';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { formatPence, parsePounds } from '../money';
import { planSummary } from '../plan-summary';
import {
  PLAN_STATUS_LABELS,
  decisionBody,
  poundsForInput,
  decisionFieldIds,
  isStaleRevision,
  needsVarianceReason,
  planApiPath,
  planRounds,
  problemWithMessage,
  whenInWords,
  type Decision,
  type DecisionAnswers,
  type Plan,
} from '../plan-view';

const STALE_DECISION =
  'Someone else changed this plan since you opened it. Reload the page to see it as it is now; your decision has not been recorded.';

function checkedValue(form: HTMLFormElement, name: string): string {
  return form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/sign-off', role: 'approver' });
  if (!page) return;
  const planId = new URLSearchParams(window.location.search).get('plan') ?? '';
  const [planResult, codesResult] = await Promise.all([
    api<Plan>('GET', planApiPath.plan(planId)),
    api<CaseworkCodes>('GET', caseworkApiPath.codes),
  ]);
  if (!planResult.ok) return showPageProblem(planResult.problem);
  if (!codesResult.ok) return showPageProblem(codesResult.problem);
  const plan = planResult.data;
  const personResult = await api<PersonFile>('GET', caseworkApiPath.person(plan.person_id));
  if (!personResult.ok) return showPageProblem(personResult.problem);
  const person = personResult.data;

  byId('person-caption').textContent = person.full_name;
  document.title = `Decide the support plan – ${person.full_name} – selfdirect`;
  byId('page-heading').textContent = `Decide version ${plan.version} of the support plan`;
  byId('loading').textContent = `${PLAN_STATUS_LABELS[plan.status] ?? plan.status}${plan.submitted_at ? `: submitted ${whenInWords(plan.submitted_at)}` : ''}.`;
  replaceChildren(byId('plan-summary'), planSummary(plan));

  if (person.assessment) {
    replaceChildren(
      byId('indicative-explanation'),
      h(
        'details',
        { class: 'govuk-details', id: 'explanation-details' },
        h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'How the indicative budget was worked out')),
        h('div', { class: 'govuk-details__text' }, explanationParts(person.assessment, 'explanation')),
      ),
    );
  }

  const rounds = planRounds(person.events ?? []);
  replaceChildren(
    byId('previous-rounds'),
    h('h2', { class: 'govuk-heading-m' }, 'The plan so far'),
    rounds.length === 0
      ? h('p', { class: 'govuk-body' }, 'No plan for this person has been decided before.')
      : table({
          id: 'plan-rounds',
          caption: 'Plan steps in this case, newest first',
          captionSize: 's',
          head: ['When', 'Version', 'What happened'],
          rows: rounds.map((r) => [whenInWords(r.when), r.version, r.what]),
          small: true,
        }),
  );

  if (plan.status !== 'submitted') return;

  replaceChildren(
    byId('variance-categories'),
    codesResult.data.variance_categories.map((c, i) => {
      const id = i === 0 ? 'variance-category' : `variance-category-${i + 1}`;
      return h(
        'div',
        { class: 'govuk-radios__item' },
        h('input', { class: 'govuk-radios__input', id, name: 'variance-category', type: 'radio', value: c.code }),
        h('label', { class: 'govuk-label govuk-radios__label', for: id }, c.label),
      );
    }),
  );

  const form = byId<HTMLFormElement>('decision-form');
  // Each decision's own questions show when it is chosen (GOV.UK's conditional reveal). Done
  // here rather than by GOV.UK's radios component, whose aria-expanded on a radio axe reports
  // as not allowed (as on the eligibility page).
  const decisions = [...form.querySelectorAll<HTMLInputElement>('input[name="decision"]')];
  const reveal = (): void => {
    for (const radio of decisions) {
      byId(radio.dataset['reveals'] ?? '').classList.toggle('govuk-radios__conditional--hidden', !radio.checked);
    }
  };
  for (const radio of decisions) radio.addEventListener('change', reveal);
  reveal();
  const errors = new FormErrors(byId('error-summary'), form);
  const actual = byId<HTMLInputElement>('actual-annual');
  actual.value = poundsForInput(plan.cost.first_year_pence);
  const varianceSection = byId('variance-section');
  const varianceNote = byId('variance-note');
  const updateVariance = (): void => {
    const needed = needsVarianceReason(actual.value, plan.cost.first_year_pence, plan.indicative_annual_pence);
    // An amount that cannot be read yet leaves the section as it was; the server names the problem.
    if (needed === null) return;
    varianceSection.hidden = !needed;
    if (needed && plan.indicative_annual_pence !== null) {
      varianceNote.textContent = `This differs from the indicative budget of ${formatPence(plan.indicative_annual_pence)} a year, so say why.`;
    }
  };
  actual.addEventListener('input', updateVariance);
  updateVariance();
  form.hidden = false;

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const decision = checkedValue(form, 'decision') as Decision | '';
    const commentsId = decisionFieldIds(decision).comments ?? '';
    const answers: DecisionAnswers = {
      decision,
      comments: decision && decision !== 'approve' ? (document.getElementById(commentsId) as HTMLTextAreaElement | null)?.value ?? '' : '',
      actualAnnual: actual.value,
      varianceCategory: checkedValue(form, 'variance-category'),
      varianceWords: byId<HTMLTextAreaElement>('variance-words').value,
    };
    const needed = needsVarianceReason(actual.value, plan.cost.first_year_pence, plan.indicative_annual_pence) ?? true;
    busy = true;
    try {
      const result = await api<Plan>('POST', planApiPath.decision(plan.id), decisionBody(answers, plan.revision, needed));
      if (!result.ok) {
        if (isStaleRevision(result.problem)) errors.show(problemWithMessage(result.problem, STALE_DECISION), {});
        else showFormProblem(errors, result.problem, decisionFieldIds(decision), { linkOtherProblemsTo: decision === 'approve' ? 'decision-4' : 'decision' });
        return;
      }
      const done = result.data;
      const headings: Record<string, string> = {
        approve: `You approved the plan for ${person.full_name}`,
        return: `You returned the plan for ${person.full_name} with comments`,
        decline: `You declined the plan for ${person.full_name}`,
        refer: `You referred the plan for ${person.full_name}`,
      };
      const typed = parsePounds(answers.actualAnnual);
      const budget = typed.ok ? typed.pence : BigInt(done.cost.first_year_pence);
      setFlash({
        heading: headings[decision] ?? 'Your decision has been recorded',
        body: decision === 'approve' ? `The budget is ${formatPence(budget)} a year.` : undefined,
      });
      window.location.assign('/sign-off');
    } finally {
      busy = false;
    }
  });
}

void main();
