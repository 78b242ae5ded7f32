// Browser tests of the rule that an administrator must set up two-step sign-in before they
// may administer (on by default; `serve --allow-administrators-without-totp` turns it off for
// a local experiment). One journey, in order, in Debian's Chromium driven by playwright-core,
// with axe-core checking every page state it shows and no console error allowed.
//
// An administrator without two-step sign-in: signing in takes them to the account page, with
// a banner saying why and the way back to the page they asked for; the users page, a user's
// page and the budget models page each carry a banner linking to the account page and explain
// the server's refusals (403) instead of failing silently; the server refuses to add a user;
// once they have set up two-step sign-in on the account page, they go back and add one.
// Then, on a server started with --allow-administrators-without-totp, another administrator
// administers without it.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council and administrators with
// the command line, then starts `selfdirect serve` on that database. Build web/dist first
// (npm run build). Skipped with only SELFDIRECT_URL set.
//
// Screenshots go to web/test-output/screenshots/two-step-admin-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  bin,
  checkPageState,
  createPassword,
  errorSummaryItems,
  navigationLinks,
  POINTS_PRICE_MODEL,
  setUpTwoStepSignIn,
  skipWithoutBin,
  startServer,
  submitSignIn,
  useServerAndBrowser,
  waitForAccountPage,
} from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests set up administrators with the selfdirect command line, on the database of the server they start');

const ADMIN = { email: 'ada@example.org', name: 'Ada Admin', role: 'administrator', password: 'correct horse battery staple' };
const OTTO = { email: 'otto@example.org', name: 'Otto Other', role: 'administrator', password: 'lantern orchard velvet compass' };
const BOB = { email: 'bob@example.org', name: 'Bob Builder' };

const links = {};
const ids = {};

// Started as a real deployment is: no setting about two-step sign-in, so it is required.
const env = useServerAndBrowser('two-step-admin', {
  async setUp() {
    links.admin = await env.addUser(ADMIN);
  },
});

/** A browser context (its own cookies) for `who` on the server running now, watched for errors. */
function person(who) {
  return env.pageFor(who);
}

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `two-step-admin-${file}` });
}

/** The session as the API gives it to the page. */
function session(page) {
  return page.evaluate(async () => (await fetch('/api/session')).json());
}

/** The banner on an administrator's page: its words and where its link goes. */
async function adminBanner(page) {
  const banner = page.locator('#two-step-banner');
  await banner.waitFor();
  return {
    title: await banner.locator('.govuk-notification-banner__title').innerText(),
    heading: await banner.locator('.govuk-notification-banner__heading').innerText(),
    href: await banner.getByRole('link', { name: 'Set up two-step sign-in' }).getAttribute('href'),
  };
}

