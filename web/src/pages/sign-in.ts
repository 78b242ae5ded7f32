// /sign-in: email and password (and the council, when the server has more than one, and a
// security code, once the server says the account has two-step sign-in on). On success,
// goes to the page named by ?return= when it is on this site, else /account; but an
// administrator who must set up two-step sign-in first goes to /account, which then offers
// the way back.
import '../main';
import { api, loadCouncils, loadSession, type Council, type Session } from '../api';
import { byId, h } from '../dom';
import { FormErrors } from '../forms';
import { showFlash } from '../layout';
import { safeReturnPath } from '../paths';
import { afterSignInPath } from '../two-step';
import { validationProblem, type FieldProblem } from '../problem';

const form = byId<HTMLFormElement>('sign-in-form');
const councilGroup = byId('council-group');
const councilSelect = byId<HTMLSelectElement>('council');
const email = byId<HTMLInputElement>('email');
const password = byId<HTMLInputElement>('password');
const codeGroup = byId('code-group');
const code = byId<HTMLInputElement>('code');
const errors = new FormErrors(byId('error-summary'), form);

const FIELDS = { council: 'council', email: 'email', password: 'password', code: 'code' };

/** The only council's code when there is one; '' while unknown or when one must be chosen. */
let onlyCouncil = '';
let councilCount = 0;

function offerCouncils(councils: Council[]): void {
  councilCount = councils.length;
  if (councils.length === 1) {
    onlyCouncil = councils[0]?.code ?? '';
    return;
  }
  if (councils.length < 2) return;
  const sorted = [...councils].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  for (const council of sorted) councilSelect.append(h('option', { value: council.code }, council.name));
  // Offer the council a link may have named, as in /sign-in?council=E09000033.
  const named = new URLSearchParams(window.location.search).get('council');
  if (named && sorted.some((c) => c.code === named)) councilSelect.value = named;
  councilSelect.disabled = false;
  councilGroup.hidden = false;
}

let busy = false;

const notification = byId('notification');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (busy) return;
  // "You have signed out" has served its purpose once the person tries to sign in.
  notification.replaceChildren();

  const wanted = {
    council: councilCount > 1 ? councilSelect.value : onlyCouncil,
    email: email.value.trim(),
    password: password.value,
  };
  const missing: FieldProblem[] = [];
  if (councilCount > 1 && wanted.council === '') {
    missing.push({ field: 'council', message: 'Choose your council' });
  }
  if (wanted.email === '') missing.push({ field: 'email', message: 'Enter your email address' });
  if (wanted.password === '') missing.push({ field: 'password', message: 'Enter your password' });
  if (missing.length > 0) {
    errors.show(validationProblem(missing), FIELDS);
    return;
  }

  busy = true;
  try {
    const body: Record<string, string> = { email: wanted.email, password: wanted.password };
    if (wanted.council) body['council'] = wanted.council;
    if (!code.disabled && code.value.trim() !== '') body['code'] = code.value.trim();
    const result = await api<Session>('POST', '/api/session', body, { returnUnauthenticated: true });
    if (result.ok) {
      const next = safeReturnPath(new URLSearchParams(window.location.search).get('return'));
      // Signing in does not say whether the account must set up two-step sign-in; the
      // session does. Without it, go on as asked: the next page will find out.
      const session = await loadSession();
      window.location.assign(afterSignInPath(next, session.ok && Boolean(session.data.must_set_up_totp)));
      return;
    }
    // The password was right but the account needs a code from an authenticator app (the
    // server names the field "code"): show the code field, with the message by it.
    if (result.problem.errors.some((e) => e.field === 'code')) {
      code.disabled = false;
      codeGroup.hidden = false;
      code.value = '';
    }
    // A wrong email or password, a turned-off account or too many attempts: one message,
    // linked to the first field, with no inline message (it would say which was wrong).
    errors.show(result.problem, FIELDS, { linkOtherProblemsTo: 'email' });
  } finally {
    busy = false;
  }
});

showFlash(notification);

void loadCouncils().then((result) => {
  // Without the list, sign in still works when there is one council (the server picks it).
  if (result.ok) offerCouncils(result.data.councils);
});
