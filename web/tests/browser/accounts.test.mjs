// Browser tests of the account pages: creating a password with a one-time link, signing in
// and out, the account page, the administrator setting up two-step sign-in there (which the
// server requires before they may administer), managing users and reading the audit log. One journey, in
// order, in Debian's Chromium driven by playwright-core, with axe-core checking every page
// it shows (pages showing errors included) and no console error allowed (a Content-
// Security-Policy violation is one).
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council and two users with the
// command line, then starts `selfdirect serve` on the same database (a fresh one in a
// temporary folder) with web/dist as its web root. Build web/dist first (npm run build).
// With only SELFDIRECT_URL set, these tests are skipped: they cannot set up accounts on a
// server they did not start.
//
// Screenshots go to web/test-output/screenshots/accounts-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkPageState,
  COUNCIL,
  errorSummaryItems,
  navigationLinks,
  nextTotpCode,
  screenshot,
  setUpTwoStepSignIn,
  skipWithoutBin,
  useServerAndBrowser,
  waitForAccountPage,
} from './support.mjs';

/** Each step of the journey; the suite as a whole has no limit of its own. */
const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests set up accounts with the selfdirect command line, on the database of the server they start');

const OTHER_COUNCIL = { code: 'E09000007', name: 'Camden London Borough Council' };
const ADMIN = { email: 'admin@example.org', name: 'Ada Admin', role: 'administrator', password: 'correct horse battery staple' };
const ADMIN_NEW_PASSWORD = 'purple walrus umbrella garden';
const AUDITOR = { email: 'auditor@example.org', name: 'Audrey Auditor', roles: ['auditor', 'analyst'], password: 'lantern orchard velvet compass' };
const BOB = { email: 'bob@example.org', name: 'Bob Builder', password: 'saffron bicycle meadow thunder' };

/** The one-time set-password paths the command line printed. */
const links = {};
/** Ids learnt along the way. */
const ids = {};
/** Two-step sign-in keys ({ secret, step }) by person, once they have set it up. */
const twoStep = {};

const env = useServerAndBrowser('accounts', {
  async setUp() {
    links.admin = await env.addUser(ADMIN);
    links.auditor = await env.addUser(AUDITOR);
  },
});

/** A browser context (its own cookies) for `who`, watched for errors; kept across the journey's steps. */
function person(who) {
  return env.pageFor(who);
}

/** checkPage from support.mjs, with this file's screenshot names (accounts-*.png). */
function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `accounts-${file}` });
}

const errorSummary = errorSummaryItems;

/** What has focus: its tag, id and classes. */
function focused(page) {
  return page.evaluate(() => ({
    tag: document.activeElement?.tagName,
    id: document.activeElement?.id ?? '',
    className: document.activeElement?.className ?? '',
  }));
}

async function waitForUsersPage(page) {
  await page.waitForURL((url) => url.pathname === '/users');
  await page.locator('#add-user-section').waitFor();
}

