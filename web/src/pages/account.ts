// /account: who is signed in, their council and roles, links to the pages their roles
// may use, changing their password, turning on two-step sign-in, and signing out. An
// administrator who must set up two-step sign-in before administering is sent here (with
// ?return= naming where they were going) and told so in a banner; once it is on, the
// success banner links back there.
import '../main';
import { api, loadCouncils, type Session } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { importantBanner, showSuccess, startSignedInPage } from '../layout';
import { pagesFor } from '../paths';
import { groupSecret } from '../my-record-view';
import { validationProblem, type FieldProblem } from '../problem';
import { roleTitles } from '../roles';
import { bannerText, continueLink } from '../two-step';

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
  const others = pagesFor(user.roles, { personId: user.person_id }).filter((page) => page.href !== '/account');
  replaceChildren(
    byId('account-pages'),
    others.length > 0
      ? h(
          'ul',
          { class: 'govuk-list' },
          others.map((page) => {
            const about = describe(new URL(page.href, window.location.origin).pathname);
            return h(
              'li',
              {},
              h('a', { class: 'govuk-link', href: page.href }, page.text),
              about ? ` – ${about}` : '',
              session.must_set_up_totp && ADMIN_PAGES.has(page.href)
                ? h('span', { 'data-two-step-note': true }, ' (once two-step sign-in is on)')
                : '',
            );
          }),
        )
      : h('p', { class: 'govuk-body' }, 'There are no other pages for your roles yet.'),
  );

  byId('account-details').hidden = false;

  // The council's name: the list is public, so this never needs a permission.
  const councils = await loadCouncils();
  const council = councils.ok ? councils.data.councils.find((c) => c.id === user.council_id) : undefined;
  byId('account-council').textContent = council ? council.name : 'Not known';
}

/** The pages an administrator cannot use until two-step sign-in is on, when the server requires it. */
const ADMIN_PAGES = new Set(['/users', '/ras-models']);

function describe(href: string): string {
  switch (href) {
    case '/users':
      return 'add people, choose their roles and turn accounts off';
    case '/ras-models':
      return 'check and publish the questionnaires that work out indicative budgets';
    case '/finance/settings':
      return 'set how often payments are run, when a run needs a second finance officer, and how far an invoice may differ from the plan';
    case '/audit':
      return 'see who did what, and when';
    case '/my-record':
      return 'choose who can see your record, and see who has looked at it';
    case '/my-money':
      return 'your budget’s money: what has been paid in and spent, and what is left';
    case '/reviews':
      return 'see whose support plan review is overdue or due in the next 4 weeks, and record it';
    case '/finance/statements':
      return 'import bank and card statements of direct payment accounts, and say what lines were';
    case '/finance/payment-runs':
      return 'see what is due to be paid, start a payment run, approve and release it';
    case '/finance/invoices':
      return 'record providers’ invoices for council-arranged services, decide the held ones and export them for payment';
    case '/finance/surplus-proposals':
      return 'run the monitoring checks, and approve or decline recovering money that has built up in an account';
    case '/finance/pools':
      return 'collect each pooled budget’s shares every 4 weeks and pay its service out of it';
    case '/alerts':
      return 'the questions the money checks have raised for you to ask about, with the evidence';
    case '/finance/overview':
      return 'see what personal budgets have committed, paid and will spend this year against the council’s budget';
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

/** Says whether two-step sign-in is on, and offers to set it up when it is not. */
function showTwoStepStatus(on: boolean): void {
  byId('two-step-status').textContent = on
    ? 'Two-step sign-in is on. When you sign in, you enter a code from your authenticator app as well as your password.'
    : 'Two-step sign-in is off. Turn it on so that someone who learns your password still cannot sign in as you: you will also need a code from an app on your phone.';
  byId('two-step-start').hidden = on;
}

function wireTwoStep(session: Session): void {
  const start = byId<HTMLButtonElement>('two-step-start');
  const setup = byId('two-step-setup');
  const form = byId<HTMLFormElement>('two-step-form');
  const code = byId<HTMLInputElement>('totp-code');
  const errors = new FormErrors(byId('error-summary'), form);
  const fields = { code: 'totp-code' };
  let busy = false;

  showTwoStepStatus(Boolean(session.user.two_step));
  if (session.must_set_up_totp) {
    const words = bannerText('/account');
    replaceChildren(
      byId('two-step-required-host'),
      importantBanner(
        'two-step-required',
        [
          `${words.heading} `,
          h('a', { class: 'govuk-notification-banner__link', href: '#two-step-heading' }, 'Set up two-step sign-in'),
          '.',
        ],
        words.body,
      ),
    );
  }

  start.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    try {
      const result = await api<{ secret: string; uri: string }>('POST', '/api/account/totp', {});
      if (!result.ok) {
        errors.show(result.problem, fields);
        return;
      }
      errors.clear();
      byId('totp-secret').textContent = groupSecret(result.data.secret);
      // Only an otpauth: link, never anything else the server might send.
      const link = byId<HTMLAnchorElement>('totp-link');
      if (result.data.uri.startsWith('otpauth://')) link.href = result.data.uri;
      else link.closest('p')?.remove();
      start.hidden = true;
      setup.hidden = false;
      byId('two-step-steps-heading').focus();
    } finally {
      busy = false;
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const typed = code.value.replace(/[\s-]/g, '');
    if (!/^\d{6}$/.test(typed)) {
      errors.show(
        validationProblem([{ field: 'code', message: typed === '' ? 'Enter the 6-digit code from your authenticator app' : 'The code must be 6 digits, like 123456' }]),
        fields,
      );
      return;
    }
    busy = true;
    try {
      const result = await api('POST', '/api/account/totp/confirm', { code: typed });
      if (!result.ok) {
        errors.show(result.problem, fields);
        return;
      }
      errors.clear();
      form.reset();
      setup.hidden = true;
      byId('totp-secret').textContent = '';
      replaceChildren(byId('two-step-required-host'));
      for (const note of document.querySelectorAll('[data-two-step-note]')) note.remove();
      showTwoStepStatus(true);
      // Back to where an administrator was going when they were sent here to set it up.
      const next = continueLink(new URLSearchParams(window.location.search).get('return'));
      showSuccess(
        byId('notification'),
        'Two-step sign-in is on',
        'Next time you sign in, you will need a code from your authenticator app as well as your password.',
        ...(next
          ? [h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-notification-banner__link', href: next.href, id: 'two-step-continue' }, next.text))]
          : []),
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
  wireTwoStep(page.session);
  await showAccount(page.session);
}

void main();
