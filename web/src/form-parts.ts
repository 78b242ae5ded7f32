/**
 * Form parts several pages share: an amount in pounds with a £ prefix, and a single
 * checkbox for giving consent.
 *
 *   moneyInput('share', 'Your share every 4 weeks', 'In pounds and pence')
 *   singleCheckbox('consent', 'I agree to pool £120.00 every 4 weeks', { hint: 'The other members will see…' })
 */
import { h } from './dom';

export function moneyInput(id: string, label: string, hint: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id }, label),
    h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint),
    h(
      'div',
      { class: 'govuk-input__wrapper' },
      h('div', { class: 'govuk-input__prefix', 'aria-hidden': 'true' }, '£'),
      h('input', { class: 'govuk-input govuk-input--width-10', id, name: id, type: 'text', inputmode: 'decimal', spellcheck: 'false', 'aria-describedby': `${id}-hint` }),
    ),
  );
}

/** One small GOV.UK checkbox in its own form group, with an optional hint, ticked or not. */
export function singleCheckbox(id: string, label: string, { hint = '', checked = false } = {}): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h(
      'div',
      { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
      h(
        'div',
        { class: 'govuk-checkboxes__item' },
        h('input', { class: 'govuk-checkboxes__input', id, name: id, type: 'checkbox', value: 'yes', checked: checked ? true : undefined, 'aria-describedby': hint ? `${id}-hint` : undefined }),
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, label),
        hint ? h('div', { class: 'govuk-hint govuk-checkboxes__hint', id: `${id}-hint` }, hint) : null,
      ),
    ),
  );
}
