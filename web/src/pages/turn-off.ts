// /users/turn-off?user=ID (administrators): asks "Are you sure?", then turns the account
// off and goes back to /users, which says so.
import '../main';
import { api, usersPath, type Session, type User } from '../api';
import { byId } from '../dom';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { findUser } from '../user-lookup';

function wire(session: Session, user: User): void {
  byId('user-caption').textContent = user.display_name;
  byId('turn-off-heading').textContent = `Are you sure you want to turn off ${user.display_name}’s account?`;
  document.title = `Turn off ${user.display_name}’s account – selfdirect`;
  const form = byId<HTMLFormElement>('turn-off-form');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const result = await api('POST', `${usersPath(session.user.council_id, user.id)}/disable`);
      if (!result.ok) {
        showFormProblem(errors, result.problem, {});
        return;
      }
      setFlash({ heading: `${user.display_name}’s account has been turned off` });
      window.location.assign('/users');
    } finally {
      busy = false;
    }
  });
  byId('turn-off-section').hidden = false;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/users', role: 'administrator' });
  if (!page) return;
  const found = await findUser(page.session, new URLSearchParams(window.location.search).get('user'));
  if (!found.ok) {
    showPageProblem(found.problem);
    return;
  }
  if (found.data.disabled) {
    setFlash({ heading: `${found.data.display_name}’s account is already turned off` });
    window.location.replace('/users');
    return;
  }
  wire(page.session, found.data);
}

void main();
