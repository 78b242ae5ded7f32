// /account: who is signed in, their council and roles, links to the pages their roles
// may use, changing their password, and signing out.
import '../main';
import { api, loadCouncils, type Session } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { showSuccess, startSignedInPage } from '../layout';
import { pagesFor } from '../paths';
import { validationProblem, type FieldProblem } from '../problem';
import { roleTitles } from '../roles';

const FIELDS = { current_password: 'current-password', new_password: 'new-password' };

async function showAccount(session: Session): Promise<void> {
  const { user } = session;
  replaceChildren(
    byId('signed-in-as'),
    'Signed in as ',
    h('strong', {}, user.display_name),
    ` (${user.email})`,
  );
  byId('account-name').textContent = user.display_name;
  byId('account-email').textContent = user.email;
  replaceChildren(
    byId('account-roles'),
    h('ul', { class: 'govuk-list app-list--compact' }, roleTitles(user.roles).map((title) => h('li', {}, title))),
  );

  // The account page itself is always in the list; the rest depend on the roles.
  const others = pagesFor(user.roles).filter((page) => page.href !== '/account');
  replaceChildren(
    byId('account-pages'),
    others.length > 0
      ? h(
          'ul',
          { class: 'govuk-list' },
          others.map((page) =>
            h('li', {}, h('a', { class: 'govuk-link', href: page.href }, page.text), ` – ${describe(page.href)}`),
          ),
        )
      : h('p', { class: 'govuk-body' }, 'There are no other pages for your roles yet.'),
  );

  byId('account-details').hidden = false;

  // The council's name: the list is public, so this never needs a permission.
  const councils = await loadCouncils();
  const council = councils.ok ? councils.data.councils.find((c) => c.id === user.council_id) : undefined;
  byId('account-council').textContent = council ? council.name : 'Not known';
}

function describe(href: string): string {
  switch (href) {
    case '/users':
      return 'add people, choose their roles and turn accounts off';
    case '/audit':
      return 'see who did what, and when';
    default:
      return '';
  }
}

function wireChangePassword(): void {
  const form = byId<HTMLFormElement>('change-password-form');
  const current = byId<HTMLInputElement>('current-password');
  const next = byId<HTMLInputElement>('new-password');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const missing: FieldProblem[] = [];
    if (current.value === '') missing.push({ field: 'current_password', message: 'Enter your current password' });
    if (next.value === '') missing.push({ field: 'new_password', message: 'Enter a new password' });
    if (missing.length > 0) {
      errors.show(validationProblem(missing), FIELDS);
      return;
    }
    busy = true;
    try {
      const result = await api('POST', '/api/account/password', {
        current_password: current.value,
        new_password: next.value,
      });
      if (!result.ok) {
        errors.show(result.problem, FIELDS);
        return;
      }
      errors.clear();
      form.reset();
      showSuccess(
        byId('notification'),
        'Your password has been changed',
        'You have been signed out everywhere else you were signed in.',
      );
    } finally {
      busy = false;
    }
  });
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/account' });
  if (!page) return;
  wireChangePassword();
  await showAccount(page.session);
}

void main();
