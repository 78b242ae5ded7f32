/**
 * The GOV.UK form parts the safeguarding pages build: radios (each choice may reveal more
 * questions), a textarea, a text input and a date input, and reading a form's answers back.
 *
 *   radios('decision', 'What happens next?', choices, { hint: '…' })  // first radio has id "decision"
 *   wireReveals(form)   // shows a choice's conditional questions while it is chosen
 */
import { h } from './dom';

export type Choice = { value: string; text: string; hint?: string; conditional?: (Node | string)[] };

/**
 * A GOV.UK radios question in a fieldset; the first radio has `id` (so an error links to it),
 * the others `id-2`, `id-3`... and the radios share the name `id`.
 */
export function radios(
  id: string,
  legend: string,
  choices: Choice[],
  { hint = '', inline = false, legendClass = 'govuk-fieldset__legend--m' } = {},
): HTMLElement {
  const hintId = `${id}-hint`;
  return h(
    'div',
    { class: 'govuk-form-group' },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': hint ? hintId : undefined },
      h('legend', { class: `govuk-fieldset__legend ${legendClass}` }, legend),
      hint ? h('div', { class: 'govuk-hint', id: hintId }, hint) : null,
      h(
        'div',
        { class: `govuk-radios${inline ? ' govuk-radios--inline' : ''}` },
        choices.flatMap((choice, k) => {
          const inputId = k === 0 ? id : `${id}-${k + 1}`;
          const choiceHintId = `${inputId}-item-hint`;
          const conditionalId = `conditional-${inputId}`;
          return [
            h(
              'div',
              { class: 'govuk-radios__item' },
              h('input', {
                class: 'govuk-radios__input',
                id: inputId,
                name: id,
                type: 'radio',
                value: choice.value,
                'aria-describedby': choice.hint ? choiceHintId : undefined,
                'data-reveals': choice.conditional ? conditionalId : undefined,
              }),
              h('label', { class: 'govuk-label govuk-radios__label', for: inputId }, choice.text),
              choice.hint ? h('div', { class: 'govuk-hint govuk-radios__hint', id: choiceHintId }, choice.hint) : null,
            ),
            choice.conditional
              ? h('div', { class: 'govuk-radios__conditional govuk-radios__conditional--hidden', id: conditionalId }, choice.conditional)
              : null,
          ];
        }),
      ),
    ),
  );
}

export function textarea(id: string, label: string, { hint = '', rows = 5, labelClass = 'govuk-label--m' } = {}): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: `govuk-label ${labelClass}`, for: id }, label),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null,
    h('textarea', { class: 'govuk-textarea', id, name: id, rows: String(rows), 'aria-describedby': hint ? `${id}-hint` : undefined }),
  );
}

export function textInput(id: string, label: string, { hint = '', labelClass = 'govuk-label--m', autocomplete = 'off' } = {}): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: `govuk-label ${labelClass}`, for: id }, label),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null,
    h('input', { class: 'govuk-input', id, name: id, type: 'text', autocomplete, 'aria-describedby': hint ? `${id}-hint` : undefined }),
  );
}

/** A GOV.UK date input: boxes `${id}-day`, `${id}-month`, `${id}-year`. */
export function dateInput(id: string, legend: string, hint: string): HTMLElement {
  const box = (part: string, label: string, width: string) =>
    h(
      'div',
      { class: 'govuk-date-input__item' },
      h(
        'div',
        { class: 'govuk-form-group' },
        h('label', { class: 'govuk-label govuk-date-input__label', for: `${id}-${part}` }, label),
        h('input', { class: `govuk-input govuk-date-input__input govuk-input--width-${width}`, id: `${id}-${part}`, name: `${id}-${part}`, type: 'text', inputmode: 'numeric' }),
      ),
    );
  return h(
    'div',
    { class: 'govuk-form-group' },
    h(
      'fieldset',
      { class: 'govuk-fieldset', role: 'group', 'aria-describedby': `${id}-hint` },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, legend),
      h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint),
      h('div', { class: 'govuk-date-input', id }, box('day', 'Day', '2'), box('month', 'Month', '2'), box('year', 'Year', '4')),
    ),
  );
}

/**
 * Shows each radio's conditional questions while it is chosen. Done here rather than by GOV.UK's
 * radios component, whose aria-expanded on a radio axe reports as not allowed.
 */
export function wireReveals(root: HTMLElement): void {
  for (const radio of root.querySelectorAll<HTMLInputElement>('input[data-reveals]')) {
    const conditional = document.getElementById(radio.dataset['reveals'] ?? '');
    if (!conditional) continue;
    for (const each of root.querySelectorAll<HTMLInputElement>(`input[name="${radio.name}"]`)) {
      each.addEventListener('change', () => conditional.classList.toggle('govuk-radios__conditional--hidden', !radio.checked));
    }
  }
}

/** The chosen radio's value, or undefined. */
export function checked(form: HTMLFormElement, name: string): string | undefined {
  return form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
}

/** A text control's value, as typed. */
export function valueOf(form: HTMLFormElement, id: string): string {
  const control = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
  return control?.value ?? '';
}
