/**
 * Showing a form's errors the GOV.UK way: an error summary at the top of the page that
 * takes focus and links to each field, the message again beside each field, and "Error: "
 * at the start of the page title.
 *
 *   const errors = new FormErrors(byId('error-summary'), form);
 *   errors.show(problem, { email: 'email', password: 'password' });
 *   errors.clear();
 *
 * The model (which line links where) is built by errorSummaryModel in src/problem.ts.
 */
import { ErrorSummary } from 'govuk-frontend';
import { h, visuallyHidden } from './dom';
import {
  errorSummaryModel,
  type ErrorSummaryModel,
  type ErrorSummaryOptions,
  type Problem,
} from './problem';

const ERROR_PREFIX = 'Error: ';

/** Puts "Error: " at the start of the page title, or takes it off. */
export function markTitleAsError(isError: boolean): void {
  const bare = document.title.startsWith(ERROR_PREFIX)
    ? document.title.slice(ERROR_PREFIX.length)
    : document.title;
  document.title = isError ? `${ERROR_PREFIX}${bare}` : bare;
}

/** The class that marks a control as in error, by kind of control. */
function errorClassFor(control: HTMLElement): string | null {
  if (control instanceof HTMLSelectElement) return 'govuk-select--error';
  if (control instanceof HTMLTextAreaElement) return 'govuk-textarea--error';
  if (control instanceof HTMLInputElement) {
    if (control.type === 'checkbox' || control.type === 'radio') return null;
    return 'govuk-input--error';
  }
  return null;
}

export class FormErrors {
  /**
   * @param summaryHost an empty element at the top of the page's main column, where the
   *   error summary goes.
   * @param form the form whose fields get inline messages (null for none).
   */
  constructor(
    private readonly summaryHost: HTMLElement,
    private readonly form: HTMLFormElement | null,
  ) {}

  /** Shows `problem`: the summary (which takes focus) and a message by each field it names. */
  show(
    problem: Problem,
    fieldIds: Readonly<Record<string, string>>,
    options: ErrorSummaryOptions = {},
  ): ErrorSummaryModel {
    const model = errorSummaryModel(problem, fieldIds, options);
    this.showModel(model);
    return model;
  }

  /** Shows an already-built model. */
  showModel(model: ErrorSummaryModel): void {
    this.clear();
    for (const [id, message] of model.fields) this.markField(id, message);

    const summary = h(
      'div',
      { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary' },
      h(
        'div',
        { role: 'alert' },
        h('h2', { class: 'govuk-error-summary__title' }, 'There is a problem'),
        h(
          'div',
          { class: 'govuk-error-summary__body' },
          h(
            'ul',
            { class: 'govuk-list govuk-error-summary__list' },
            model.items.map((item) =>
              h('li', {}, item.href ? h('a', { href: item.href }, item.text) : item.text),
            ),
          ),
        ),
      ),
    );
    this.summaryHost.replaceChildren(summary);
    // Starting the component moves focus to the summary, so a screen reader reads it out,
    // and makes its links move focus to the field rather than just scroll.
    new ErrorSummary(summary);
    markTitleAsError(true);
  }

  /** Takes away the summary, every inline message and the "Error: " in the title. */
  clear(): void {
    this.summaryHost.replaceChildren();
    markTitleAsError(false);
    if (!this.form) return;
    for (const message of this.form.querySelectorAll('[data-app-error]')) message.remove();
    for (const group of this.form.querySelectorAll('.govuk-form-group--error')) {
      group.classList.remove('govuk-form-group--error');
    }
    for (const control of this.form.querySelectorAll<HTMLElement>('[data-app-describedby]')) {
      const original = control.dataset['appDescribedby'] ?? '';
      if (original) control.setAttribute('aria-describedby', original);
      else control.removeAttribute('aria-describedby');
      delete control.dataset['appDescribedby'];
    }
    for (const name of ['govuk-input--error', 'govuk-select--error', 'govuk-textarea--error']) {
      for (const control of this.form.querySelectorAll(`.${name}`)) control.classList.remove(name);
    }
  }

  /** Puts `message` by the field whose control has id `id`, as GOV.UK's macros would. */
  private markField(id: string, message: string): void {
    const control = document.getElementById(id);
    if (!control || (this.form && !this.form.contains(control))) return;
    // A date input's boxes each sit in a form group of their own, inside the date's group.
    const dateInput = control.closest('.govuk-date-input');
    const group = (dateInput ?? control).closest('.govuk-form-group');
    if (!group) return;
    const isChoice =
      control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');
    // Checkboxes, radios and date inputs (day, month, year): the message goes inside the
    // fieldset, after the legend and hint, and the fieldset is described by it. Other
    // controls: just before the control (or its wrapper), after the label and hint.
    const fieldset = isChoice || dateInput ? control.closest('fieldset') : null;
    const container = fieldset && group.contains(fieldset) ? fieldset : group;
    let before: Element = control;
    while (before.parentElement && before.parentElement !== container) before = before.parentElement;
    if (before.parentElement !== container) return;

    const errorId = `${id}-error`;
    container.insertBefore(
      h('p', { class: 'govuk-error-message', id: errorId, 'data-app-error': true }, visuallyHidden('Error:'), ` ${message}`),
      before,
    );
    group.classList.add('govuk-form-group--error');
    // A whole date that is wrong marks all three of its boxes.
    const marked = dateInput ? [...dateInput.querySelectorAll<HTMLElement>('input')] : [control];
    for (const each of marked) {
      const errorClass = errorClassFor(each);
      if (errorClass) each.classList.add(errorClass);
    }

    const described = container === fieldset && fieldset ? fieldset : control;
    const original = described.getAttribute('aria-describedby') ?? '';
    described.dataset['appDescribedby'] = original;
    described.setAttribute('aria-describedby', [original, errorId].filter((s) => s).join(' '));
  }
}