describe('administrators and two-step sign-in', { skip }, () => {
  test('signing in, an administrator without two-step sign-in is taken to the account page to set it up', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await createPassword(page, links.admin, ADMIN.password);
    await checkPage(admin, 'the set-password confirmation');

    // Asking for the users page first, which needs signing in.
    await page.goto('/users');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('return'), '/users');
    await submitSignIn(page, ADMIN.email, ADMIN.password);

    // Not the users page: the account page, which remembers where they were going.
    await waitForAccountPage(page);
    assert.equal(new URL(page.url()).searchParams.get('return'), '/users');
    const { must_set_up_totp: must, user } = await session(page);
    assert.equal(must, true, 'the session says two-step sign-in must be set up');
    ids.council = user.council_id;
    ids.admin = user.id;
    const banner = page.locator('#two-step-required');
    assert.equal(await banner.isVisible(), true);
    assert.equal(await banner.getAttribute('role'), 'region');
    assert.equal(await banner.locator('.govuk-notification-banner__title').innerText(), 'Important');
    assert.match(
      await banner.locator('.govuk-notification-banner__heading').innerText(),
      /^You need to set up two-step sign-in before you can manage users or publish budget models\. Set up two-step sign-in\.$/,
    );
    assert.equal(await banner.getByRole('link', { name: 'Set up two-step sign-in' }).getAttribute('href'), '#two-step-heading');
    assert.match(await page.locator('#two-step-status').innerText(), /^Two-step sign-in is off/);
    assert.match(await page.locator('#account-pages').innerText(), /Budget models – .*\(once two-step sign-in is on\)/);
    // The navigation still offers the administrator's pages: they explain themselves.
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Users', 'Budget models', 'Finance settings']);
    await checkPage(admin, 'the account page of an administrator who must set up two-step sign-in', {
      apiErrors: ['401 GET /api/session'],
      file: 'account',
    });
  });

  test('the users pages say why they are refused, and the server will not add a user', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.locator('#navigation').getByRole('link', { name: 'Users' }).click();
    await page.waitForURL((url) => url.pathname === '/users');
    assert.deepEqual(await adminBanner(page), {
      title: 'Important',
      heading: 'You need to set up two-step sign-in before you can add users, change their roles or turn accounts off. Set up two-step sign-in.',
      href: '/account?return=%2Fusers#two-step-heading',
    });
    await page.getByRole('heading', { level: 1, name: 'You need to set up two-step sign-in first' }).waitFor();
    assert.match(await page.locator('#page-content').innerText(), /did not show this page, because you cannot add users, change their roles or turn accounts off until you have set up two-step sign-in/);
    assert.equal(
      await page.locator('#page-content').getByRole('link', { name: 'Set up two-step sign-in on your account page' }).getAttribute('href'),
      '/account?return=%2Fusers#two-step-heading',
    );
    assert.equal(await page.locator('#add-user-form').count(), 0, 'no form that could only be refused');
    assert.match(await page.title(), /^You need to set up two-step sign-in first/);
    await checkPage(admin, 'the users page before two-step sign-in is on', {
      apiErrors: [`403 GET /api/councils/${ids.council}/users`],
      file: 'users-refused',
    });

    // The server refuses to add a user, whatever the page offers.
    const status = await page.evaluate(async ({ councilId, bob }) => {
      const { csrf_token: token } = await (await fetch('/api/session')).json();
      const response = await fetch(`/api/councils/${councilId}/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
        body: JSON.stringify({ display_name: bob.name, email: bob.email, roles: ['assessor'] }),
      });
      return response.status;
    }, { councilId: ids.council, bob: BOB });
    assert.equal(status, 403);
    await checkPage(admin, 'the users page after the server refused to add a user', {
      apiErrors: [`403 POST /api/councils/${ids.council}/users`],
    });

    // A page about one user says the same.
    await page.goto(`/users/change-roles?user=${ids.admin}`);
    assert.equal((await adminBanner(page)).href, `/account?return=${encodeURIComponent(`/users/change-roles?user=${ids.admin}`)}#two-step-heading`);
    await page.getByRole('heading', { level: 1, name: 'You need to set up two-step sign-in first' }).waitFor();
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Users');
    await checkPage(admin, 'the change-roles page before two-step sign-in is on', {
      apiErrors: [`403 GET /api/councils/${ids.council}/users`],
    });
  });

  test('the budget models page explains that checking a model is refused', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.locator('#navigation').getByRole('link', { name: 'Budget models' }).click();
    await page.waitForURL((url) => url.pathname === '/ras-models');
    assert.deepEqual(await adminBanner(page), {
      title: 'Important',
      heading: 'You need to set up two-step sign-in before you can check or publish budget models. Set up two-step sign-in.',
      href: '/account?return=%2Fras-models#two-step-heading',
    });
    // The published models are public, so the page shows them, and the form.
    await page.locator('#check-section').waitFor();
    await checkPage(admin, 'the models page before two-step sign-in is on', { file: 'models' });

    await page.locator('#model-yaml').fill(await readFile(POINTS_PRICE_MODEL, 'utf8'));
    await page.getByRole('button', { name: 'Check this model' }).click();
    assert.deepEqual(await errorSummaryItems(page), [{
      text: 'You cannot check or publish budget models until you have set up two-step sign-in. Set it up on your account page',
      href: '/account?return=%2Fras-models#two-step-heading',
    }]);
    assert.match(await page.title(), /^Error: /);
    assert.equal(await page.locator('#result-section').isVisible(), false);
    await checkPage(admin, 'the models page after checking was refused', {
      apiErrors: ['403 POST /api/ras/models/check'],
      file: 'models-refused',
    });
  });

  test('after setting up two-step sign-in from the banner, the administrator goes back and adds a user', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    await page.goto('/users');
    await page.locator('#two-step-banner').getByRole('link', { name: 'Set up two-step sign-in' }).click();
    await waitForAccountPage(page);
    assert.equal(new URL(page.url()).hash, '#two-step-heading');
    await checkPage(admin, 'the account page from the banner', {
      apiErrors: [`403 GET /api/councils/${ids.council}/users`],
    });

    await setUpTwoStepSignIn(page);
    assert.equal(await page.locator('#two-step-required').isVisible(), false, 'the banner has gone');
    const next = page.locator('#two-step-continue');
    assert.equal(await next.innerText(), 'Continue to Users');
    assert.equal(await next.getAttribute('href'), '/users');
    assert.equal((await session(page)).must_set_up_totp, false);
    assert.doesNotMatch(await page.locator('#account-pages').innerText(), /once two-step sign-in is on/);
    await checkPage(admin, 'the account page once two-step sign-in is on', { file: 'account-on' });

    await next.click();
    await page.waitForURL((url) => url.pathname === '/users');
    await page.locator('#add-user-section').waitFor();
    assert.equal(await page.locator('#two-step-banner').count(), 0);
    assert.equal(await page.locator('#users-body tr').count(), 1, 'the refused request added no one');
    await page.locator('#display-name').fill(BOB.name);
    await page.locator('#new-user-email').fill(BOB.email);
    await page.getByLabel('Assessor or social worker').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    const banner = page.locator('.govuk-notification-banner--success');
    await banner.waitFor();
    assert.equal(await banner.locator('.govuk-notification-banner__heading').innerText(), `${BOB.name} has been added`);
    await page.getByRole('row', { name: /Bob Builder/ }).waitFor();
    await checkPage(admin, 'the users page after adding a user', { file: 'users-added' });
  });

  test('with --allow-administrators-without-totp (a local experiment), an administrator administers without it', { timeout: STEP_TIMEOUT_MS }, async () => {
    env.ready();
    links.otto = await env.addUser(OTTO);
    await env.server.stop();
    env.server = await startServer(bin, env.data, { extraArgs: ['--allow-administrators-without-totp'] });
    // The server says so when it starts, just after its address.
    for (let tries = 0; tries < 50 && !/without two-step sign-in/.test(env.server.output().stdout); tries += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(env.server.output().stdout, /Administrators may administer without two-step sign-in/);

    const otto = await person('otto');
    const { page } = otto;
    await createPassword(page, links.otto, OTTO.password);
    await page.goto('/sign-in?return=%2Fusers');
    await submitSignIn(page, OTTO.email, OTTO.password);
    await page.waitForURL((url) => url.pathname === '/users');
    await page.locator('#add-user-section').waitFor();
    assert.equal(await page.locator('#two-step-banner').count(), 0);
    const { must_set_up_totp: must, user } = await session(page);
    assert.equal(must, false);
    assert.equal(user.two_step, false);
    await checkPage(otto, 'the users page for an administrator without two-step sign-in, when the rule is off');
  });
});
