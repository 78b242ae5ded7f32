/**
 * A published model's questions as a GOV.UK form (radios for answers and categories, Yes/No,
 * boxes for numbers), and reading the answers back. Shared by the public estimate page and
 * the assessor's assessment page.
 */
import { h } from './dom';
import {
  answerControlId,
  numberHint,
  questionSections,
  type RasAttribute,
  type RasModelVersion,
  type RasQuestion,
} from './ras-view';

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
export function questionControls(model: RasModelVersion): Node[] {
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
  return parts;
}

/** Every input's value: the chosen radio's value, or the text typed; undefined for none. */
export function formValues(form: HTMLFormElement, model: RasModelVersion): Map<string, string | undefined> {
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
export function fillForm(form: HTMLFormElement, values: Map<string, string>): void {
  for (const [id, value] of values) {
    for (const radio of form.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${id}"]`)) {
      radio.checked = radio.value === value;
    }
    const box = form.querySelector<HTMLInputElement>(`input[type="text"][name="${id}"]`);
    if (box) box.value = value;
  }
}
