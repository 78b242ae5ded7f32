// /person/plan/check?plan=… : "Check the support plan", the GOV.UK check-answers step. The
// version as saved on the server (so what is checked is what will be submitted) as summary
// cards with "Change" links back to the builder, its cost against the indicative budget, and
// "Submit for sign-off" (POST /api/plans/{id}/submit with the revision read), which goes back
// to the person's record (for a representative or support planner, the plan and budget
// page). A version that can no longer be changed is shown without the button.
import '../main';
import { api } from '../api';
import { personHomePath } from '../budget-view';
import { caseworkApiPath, type PersonFile } from '../casework-view';
import { byId, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { formatPence } from '../money';
import { planSummary } from '../plan-summary';
import { CONFLICT_MESSAGE, PLAN_STATUS_LABELS, isEditable, isStaleRevision, planApiPath, planPaths, problemWithMessage, type Plan } from '../plan-view';

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/caseload' });
  if (!page) return;
  const planId = new URLSearchParams(window.location.search).get('plan') ?? '';
  const loaded = await api<Plan>('GET', planApiPath.plan(planId));
  if (!loaded.ok) return showPageProblem(loaded.problem);
  const plan = loaded.data;
  const personResult = await api<PersonFile>('GET', caseworkApiPath.person(plan.person_id));
  if (!personResult.ok) return showPageProblem(personResult.problem);
  const person = personResult.data;
  byId('person-caption').textContent = person.full_name;
  document.title = `Check the support plan – ${person.full_name} – selfdirect`;
  const home = personHomePath(page.session.user.roles, person.id, page.session.user.person_id);
  const editable = isEditable(plan.status);
  const back = byId<HTMLAnchorElement>('back-to-plan');
  if (editable) {
    back.href = planPaths.builder(plan.id);
  } else {
    back.href = home.href;
    back.textContent = home.text;
    byId('page-heading').textContent = `Support plan, version ${plan.version}`;
  }
  byId('loading').textContent = `Version ${plan.version}: ${PLAN_STATUS_LABELS[plan.status] ?? plan.status}.`;
  replaceChildren(byId('plan-summary'), planSummary(plan, editable ? planPaths.builder(plan.id) : undefined));
  if (!editable) return;

  const form = byId<HTMLFormElement>('submit-form');
  form.hidden = false;
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const result = await api<Plan>('POST', planApiPath.submit(plan.id), { revision: plan.revision });
      if (!result.ok) {
        if (isStaleRevision(result.problem)) errors.show(problemWithMessage(result.problem, CONFLICT_MESSAGE), {});
        else showFormProblem(errors, result.problem, { revision: 'submit-plan' });
        return;
      }
      setFlash({ heading: 'The plan has been submitted for sign-off', body: `Version ${result.data.version}, costing ${formatPence(result.data.cost.first_year_pence)} a year, is waiting for an approver.` });
      window.location.assign(home.href);
    } finally {
      busy = false;
    }
  });
}

void main();
