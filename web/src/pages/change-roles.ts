// /users/change-roles?user=ID (administrators): tick the roles a user should have, save,
// and go back to /users, which says what changed.
import '../main';
import { api, usersPath, type Session, type User } from '../api';
import { byId } from '../dom';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';
import { checkedRoles, renderRoleCheckboxes } from '../role-checkboxes';
import { findUser } from '../user-lookup';

const FIELDS = { roles: 'roles' };

function wire(session: Session, user: User): void {
  const form = byId<HTMLFormElement>('change-roles-form');
  const boxes = byId('roles-checkboxes');
  renderRoleCheckboxes(boxes, 'roles', 'roles', user.roles);
  byId('user-caption').textContent = user.display_name;
  document.title = `Change ${user.display_name}’s roles – selfdirect`;
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const roles = checkedRoles(boxes);
    if (roles.length === 0) {
      errors.show(validationProblem([{ field: 'roles', message: 'Select at least one role' }]), FIELDS);
      return;
    }
    busy = true;
    try {
      const result = await api('PUT', `${usersPath(session.user.council_id, user.id)}/roles`, { roles });
      if (!result.ok) {
        showFormProblem(errors, result.problem, FIELDS);
        return;
      }
      setFlash({ heading: `${user.display_name}’s roles have been changed` });
      window.location.assign('/users');
    } finally {
      busy = false;
    }
  });
  form.hidden = false;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/users', role: 'administrator' });
  if (!page) return;
  const found = await findUser(page.session, new URLSearchParams(window.location.search).get('user'));
  if (!found.ok) {
    showPageProblem(found.problem);
    return;
  }
  wire(page.session, found.data);
}

void main();
