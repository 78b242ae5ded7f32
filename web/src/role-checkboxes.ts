/**
 * The "Roles" checkboxes used where an administrator adds a user or changes their roles:
 * one GOV.UK checkbox per role, with a hint saying what it allows. The first box has the
 * id `idPrefix` and the rest `idPrefix-2`, `idPrefix-3`... as GOV.UK's macro names them, so
 * an error summary can link to the first.
 */
import { h, replaceChildren } from './dom';
import { ROLES } from './roles';

/** Draws the checkboxes into `container` (a `.govuk-checkboxes` element), ticking `checked`. */
export function renderRoleCheckboxes(
  container: HTMLElement,
  name: string,
  idPrefix: string,
  checked: readonly string[] = [],
): void {
  replaceChildren(
    container,
    ROLES.map((role, index) => {
      const id = index === 0 ? idPrefix : `${idPrefix}-${index + 1}`;
      const hintId = `${id}-item-hint`;
      return h(
        'div',
        { class: 'govuk-checkboxes__item' },
        h('input', {
          class: 'govuk-checkboxes__input',
          id,
          name,
          type: 'checkbox',
          value: role.name,
          checked: checked.includes(role.name),
          'aria-describedby': hintId,
        }),
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, role.title),
        h('div', { id: hintId, class: 'govuk-hint govuk-checkboxes__hint' }, role.hint),
      );
    }),
  );
}

/** The role names ticked in `container`, in the order shown. */
export function checkedRoles(container: HTMLElement): string[] {
  return [...container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
    .filter((box) => box.checked)
    .map((box) => box.value);
}
