// /how-budgets-are-worked-out/estimate?council=CODE&model=ID&version=N&example=K (public: no
// sign-in): a form built from a published model's questions (radios for answers with
// options, a box for numbers, and the facts about the person the model uses), which asks
// the server to work out the estimate (POST /api/ras/evaluate) and shows the amount in a
// panel, then each line of the explanation: the money lines with their amounts, then the
// steps in between. `example=K` fills the form in with the model's K-th worked example.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { table } from '../govuk';
import { validationProblem } from '../problem';
import { loadPublishedModel } from '../ras-public';
import { fillForm, formValues, questionControls } from '../ras-form';
import {
  answerControlId,
  answerFieldIds,
  estimatePagePath,
  explanationView,
  formValuesFromAnswers,
  numberHint,
  periodPhrase,
  publicPagePath,
  publicPageQuery,
  questionSections,
  readAnswers,
  type Estimate,
  type RasAttribute,
  type RasModelVersion,
  type RasQuestion,
} from '../ras-view';

/** The form's questions, by outcome area, then the facts about the person. */
function buildForm(model: RasModelVersion): void {
  replaceChildren(byId('estimate-questions'), questionControls(model));
}


function showResult(estimate: Estimate, model: RasModelVersion, pageTitle: string): void {
  const view = explanationView(estimate, periodPhrase(model.period, model.period_phrase));
  byId('result-amount').textContent = view.amount;
  replaceChildren(
    byId('result-money'),
    view.money.length > 0
      ? table({
          id: 'explanation-money',
          caption: 'What each part adds',
          captionSize: 's',
          head: ['Part', { text: 'Amount', numeric: true }],
          rows: view.money.map((line) => [line.text, { content: line.amount, numeric: true }]),
          foot: ['Estimated budget', { content: view.total, numeric: true }],
          small: true,
        })
      : '',
  );
  replaceChildren(
    byId('result-steps'),
    view.steps.length > 0
      ? [
          h('h3', { class: 'govuk-heading-s' }, 'The steps in between'),
          h('ul', { class: 'govuk-list govuk-list--bullet', id: 'explanation-steps' }, view.steps.map((step) => h('li', {}, step))),
        ]
      : '',
  );
  byId('estimate-section').hidden = true;
  byId('result-section').hidden = false;
  document.title = `Estimated budget: ${view.amount} – ${pageTitle}`;
  byId('result-heading').focus();
}

async function main(): Promise<void> {
  const query = publicPageQuery(new URLSearchParams(window.location.search));
  const version = query.version === 'current' ? undefined : query.version;
  const loaded = await loadPublishedModel(query);
  if (!loaded) return;
  const { list, model } = loaded;
  const council = list.council;
  byId('council-caption').textContent = council.name;
  const pageTitle = `Work out an estimate – ${model.title} – selfdirect`;
  document.title = pageTitle;
  byId<HTMLAnchorElement>('back-link').href = publicPagePath(council.code, model.id, version);
  byId<HTMLAnchorElement>('start-again').href = estimatePagePath(council.code, model.id, version);

  const form = byId<HTMLFormElement>('estimate-form');
  buildForm(model);
  const example = query.example > 0 ? model.examples?.[query.example - 1] : undefined;
  if (example) {
    fillForm(form, formValuesFromAnswers(example.answers));
    replaceChildren(
      byId('example-note'),
      h('div', { class: 'govuk-inset-text' }, `The answers from worked example ${query.example} are filled in: ${example.description}`),
    );
  }

  const errors = new FormErrors(byId('error-summary'), form);
  const fieldIds = answerFieldIds(model);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const { answers, problems } = readAnswers(model, formValues(form, model));
    if (problems.length > 0) {
      errors.show(validationProblem(problems), fieldIds);
      return;
    }
    busy = true;
    try {
      const body: Record<string, unknown> = { council: council.code, model: model.id, answers };
      if (version !== undefined) body['version'] = version;
      const result = await api<Estimate>('POST', '/api/ras/evaluate', body);
      if (!result.ok) {
        if (result.problem.status === 404) {
          errors.show({ ...result.problem, errors: [], detail: 'This questionnaire is no longer published. Go back and start again.' }, fieldIds);
        } else {
          errors.show(result.problem, fieldIds);
        }
        return;
      }
      errors.clear();
      showResult(result.data, model, pageTitle);
    } finally {
      busy = false;
    }
  });

  byId('change-answers').addEventListener('click', () => {
    byId('result-section').hidden = true;
    byId('estimate-section').hidden = false;
    document.title = pageTitle;
    form.querySelector<HTMLInputElement>('input')?.focus();
  });

  byId('loading').remove();
  byId('estimate-section').hidden = false;
}

void main();
