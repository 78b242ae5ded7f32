// /person/budget?person=… : a person's plan and personal budget, for anyone who may see it
// (their social worker, an approver, a representative they have given access, or the person).
// The budget statement (what it costs, what the person pays, what the council pays, the
// period, in plain English), the plan in force, the next review and past reviews, the link
// to the statement as a PDF, and every version of the plan. Before a budget is in place it
// says plainly what happens next, and offers the plan builder to those who may write it.
// Someone who may see the money but not the case record (a finance officer) sees the
// statement and reviews alone.
import '../main';
import { api, type Session } from '../api';
import { planParts, reviewParts, statementParts } from '../budget-statement';
import { budgetPaths, personHomePath, whatHappensNext, type Audience, type Budget, type PlanVersionSummary } from '../budget-view';
import { caseworkApiPath, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { table } from '../govuk';
import { renderServiceNavigation, showPageProblem, startSignedInPage } from '../layout';
import { type Grant } from '../my-record-view';
import { type Problem } from '../problem';
import { PLAN_STATUS_LABELS, isEditable, planApiPath, planPaths, type Plan } from '../plan-view';

type BudgetPerson = PersonFile & { plans?: PlanVersionSummary[]; closure?: { words: string } | null };

/** Whether the signed-in user may write this person's plan (the server decides; this only chooses what to offer). */
async function mayWritePlan(session: Session, personId: string): Promise<boolean> {
  if (session.user.roles.includes('assessor') || session.user.person_id === personId) return true;
  // Only a representative can hold a grant to write someone's plan.
  if (!session.user.roles.includes('representative')) return false;
  const grants = await api<{ grants: (Grant & { grantee_user_id?: string })[] }>('GET', `/api/people/${encodeURIComponent(personId)}/grants`);
  if (!grants.ok) return false;
  return grants.data.grants.some((g) => g.grantee_user_id === session.user.id && g.active && !g.revoked_at && g.scopes.includes('write-plan'));
}

function planVersions(plans: readonly PlanVersionSummary[]): HTMLElement {
  return table({
    id: 'plan-versions',
    caption: 'Every version of the plan',
    captionSize: 's',
    head: ['Version', 'Status', { text: 'Cost in the first year', numeric: true }, { text: 'Actions', hidden: true }],
    rows: plans.map((p) => [
      String(p.version),
      PLAN_STATUS_LABELS[p.status] ?? p.status,
      { content: p.first_year, numeric: true },
      h(
        'a',
        { class: 'govuk-link', href: isEditable(p.status) ? planPaths.builder(p.id) : planPaths.check(p.id) },
        isEditable(p.status) ? 'Carry on writing' : 'See the plan',
        h('span', { class: 'govuk-visually-hidden' }, ` version ${p.version}`),
      ),
    ]),
    small: true,
  });
}

function writeOffer(person: BudgetPerson): HTMLElement | null {
  if (person.stage !== 'planning' || !person.assessment) return null;
  const draft = (person.plans ?? []).find((p) => isEditable(p.status));
  const href = draft ? planPaths.builder(draft.id) : planPaths.start(person.id);
  return h(
    'a',
    { class: 'govuk-button', 'data-module': 'govuk-button', role: 'button', draggable: 'false', href, id: 'write-plan' },
    draft ? 'Carry on writing the support plan' : 'Start the support plan',
  );
}

/**
 * For someone who may see the money but not the case record (a finance officer): the
 * statement and the reviews, without the plan. `refusal` is shown when the budget cannot be.
 */
async function showMoneyOnly(personId: string, refusal: Problem): Promise<void> {
  const result = await api<Budget>('GET', budgetPaths.api(personId));
  if (!result.ok) return showPageProblem(result.problem.status === 404 ? result.problem : refusal);
  const budget = result.data;
  byId('person-caption').textContent = budget.person_name;
  document.title = `Personal budget – ${budget.person_name} – selfdirect`;
  byId('loading').remove();
  replaceChildren(byId('budget-content'), statementParts(budget, 'other'), reviewParts(budget, 'other'));
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '' });
  if (!page) return;
  const { session } = page;
  const personId = new URLSearchParams(window.location.search).get('person') ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose budget to show.', errors: [] });
  }
  const self = session.user.person_id === personId;
  const audience: Audience = self ? 'self' : 'other';
  if (self) renderServiceNavigation(session, '/my-record');
  else if (session.user.roles.includes('assessor')) renderServiceNavigation(session, '/caseload');

  const home = personHomePath(session.user.roles, personId, session.user.person_id);
  if (home.href !== window.location.pathname + window.location.search) {
    const back = byId<HTMLAnchorElement>('back-link');
    back.href = home.href;
    back.textContent = home.text;
    back.hidden = false;
  }

  const personResult = await api<BudgetPerson>('GET', caseworkApiPath.person(personId));
  if (!personResult.ok && personResult.problem.status === 403) return showMoneyOnly(personId, personResult.problem);
  if (!personResult.ok) return showPageProblem(personResult.problem);
  const person = personResult.data;
  byId('person-caption').textContent = person.full_name;
  document.title = `Plan and personal budget – ${person.full_name} – selfdirect`;

  const parts: (HTMLElement | null)[] = [];
  let budget: Budget | null = null;
  if (person.has_active_plan) {
    const result = await api<Budget>('GET', budgetPaths.api(personId));
    if (result.ok) budget = result.data;
    else if (result.problem.status !== 404) return showPageProblem(result.problem);
  }
  if (budget) {
    parts.push(...statementParts(budget, audience));
    const plan = await api<Plan>('GET', planApiPath.plan(budget.plan_id));
    if (!plan.ok) return showPageProblem(plan.problem);
    parts.push(...planParts(plan.data, audience));
    parts.push(...reviewParts(budget, audience));
  } else {
    parts.push(
      h('h2', { class: 'govuk-heading-m', id: 'no-budget-heading' }, 'No personal budget yet'),
      h('p', { class: 'govuk-body', id: 'what-happens-next' }, whatHappensNext(person, audience)),
    );
    if (await mayWritePlan(session, personId)) parts.push(writeOffer(person));
  }
  const plans = person.plans ?? [];
  if (plans.length > 0) {
    parts.push(h('div', { class: 'govuk-!-display-none-print', id: 'plan-versions-section' }, h('h2', { class: 'govuk-heading-m' }, 'Plan versions'), planVersions(plans)));
  }
  byId('loading').remove();
  replaceChildren(byId('budget-content'), parts);
}

void main();
