// /users (administrators): the council's users with their roles and status, links to
// change a user's roles or turn their account off, and a form to add a user, which shows
// the new user's one-time link to set a password, once.
import '../main';
import { api, loadCouncils, usersPath, type Session, type User } from '../api';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { validationProblem, type FieldProblem } from '../problem';
import { checkedRoles, renderRoleCheckboxes } from '../role-checkboxes';
import { roleTitles, userStatus } from '../roles';

const FIELDS = { display_name: 'display-name', email: 'new-user-email', roles: 'roles' };

function userRow(user: User, me: string): HTMLTableRowElement {
  const status = userStatus(user);
  const actions: HTMLElement[] = [];
  if (!user.disabled) {
    actions.push(
      h(
        'a',
        { class: 'govuk-link', href: `/users/change-roles?user=${encodeURIComponent(user.id)}` },
        'Change roles',
        visuallyHidden(` for ${user.display_name}`),
      ),
    );
    if (user.id !== me) {
      actions.push(
        h(
          'a',
          { class: 'govuk-link', href: `/users/turn-off?user=${encodeURIComponent(user.id)}` },
          'Turn off',
          visuallyHidden(` ${user.display_name}’s account`),
        ),
      );
    }
  }
  const cell = (...children: (Node | string)[]) => h('td', { class: 'govuk-table__cell' }, ...children);
  return h(
    'tr',
    { class: 'govuk-table__row', 'data-user-id': user.id },
    h('th', { scope: 'row', class: 'govuk-table__header' }, user.display_name, user.id === me ? ' (you)' : ''),
    cell(h('span', { class: 'app-break-anywhere' }, user.email)),
    cell(h('ul', { class: 'govuk-list app-list--compact' }, roleTitles(user.roles).map((t) => h('li', {}, t)))),
    cell(h('strong', { class: `govuk-tag ${status.tagClass}` }, status.text)),
    cell(
      actions.length > 0
        ? h('ul', { class: 'govuk-list app-list--compact' }, actions.map((a) => h('li', {}, a)))
        : '',
    ),
  );
}

/** Loads the list of users and draws the table. Returns false after showing a problem. */
async function showUsers(session: Session): Promise<boolean> {
  const result = await api<{ users: User[] }>('GET', usersPath(session.user.council_id));
  if (!result.ok) {
    showPageProblem(result.problem);
    return false;
  }
  const users = [...result.data.users].sort((a, b) =>
    a.display_name.localeCompare(b.display_name, 'en-GB', { sensitivity: 'base' }),
  );
  replaceChildren(byId('users-body'), users.map((user) => userRow(user, session.user.id)));
  byId('users-section').hidden = false;
  return true;
}

function wireAddUser(session: Session): void {
  const form = byId<HTMLFormElement>('add-user-form');
  const name = byId<HTMLInputElement>('display-name');
  const email = byId<HTMLInputElement>('new-user-email');
  const boxes = byId('roles-checkboxes');
  renderRoleCheckboxes(boxes, 'roles', 'roles');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const wanted = { display_name: name.value.trim(), email: email.value.trim(), roles: checkedRoles(boxes) };
    const missing: FieldProblem[] = [];
    if (wanted.display_name === '') missing.push({ field: 'display_name', message: 'Enter the person’s full name' });
    if (wanted.email === '') missing.push({ field: 'email', message: 'Enter their email address' });
    if (wanted.roles.length === 0) missing.push({ field: 'roles', message: 'Select at least one role' });
    if (missing.length > 0) {
      errors.show(validationProblem(missing), FIELDS);
      return;
    }

    busy = true;
    try {
      const result = await api<{ user: User; set_password_path: string }>(
        'POST',
        usersPath(session.user.council_id),
        wanted,
      );
      if (!result.ok) {
        showFormProblem(errors, result.problem, FIELDS);
        return;
      }
      errors.clear();
      form.reset();
      const { user, set_password_path: path } = result.data;
      const link = `${window.location.origin}${path}`;
      showSuccess(
        byId('notification'),
        `${user.display_name} has been added`,
        `Send ${user.display_name} this link so they can create a password. It works once, and stops working after a few days.`,
        h(
          'div',
          { class: 'govuk-inset-text' },
          h('p', { class: 'govuk-body govuk-!-font-weight-bold app-break-anywhere', id: 'set-password-link' }, link),
        ),
        'Copy it now: you will not be able to see this link again.',
      );
      await showUsers(session);
    } finally {
      busy = false;
    }
  });
  byId('add-user-section').hidden = false;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/users', role: 'administrator' });
  if (!page) return;
  if (!(await showUsers(page.session))) return;
  wireAddUser(page.session);
  const councils = await loadCouncils();
  const council = councils.ok ? councils.data.councils.find((c) => c.id === page.session.user.council_id) : undefined;
  if (council) byId('council-name').textContent = council.name;
}

void main();
