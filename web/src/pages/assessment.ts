// /person/assessment?id=… (assessors): the council's published questionnaire (its first
// model's version in use), with the indicative budget beside it worked out live as the
// answers change (POST /api/ras/evaluate, which saves nothing; debounced, in an aria-live
// region) with its explanation; "Record this assessment" saves it
// (POST /api/people/{id}/assessments) and goes back to the person's record. A case that is
// not ready (409: eligibility not recorded) says what must happen first.
import '../main';
import { api } from '../api';
import { caseworkApiPath, type Assessment, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { explanationParts } from '../explanation';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem, type FieldProblem } from '../problem';
import { formValues, questionControls } from '../ras-form';
import {
  answerFieldIds,
  explanationView,
  periodPhrase,
  readAnswers,
  versionApiPath,
  type Estimate,
  type RasModelList,
  type RasModelVersion,
} from '../ras-view';

const LIVE_DELAY_MS = 400;

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/caseload', role: 'assessor' });
  if (!page) return;
  const personId = new URLSearchParams(window.location.search).get('id') ?? '';
  const [personResult, listResult] = await Promise.all([
    api<PersonFile>('GET', caseworkApiPath.person(personId)),
    api<RasModelList>('GET', '/api/ras/models'),
  ]);
  if (!personResult.ok) return showPageProblem(personResult.problem);
  if (!listResult.ok) return showPageProblem(listResult.problem);
  const person = personResult.data;
  const council = listResult.data.council;
  byId('person-caption').textContent = person.full_name;
  document.title = `Assess needs – ${person.full_name} – selfdirect`;
  const summary = listResult.data.models.find((m) => m.current);
  if (!summary) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: `${council.name} has not published a budget questionnaire yet, so there is nothing to assess with. Ask an administrator to publish one.`, errors: [] });
  }
  const modelResult = await api<RasModelVersion>('GET', versionApiPath(council.code, summary.id, 'current'));
  if (!modelResult.ok) return showPageProblem(modelResult.problem);
  const model = modelResult.data;
  byId('model-title').textContent = `${model.title}, version ${model.version}`;
  replaceChildren(byId('assessment-questions'), questionControls(model));

  const form = byId<HTMLFormElement>('assessment-form');
  const errors = new FormErrors(byId('error-summary'), form);
  const fieldIds = { ...answerFieldIds(model), completed_by: 'completed-by' };
  const phrase = periodPhrase(model.period, model.period_phrase);
  const liveAmount = byId('live-amount');
  const liveExplanation = byId('live-explanation');
  const belowForm = byId('amount-before-record');

  // The live estimate: the newest request wins; an older answer arriving late is ignored.
  let asked = 0;
  let timer: number | undefined;
  async function updateEstimate(): Promise<void> {
    const ask = ++asked;
    const { answers, problems } = readAnswers(model, formValues(form, model));
    if (problems.length > 0) {
      liveAmount.textContent = problems.length === 1 ? '1 question still to answer.' : `${problems.length} questions still to answer.`;
      replaceChildren(liveExplanation);
      belowForm.textContent = 'The indicative budget is worked out when every question is answered.';
      return;
    }
    const result = await api<Estimate>('POST', '/api/ras/evaluate', { council: council.code, model: model.id, version: model.version, answers });
    if (ask !== asked) return;
    if (!result.ok) {
      liveAmount.textContent = result.problem.status === 422
        ? `Check the answers: ${result.problem.errors.map((e) => e.message).join('; ') || result.problem.title}`
        : 'The indicative budget could not be worked out just now.';
      replaceChildren(liveExplanation);
      belowForm.textContent = liveAmount.textContent;
      return;
    }
    const view = explanationView(result.data, phrase);
    replaceChildren(liveAmount, h('span', { class: 'govuk-heading-l govuk-!-margin-bottom-0', id: 'live-total' }, view.amount));
    replaceChildren(liveExplanation, explanationParts(result.data, 'live-explanation'));
    // The same amount by the button, for someone at the end of the long form (not live: the
    // panel already announces it).
    replaceChildren(belowForm, 'With these answers the indicative budget is ', h('strong', {}, view.amount), '.');
  }
  const later = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void updateEstimate(), LIVE_DELAY_MS);
  };
  form.addEventListener('change', later);
  form.addEventListener('input', later);

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const completedBy = form.querySelector<HTMLInputElement>('input[name="completed-by"]:checked')?.value ?? '';
    const { answers, problems } = readAnswers(model, formValues(form, model));
    const all: FieldProblem[] = [];
    if (!completedBy) all.push({ field: 'completed_by', message: 'Select who filled in the questionnaire' });
    all.push(...problems);
    if (all.length > 0) {
      errors.show(validationProblem(all), fieldIds);
      return;
    }
    busy = true;
    try {
      const result = await api<Assessment>('POST', caseworkApiPath.assessments(person.id), { model: model.id, completed_by: completedBy, answers });
      if (!result.ok) {
        showFormProblem(errors, result.problem, fieldIds);
        return;
      }
      setFlash({ heading: 'Assessment recorded', body: `The indicative budget is ${explanationView(result.data, phrase).amount}.` });
      window.location.assign(`/person?id=${encodeURIComponent(person.id)}`);
    } finally {
      busy = false;
    }
  });

  byId('loading').remove();
  byId('assessment-section').hidden = false;
}

void main();