describe('account pages', { skip }, () => {
  test('a one-time link: a too-short password is refused, different passwords are caught, then one is created', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.goto(links.admin);
    assert.equal(await page.locator('#set-password-section h1').innerText(), 'Create your password');
    assert.match(await page.locator('#password-hint').innerText(), /at least 12 characters.*three random words work well.*very common passwords are refused/i);
    await checkPage(admin, 'the set-password page', { file: 'set-password' });

    await page.locator('#password').fill('short');
    await page.locator('#confirm-password').fill('short');
    await page.getByRole('button', { name: 'Create password' }).click();
    const items = await errorSummary(page);
    assert.equal(items.length, 1);
    assert.match(items[0].text, /at least 12 characters/);
    assert.equal(items[0].href, '#password');
    assert.match(await page.locator('#password-error').innerText(), /at least 12 characters/);
    assert.match(await page.locator('#password').getAttribute('aria-describedby'), /password-error/);
    assert.match(await page.title(), /^Error: /);
    assert.match((await focused(page)).className, /govuk-error-summary/, 'the error summary takes focus');
    await checkPage(admin, 'the set-password page with an error', {
      apiErrors: ['422 POST /api/set-password'],
      file: 'set-password-error',
    });
    // The summary's link moves focus to the field.
    await page.locator('.govuk-error-summary a').click();
    assert.equal((await focused(page)).id, 'password');

    await page.locator('#password').fill(ADMIN.password);
    await page.locator('#confirm-password').fill(`${ADMIN.password}x`);
    await page.getByRole('button', { name: 'Create password' }).click();
    await page.locator('#confirm-password-error').waitFor();
    assert.deepEqual(await errorSummary(page), [
      { text: 'The passwords do not match. Type the same password twice', href: '#confirm-password' },
    ]);
    assert.equal(await page.locator('#password-error').count(), 0, 'the earlier message has gone');
    await checkPage(admin, 'the set-password page when the passwords differ');

    await page.locator('#confirm-password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create password' }).click();
    await page.locator('#done').waitFor();
    assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Password created');
    assert.equal((await focused(page)).id, 'done-heading');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.doesNotMatch(await page.title(), /Error/);
    await checkPage(admin, 'the set-password confirmation', { file: 'set-password-done' });

    // The auditor creates theirs too, in their own browser.
    const auditor = await person('auditor');
    await auditor.page.goto(links.auditor);
    await auditor.page.locator('#password').fill(AUDITOR.password);
    await auditor.page.locator('#confirm-password').fill(AUDITOR.password);
    await auditor.page.getByRole('button', { name: 'Create password' }).click();
    await auditor.page.locator('#done').waitFor();
    await checkPage(auditor, 'the auditor’s set-password confirmation');

    // A used link says so.
    await page.goto(links.admin);
    await page.locator('#password').fill(ADMIN.password);
    await page.locator('#confirm-password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create password' }).click();
    const used = await errorSummary(page);
    assert.equal(used.length, 1);
    assert.match(used[0].text, /expired or has already been used/);
    assert.equal(used[0].href, null, 'the link itself is not a field, so the line links nowhere');
    await checkPage(admin, 'the set-password page with a used link', { apiErrors: ['422 POST /api/set-password'] });
  });

  test('signing in: a wrong password is refused with a message, then the account page opens', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.goto('/sign-in');
    assert.equal(await page.locator('h1').innerText(), 'Sign in to selfdirect');
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('#council-group').isVisible(), false, 'no council list when there is one council');
    await checkPage(admin, 'the sign-in page', { file: 'sign-in' });

    // Nothing entered: both fields say so.
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.deepEqual(await errorSummary(page), [
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter your password', href: '#password' },
    ]);
    await checkPage(admin, 'the sign-in page with empty fields');

    await page.locator('#email').fill(ADMIN.email);
    await page.locator('#password').fill('not the right password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction(() => /correct email address and password/.test(document.querySelector('.govuk-error-summary')?.textContent ?? ''));
    const items = await errorSummary(page);
    assert.equal(items.length, 1);
    assert.match(items[0].text, /^Enter a correct email address and password/);
    assert.equal(items[0].href, '#email');
    assert.equal(await page.locator('.govuk-error-message').count(), 0, 'no inline message says which field was wrong');
    assert.match((await focused(page)).className, /govuk-error-summary/);
    await checkPage(admin, 'the sign-in page after a wrong password', {
      apiErrors: ['401 POST /api/session'],
      file: 'sign-in-error',
    });

    await page.locator('#password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForAccountPage(page);
    assert.equal(await page.locator('#signed-in-as').innerText(), `Signed in as ${ADMIN.name} (${ADMIN.email})`);
    assert.equal(await page.locator('#account-council').innerText(), COUNCIL.name);
    assert.equal(await page.locator('#account-roles').innerText(), 'Administrator');
    assert.deepEqual(await page.locator('#account-pages a').allInnerTexts(), ['Users', 'Budget models', 'Finance settings']);
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Users', 'Budget models', 'Finance settings']);
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Your account');
    assert.equal(await page.locator('#navigation').getByRole('button', { name: 'Sign out' }).count(), 1);
    // The server requires two-step sign-in of administrators: the page says so first.
    const banner = page.locator('#two-step-required');
    assert.equal(await banner.isVisible(), true);
    assert.match(await banner.innerText(), /You need to set up two-step sign-in before you can manage users or publish budget models/);
    assert.match(await page.locator('#account-pages').innerText(), /Users – .*\(once two-step sign-in is on\)/);
    assert.match(await page.locator('#two-step-status').innerText(), /^Two-step sign-in is off/);
    await checkPage(admin, 'the account page', { file: 'account' });
  });

  test('the administrator sets up two-step sign-in on the account page, as the banner asks', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.locator('#two-step-required').getByRole('link', { name: 'Set up two-step sign-in' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'two-step-heading', 'the link moves focus to the section');
    twoStep.admin = await setUpTwoStepSignIn(page);
    assert.equal(await page.locator('#two-step-required').isVisible(), false, 'the banner has gone');
    assert.match(await page.locator('#two-step-status').innerText(), /^Two-step sign-in is on/);
    assert.equal(await page.locator('#two-step-continue').count(), 0, 'nowhere to go back to: the account page was asked for');
    await checkPage(admin, 'the account page after the administrator set up two-step sign-in', { file: 'account-two-step-on' });
  });

  test('an administrator adds a user and sees their one-time link, once', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.locator('#navigation').getByRole('link', { name: 'Users' }).click();
    await waitForUsersPage(page);
    const rows = page.locator('#users-body tr');
    assert.equal(await rows.count(), 2);
    assert.match(await page.getByRole('row', { name: /Ada Admin/ }).innerText(), /Administrator\s+Active/);
    assert.match(await page.getByRole('row', { name: /Audrey Auditor/ }).innerText(), /Analyst or researcher\s+Auditor\s+Active/);
    assert.equal(await page.locator('#council-name').innerText(), COUNCIL.name);
    await checkPage(admin, 'the users page', { file: 'users' });
    // At 320 CSS pixels wide (WCAG's reflow width) the page does not scroll sideways: the
    // table scrolls inside its own box, which can take focus for keyboard scrolling.
    await page.setViewportSize({ width: 320, height: 800 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
    await screenshot(page, 'accounts-users-narrow.png');
    await page.setViewportSize({ width: 1280, height: 720 });

    // Nothing entered.
    await page.getByRole('button', { name: 'Add user' }).click();
    assert.deepEqual(await errorSummary(page), [
      { text: 'Enter the person’s full name', href: '#display-name' },
      { text: 'Enter their email address', href: '#new-user-email' },
      { text: 'Select at least one role', href: '#roles' },
    ]);
    assert.match(await page.locator('#roles-error').innerText(), /Select at least one role/);
    await checkPage(admin, 'the users page with empty fields', { file: 'users-add-errors' });

    // The server's check of the email address, shown by the field.
    await page.locator('#display-name').fill(BOB.name);
    await page.locator('#new-user-email').fill('bob at example');
    await page.getByLabel('Assessor or social worker').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('#new-user-email-error').waitFor();
    assert.deepEqual(await errorSummary(page), [
      { text: 'Enter an email address in the correct format, like name@council.gov.uk', href: '#new-user-email' },
    ]);
    await checkPage(admin, 'the users page with a wrong email address', {
      apiErrors: [`422 POST /api/councils/${await councilId(page)}/users`],
    });

    await page.locator('#new-user-email').fill(BOB.email);
    await page.getByRole('button', { name: 'Add user' }).click();
    const banner = page.locator('.govuk-notification-banner--success');
    await banner.waitFor();
    assert.equal(await banner.locator('.govuk-notification-banner__heading').innerText(), `${BOB.name} has been added`);
    const link = await page.locator('#set-password-link').innerText();
    assert.match(link, new RegExp(`^${env.server.url.replaceAll('.', '\\.')}/set-password\\?council=${COUNCIL.code}&token=[A-Za-z0-9_-]+$`));
    links.bob = new URL(link).pathname + new URL(link).search;
    assert.match((await focused(page)).className, /govuk-notification-banner/, 'the banner takes focus');
    await page.getByRole('row', { name: /Bob Builder/ }).waitFor();
    assert.match(await page.getByRole('row', { name: /Bob Builder/ }).innerText(), /Assessor or social worker\s+No password yet/);
    assert.equal(await page.locator('#display-name').inputValue(), '', 'the form is emptied');
    await checkPage(admin, 'the users page after adding a user', { file: 'users-added' });

    // The same email address again: the server names the email field.
    await page.locator('#display-name').fill('Another Bob');
    await page.locator('#new-user-email').fill(BOB.email);
    await page.getByLabel('Finance officer').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('#new-user-email-error').waitFor();
    assert.deepEqual(await errorSummary(page), [
      { text: 'There is already an account with this email address', href: '#new-user-email' },
    ]);
    // Bob's link stays on screen until the page is left, so a mistake with the next person
    // cannot lose it before it was copied.
    assert.equal(await page.locator('#set-password-link').innerText(), link);
    await checkPage(admin, 'the users page with an email already in use', {
      apiErrors: [`422 POST /api/councils/${await councilId(page)}/users`],
    });

    // Shown once: not there when the page is opened again.
    await page.reload();
    await waitForUsersPage(page);
    assert.equal(await page.locator('#set-password-link').count(), 0);
    assert.equal(await rows.count(), 3);
    await checkPage(admin, 'the users page, opened again');

    // Bob uses his link.
    const bob = await person('bob');
    await bob.page.goto(links.bob);
    await bob.page.locator('#password').fill(BOB.password);
    await bob.page.locator('#confirm-password').fill(BOB.password);
    await bob.page.getByRole('button', { name: 'Create password' }).click();
    await bob.page.locator('#done').waitFor();
    await checkPage(bob, 'Bob’s set-password confirmation');
  });

  test('an administrator changes a user’s roles', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    // A user who does not exist.
    await page.goto('/users/change-roles?user=01NOSUCHUSER0000000000000');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await checkPage(admin, 'the change-roles page for no such user');

    await page.goto('/users');
    await waitForUsersPage(page);
    await page.getByRole('link', { name: 'Change roles for Bob Builder' }).click();
    await page.locator('#change-roles-form').waitFor();
    assert.equal(await page.locator('#user-caption').innerText(), BOB.name);
    assert.equal(await page.getByLabel('Assessor or social worker').isChecked(), true);
    assert.equal(await page.getByLabel('Approver or panel member').isChecked(), false);
    await checkPage(admin, 'the change-roles page', { file: 'change-roles' });

    await page.getByLabel('Assessor or social worker').uncheck();
    await page.getByRole('button', { name: 'Save roles' }).click();
    assert.deepEqual(await errorSummary(page), [{ text: 'Select at least one role', href: '#roles' }]);
    await checkPage(admin, 'the change-roles page with no role');

    await page.getByLabel('Assessor or social worker').check();
    await page.getByLabel('Approver or panel member').check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await waitForUsersPage(page);
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'Bob Builder’s roles have been changed');
    assert.match(await page.getByRole('row', { name: /Bob Builder/ }).innerText(), /Assessor or social worker\s+Approver or panel member\s+Active/);
    await checkPage(admin, 'the users page after changing roles');
  });

  test('an administrator turns a user off, after confirming; that user can no longer sign in', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    // No way to turn yourself off.
    assert.equal(await page.getByRole('link', { name: /Turn off Ada Admin/ }).count(), 0);
    await page.getByRole('link', { name: 'Turn off Bob Builder’s account' }).click();
    await page.locator('#turn-off-section').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Are you sure you want to turn off Bob Builder’s account?');
    await checkPage(admin, 'the turn-off page', { file: 'turn-off' });

    await page.getByRole('button', { name: 'Turn off account' }).click();
    await waitForUsersPage(page);
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'Bob Builder’s account has been turned off');
    const row = page.getByRole('row', { name: /Bob Builder/ });
    assert.match(await row.innerText(), /Turned off/);
    assert.equal(await row.getByRole('link').count(), 0, 'no actions for a turned-off account');
    await checkPage(admin, 'the users page after turning a user off', { file: 'users-turned-off' });

    const bob = await person('bob');
    await bob.page.goto('/sign-in');
    await bob.page.locator('#email').fill(BOB.email);
    await bob.page.locator('#password').fill(BOB.password);
    await bob.page.getByRole('button', { name: 'Sign in' }).click();
    const items = await errorSummary(bob.page);
    assert.match(items[0].text, /Your account has been turned off/);
    await checkPage(bob, 'the sign-in page for a turned-off account', { apiErrors: ['403 POST /api/session'] });
  });

  test('an administrator who is not an auditor is told they cannot see the audit log', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.goto('/audit');
    await page.getByRole('heading', { name: 'You do not have permission to see this page' }).waitFor();
    assert.equal(await page.locator('#navigation [aria-current=page]').count(), 0);
    await checkPage(admin, 'the audit page without permission', { file: 'no-permission' });
  });

  test('changing your own password: the current one is checked, a common one refused', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.goto('/account');
    await waitForAccountPage(page);

    await page.locator('#current-password').fill('not my password at all');
    await page.locator('#new-password').fill(ADMIN_NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#current-password-error').waitFor();
    assert.deepEqual(await errorSummary(page), [{ text: 'Your current password is not right', href: '#current-password' }]);
    await checkPage(admin, 'the account page with a wrong current password', {
      apiErrors: ['422 POST /api/account/password'],
      file: 'account-password-error',
    });

    await page.locator('#current-password').fill(ADMIN.password);
    await page.locator('#new-password').fill('password1234');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#new-password-error').waitFor();
    assert.equal(await page.locator('#current-password-error').count(), 0);
    assert.match(await page.locator('#new-password-error').innerText(), /too easy to guess/);
    await checkPage(admin, 'the account page with a common new password', { apiErrors: ['422 POST /api/account/password'] });

    await page.locator('#new-password').fill(ADMIN_NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'Your password has been changed');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.equal(await page.locator('#current-password').inputValue(), '');
    await checkPage(admin, 'the account page after changing the password', { file: 'account-password-changed' });
  });

  test('signing out goes to the sign-in page, and the account page then asks to sign in', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.locator('#navigation').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'You have signed out');
    assert.equal(await page.locator('#service-navigation').isVisible(), false);
    await checkPage(admin, 'the sign-in page after signing out', { file: 'signed-out' });

    await page.goto('/account');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('return'), '/account');
    await page.locator('#email').waitFor();
    await checkPage(admin, 'the sign-in page after asking for /account', { apiErrors: ['401 GET /api/session'] });

    // The old password no longer works; the new one does, and returns to /account.
    await page.locator('#email').fill(ADMIN.email);
    await page.locator('#password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await errorSummary(page);
    await checkPage(admin, 'the sign-in page after the old password', { apiErrors: ['401 POST /api/session'] });
    await page.locator('#password').fill(ADMIN_NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#code-group').waitFor();
    await checkPage(admin, 'the sign-in page asking the administrator for a code', { apiErrors: ['401 POST /api/session'] });
    await page.locator('#code').fill(await nextTotpCode(twoStep.admin));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForAccountPage(page);
    assert.equal(await page.locator('#two-step-required').isVisible(), false);
    await checkPage(admin, 'the account page, signed in with the new password and a code');
  });

  test('keyboard only: with two councils, the auditor chooses theirs and signs in with Tab, typing and Enter, and lands on the page they asked for', { timeout: STEP_TIMEOUT_MS }, async () => {
    // From now on the server has two councils, so signing in asks which.
    await env.cli(['councils', 'add', '--data', env.data, '--code', OTHER_COUNCIL.code, '--name', OTHER_COUNCIL.name]);
    const auditor = await person('auditor');
    const { page } = auditor;
    await page.goto('/audit?action=users.create');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('return'), '/audit?action=users.create');
    await page.locator('#council-group').waitFor();
    assert.deepEqual(await page.locator('#council option').allInnerTexts(), ['Choose a council', OTHER_COUNCIL.name, COUNCIL.name]);

    // Without a council: the summary says so and links to the list.
    await page.locator('#email').fill(AUDITOR.email);
    await page.locator('#password').fill(AUDITOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.deepEqual(await errorSummary(page), [{ text: 'Choose your council', href: '#council' }]);
    await checkPage(auditor, 'the sign-in page with two councils and none chosen', {
      apiErrors: ['401 GET /api/session'],
      file: 'sign-in-two-councils',
    });
    await page.reload();
    await page.locator('#council-group').waitFor();
    await page.waitForLoadState('networkidle');

    const order = [];
    for (let presses = 0; presses < 20; presses += 1) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      order.push(now.id || now.tag);
      if (now.id === 'council') break;
    }
    assert.equal(order.at(-1), 'council', `Tab never reached the council list: ${order.join(' → ')}`);
    // Typing a name chooses it, as it does in a closed list.
    await page.keyboard.type('Westminster');
    assert.equal(await page.locator('#council').inputValue(), COUNCIL.code);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'email');
    await page.keyboard.type(AUDITOR.email);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'password');
    await page.keyboard.type(AUDITOR.password);
    // The focus indicator is visible on the field.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.press('Enter');

    await page.waitForURL((url) => url.pathname === '/audit');
    assert.equal(new URL(page.url()).search, '?action=users.create');
    await page.waitForFunction(() => document.getElementById('results-heading')?.textContent !== '');
    assert.equal(await page.locator('#action').inputValue(), 'users.create');
    const actions = await page.locator('#audit-body tr td:nth-child(4)').allInnerTexts();
    assert.ok(actions.length >= 3, `expected the command line's two and the administrator's one: ${actions}`);
    assert.ok(actions.every((a) => a === 'users.create'), `${actions}`);
    const byAdmin = page.locator('#audit-body tr', { hasText: 'added a user with roles assessor' });
    assert.equal(await byAdmin.count(), 1);
    assert.match(await byAdmin.innerText(), /Administrator/);
    assert.match(await byAdmin.innerText(), /Allowed/);
    ids.admin = await byAdmin.locator('td:nth-child(2) a').innerText();
    assert.match(ids.admin, /^[0-9A-Z]{26}$/);
    assert.match(await page.locator('#audit-body').innerText(), /Server operator \(command line\)/);
    assert.match(await page.locator('#results-heading').innerText(), /entries match your search/);
    await checkPage(auditor, 'the audit log, filtered by users.create', { file: 'audit' });
  });

  test('the auditor searches the log with the form and sees the administrator’s actions', { timeout: STEP_TIMEOUT_MS }, async () => {
    const auditor = await person('auditor');
    const { page } = auditor;
    await page.locator('#action').fill('users.disable');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'users.disable');
    await page.waitForFunction(() => /1 entry/.test(document.getElementById('results-heading')?.textContent ?? ''));
    assert.match(await page.locator('#audit-body').innerText(), /turned the account off/);
    await checkPage(auditor, 'the audit log, filtered by users.disable');

    // Everything the administrator did, by following their id.
    await page.locator('#clear-filters').click();
    await page.waitForURL((url) => url.search === '');
    await page.waitForFunction(() => document.getElementById('results-heading')?.textContent !== '');
    await page.locator('#audit-body a', { hasText: ids.admin }).first().click();
    await page.waitForURL((url) => url.searchParams.get('actor') === ids.admin);
    await page.waitForFunction(() => / match your search/.test(document.getElementById('results-heading')?.textContent ?? ''));
    const actions = new Set(await page.locator('#audit-body tr td:nth-child(4)').allInnerTexts());
    for (const action of ['users.create', 'users.roles', 'users.disable', 'account.password.change', 'account.sign-in', 'account.sign-out']) {
      assert.ok(actions.has(action), `no ${action} by the administrator in: ${[...actions]}`);
    }
    assert.match(await page.locator('#audit-body').innerText(), /Refused/, 'the administrator’s refused look at the audit log is there');
    await checkPage(auditor, 'the audit log, filtered by the administrator', { file: 'audit-by-admin' });

    // An auditor is not an administrator.
    await page.goto('/users');
    await page.getByRole('heading', { name: 'You do not have permission to see this page' }).waitFor();
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Policy scenarios', 'Audit log']);
    await checkPage(auditor, 'the users page without permission');
  });

  test('signing in again while signed in works, and an unsafe return address is ignored', { timeout: STEP_TIMEOUT_MS }, async () => {
    const auditor = await person('auditor');
    const { page } = auditor;
    await page.goto('/sign-in?return=%2F%2Fevil.example%2Fsteal');
    await page.locator('#council-group').waitFor();
    await page.locator('#council').selectOption(COUNCIL.code);
    await page.locator('#email').fill(AUDITOR.email);
    await page.locator('#password').fill(AUDITOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForAccountPage(page);
    assert.equal(await page.locator('#account-roles').innerText(), 'Analyst or researcher\nAuditor');
    // Signing in needs no CSRF token, so a second sign-in is not refused.
    await checkPage(auditor, 'the account page after signing in again');
  });

  test('two-step sign-in: once it is on, the sign-in page asks for the code and accepts it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const auditor = await person('auditor');
    const { page } = auditor;
    // An auditor is not made to, but may: on the account page, as a person would.
    assert.equal(await page.locator('#two-step-required').isVisible(), false);
    twoStep.auditor = await setUpTwoStepSignIn(page);

    await page.locator('#navigation').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.locator('#council-group').waitFor();
    assert.equal(await page.locator('#code-group').isVisible(), false);
    await page.locator('#council').selectOption(COUNCIL.code);
    await page.locator('#email').fill(AUDITOR.email);
    await page.locator('#password').fill(AUDITOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#code-group').waitFor();
    assert.deepEqual(await errorSummary(page), [
      { text: 'Enter the 6-digit code from your authenticator app', href: '#code' },
    ]);
    assert.match(await page.locator('#code-error').innerText(), /Enter the 6-digit code/);
    assert.equal(await page.locator('.govuk-notification-banner').count(), 0, '"You have signed out" has gone');
    await checkPage(auditor, 'the sign-in page asking for a security code', {
      apiErrors: ['401 POST /api/session'],
      file: 'sign-in-code',
    });

    // A code is used once: the one that confirmed the setup will not do, so use the next
    // step's (the server accepts one step either side of now).
    await page.locator('#code').fill(await nextTotpCode(twoStep.auditor));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForAccountPage(page);
    await checkPage(auditor, 'the account page after a two-step sign-in');
  });
});

/** The council id, from the signed-in session. */
async function councilId(page) {
  if (!ids.council) {
    ids.council = await page.evaluate(async () => (await (await fetch('/api/session')).json()).user.council_id);
  }
  return ids.council;
}
