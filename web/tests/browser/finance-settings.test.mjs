// Browser tests of the finance settings page (/finance/settings): an administrator, by keyboard
// alone, opens it from the navigation and finds the council's settings as they stand (payment
// runs weekly, a second approval above £50,000.00, invoices held beyond 2%); types words where
// numbers belong (the error summary names each box, and nothing is saved), then a run interval
// the server refuses (its words in the summary), then good values, which are saved and shown. A
// finance officer may not use the page. axe checks every page state; no console error is
// allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds the council's staff with the command
// line and starts `selfdirect serve` (with --allow-administrators-without-totp, so the
// administrator can change the settings without setting up two-step sign-in first).
//
// Screenshots go to web/test-output/screenshots/finance-settings-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, checkPageState, errorSummaryItems, navigationLinks, skipWithoutBin, tabTo, tabToLink, text, useServerAndBrowser } from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add users with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
const FINANCE = { email: 'fin@example.org', name: 'Fin Adeyemi', role: 'finance-officer' };
const links = {};

const env = useServerAndBrowser('finance-settings', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ADMIN, FINANCE]) links[user.email] = await env.addUser(user);
  },
});

function signIn(name, user) {
  return env.signIn(name, user, { link: links[user.email], password: PASSWORD });
}

/** Selects the box's text and types over it. */
async function retype(page, id, value) {
  await tabTo(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
}

async function boxes(page) {
  return page.evaluate(() => ['payment-run-every-days', 'approval-threshold', 'invoice-tolerance-percent', 'invoice-tolerance-minimum']
    .map((id) => document.getElementById(id).value));
}

describe('finance settings', { skip }, () => {
  test('an administrator changes the settings by keyboard: words refused by the page, 29 days by the server, then saved', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn('admin', ADMIN);
    const { page } = admin;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Users', 'Budget models', 'Finance settings']);
    await tabToLink(page, 'Finance settings');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/settings');
    await page.locator('#settings-form:not([hidden])').waitFor();
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Finance settings');
    assert.deepEqual(await boxes(page), ['7', '50,000.00', '2', '0.00']);
    await checkPageState(admin, 'the settings as they stand', { file: 'finance-settings-start' });

    await retype(page, 'payment-run-every-days', 'weekly');
    await retype(page, 'approval-threshold', 'lots');
    await tabTo(page, 'save-settings');
    await page.keyboard.press('Enter');
    assert.deepEqual(await errorSummaryItems(page), [
      { text: 'Enter how often payments are run as a whole number of days, like 7', href: '#payment-run-every-days' },
      { text: 'Second approval: Enter an amount in pounds and pence, like 12.50', href: '#approval-threshold' },
    ]);
    assert.equal(await page.locator('#payment-run-every-days.govuk-input--error').count(), 1);
    await checkPageState(admin, 'words where numbers belong', { file: 'finance-settings-words' });
    let saved = await callApi(page, 'GET', '/api/finance-settings');
    assert.equal(saved.body.payment_run_every_days, 7);
    assert.equal(saved.body.approval_threshold_pence, 5000000);

    await retype(page, 'payment-run-every-days', '29');
    await retype(page, 'approval-threshold', '60,000');
    await tabTo(page, 'save-settings');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary a[href="#payment-run-every-days"]', { hasText: 'from 1 to 28' }).waitFor();
    assert.equal((await errorSummaryItems(page)).length, 1);
    await checkPageState(admin, 'a run interval the server refuses', { apiErrors: ['422 PUT /api/finance-settings'], file: 'finance-settings-refused' });
    saved = await callApi(page, 'GET', '/api/finance-settings');
    assert.equal(saved.body.approval_threshold_pence, 5000000);  // all or nothing

    await retype(page, 'payment-run-every-days', '28');
    await retype(page, 'invoice-tolerance-percent', '2.5');
    await retype(page, 'invoice-tolerance-minimum', '5');
    await tabTo(page, 'save-settings');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.match(await text(page, '.govuk-notification-banner--success'), /The finance settings are saved.*Payments are run every 28 days: each run pays, in advance, what begins before the next\./s);
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.deepEqual(await boxes(page), ['28', '60,000.00', '2.5', '5.00']);
    saved = await callApi(page, 'GET', '/api/finance-settings');
    assert.deepEqual(saved.body, {
      approval_threshold_pence: 6000000,
      invoice_tolerance_basis_points: 250,
      invoice_tolerance_minimum_pence: 500,
      payment_run_every_days: 28,
    });
    await checkPageState(admin, 'the settings saved', { file: 'finance-settings-saved' });
    await admin.context.close();
  });

  test('a finance officer may not use the page', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = await signIn('finance', FINANCE);
    const { page } = finance;
    assert.equal((await navigationLinks(page)).includes('Finance settings'), false);
    await page.goto('/finance/settings');
    await page.locator('#page-content h1').waitFor();
    assert.match(await text(page, '#page-content h1'), /permission/i);
    await checkPageState(finance, 'the settings refused to a finance officer', { file: 'finance-settings-refused-role' });
    await finance.context.close();
  });
});
