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

/** The id of the k-th radio (from 0) of an input: the first is the input's own id. */
function radioId(inputId: string, k: number): string {
  return k === 0 ? answerControlId(inputId) : `${answerControlId(inputId)}-${k + 1}`;
}

/** A fieldset of radios, one question. `inline` puts short choices (Yes, No) side by side. */
function radios(inputId: string, legend: string, choices: { value: string; text: string }[], inline = false): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h(
      'fieldset',
      { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, legend),
      h(
        'div',
        { class: `govuk-radios${inline ? ' govuk-radios--inline' : ''}`, 'data-module': 'govuk-radios' },
        choices.map((choice, k) =>
          h(
            'div',
            { class: 'govuk-radios__item' },
            h('input', { class: 'govuk-radios__input', id: radioId(inputId, k), name: inputId, type: 'radio', value: choice.value }),
            h('label', { class: 'govuk-label govuk-radios__label', for: radioId(inputId, k) }, choice.text),
          ),
        ),
      ),
    ),
  );
}

/** A box for a number, with what it may be as its hint. */
function numberBox(inputId: string, label: string, hint: string, integer: boolean): HTMLElement {
  const id = answerControlId(inputId);
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id }, label),
    h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint),
    h('input', {
      class: 'govuk-input govuk-input--width-4',
      id,
      name: inputId,
      type: 'text',
      inputmode: integer ? 'numeric' : 'decimal',
      spellcheck: 'false',
      autocomplete: 'off',
      'aria-describedby': `${id}-hint`,
    }),
  );
}

function questionControl(q: RasQuestion, hint: string): HTMLElement {
  if (q.options) return radios(q.id, q.text, q.options.map((o) => ({ value: o.code, text: o.text })));
  return numberBox(q.id, q.text, hint, Boolean(q.number?.integer));
}

function attributeControl(a: RasAttribute): HTMLElement {
  if (a.type === 'yes_no') return radios(a.id, a.label, [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }], true);
  if (a.type === 'category') return radios(a.id, a.label, (a.values ?? []).map((v) => ({ value: v.code, text: v.text })));
  return numberBox(a.id, a.label, numberHint(a), Boolean(a.integer));
}

/** The form's questions, by outcome area, then the facts about the person. */
function buildForm(model: RasModelVersion): void {
  const parts: Node[] = [];
  const questions = new Map(model.questions.map((q) => [q.id, q]));
  for (const section of questionSections(model)) {
    parts.push(h('h2', { class: 'govuk-heading-m' }, section.heading));
    for (const view of section.questions) {
      const question = questions.get(view.id);
      if (question) parts.push(questionControl(question, view.numberHint));
    }
  }
  if ((model.attributes ?? []).length > 0) {
    parts.push(h('h2', { class: 'govuk-heading-m' }, 'About you'));
    for (const attribute of model.attributes ?? []) parts.push(attributeControl(attribute));
  }
  replaceChildren(byId('estimate-questions'), parts);
}

/** Every input's value: the chosen radio's value, or the text typed; undefined for none. */
function formValues(form: HTMLFormElement, model: RasModelVersion): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  const ids = [...model.questions.map((q) => q.id), ...(model.attributes ?? []).map((a) => a.id)];
  for (const id of ids) {
    const checked = form.querySelector<HTMLInputElement>(`input[type="radio"][name="${id}"]:checked`);
    const box = form.querySelector<HTMLInputElement>(`input[type="text"][name="${id}"]`);
    values.set(id, checked ? checked.value : box ? box.value : undefined);
  }
  return values;
}

/** Fills the form in with `values` (a worked example's answers). */
function fillForm(form: HTMLFormElement, values: Map<string, string>): void {
  for (const [id, value] of values) {
    for (const radio of form.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${id}"]`)) {
      radio.checked = radio.value === value;
    }
    const box = form.querySelector<HTMLInputElement>(`input[type="text"][name="${id}"]`);
    if (box) box.value = value;
  }
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
