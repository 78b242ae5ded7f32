// /set-password?council=CODE&token=TOKEN: the page a one-time link opens. The person chooses
// a password (typed twice); on success a confirmation panel links to the sign-in page.
import '../main';
import { api } from '../api';
import { byId } from '../dom';
import { FormErrors } from '../forms';
import { validationProblem, type FieldProblem } from '../problem';

const query = new URLSearchParams(window.location.search);
const council = query.get('council') ?? '';
const token = query.get('token') ?? '';

const section = byId('set-password-section');
const form = byId<HTMLFormElement>('set-password-form');
const password = byId<HTMLInputElement>('password');
const confirm = byId<HTMLInputElement>('confirm-password');
const errors = new FormErrors(byId('error-summary'), form);

// The server names the password field "password"; "token" is the link itself, which has
// no field, so its message is a plain line of the summary.
const FIELDS = { password: 'password', confirm: 'confirm-password' };

if (token === '') {
  section.hidden = true;
  byId('link-broken').hidden = false;
  document.title = 'This link is not complete – selfdirect';
}

let busy = false;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (busy) return;

  const problems: FieldProblem[] = [];
  if (password.value === '') {
    problems.push({ field: 'password', message: 'Enter a new password' });
  } else if (confirm.value === '') {
    problems.push({ field: 'confirm', message: 'Type your new password again' });
  } else if (confirm.value !== password.value) {
    problems.push({ field: 'confirm', message: 'The passwords do not match. Type the same password twice' });
  }
  if (problems.length > 0) {
    errors.show(validationProblem(problems), FIELDS);
    return;
  }

  busy = true;
  try {
    const result = await api('POST', '/api/set-password', { council, token, password: password.value });
    if (!result.ok) {
      errors.show(result.problem, FIELDS);
      return;
    }
    errors.clear();
    form.reset();
    section.hidden = true;
    byId('done').hidden = false;
    if (council) byId<HTMLAnchorElement>('sign-in-link').href = `/sign-in?council=${encodeURIComponent(council)}`;
    document.title = 'Password created – selfdirect';
    // The link has been used: take the token out of the address bar and history.
    window.history.replaceState(null, '', '/set-password');
    byId('done-heading').focus();
  } finally {
    busy = false;
  }
});
