// Browser test of the commissioners' market-shaping page (/market/shaping): reached from the
// navigation, it says plainly when there is nothing to show in each part; a number of days that
// is not from 1 to 365 gets an error summary linked to the box, by keyboard alone, and the view
// under it stays; a good number is kept in the address. Then five people have Acorn Home Care's
// help at home agreed through the API, and the page shows how concentrated home care is (a chart
// with its words and a table: one provider is an HHI of 10,000), while the personal assistant
// section says in plain English why it shows no figures (fewer than 5 PAs). axe-core checks
// every page state, and no console error is allowed other than the 422 the bad number gets.
// (Which services are declining, what is unmet and the HHI's arithmetic are worked out in
// src/selfdirect/market/shaping.cc and tested there, over years of plans that a browser test
// cannot wait for.)
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build). The providers come
// from docs/samples/providers.csv through `selfdirect providers import`; the server runs with
// --allow-administrators-without-totp so the administrator can set the approver's limit.
//
// Screenshots go to web/test-output/screenshots/market-shaping-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { callApi, checkPageState, errorSummaryItems, focusedId, POINTS_PRICE_MODEL, skipWithoutBin, text, useServerAndBrowser, webDir } from './support.mjs';
import { agreePlan, recordPersonToIndicativeBudget, setApprovalLimit } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests import providers, add users and publish a model with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const COMMISSIONER = { email: 'cal@example.org', name: 'Cal Commissioner', role: 'commissioner' };
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
const links = {};

const env = useServerAndBrowser('market-shaping', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    await env.cli(['providers', 'import', '--data', env.data, '--council', env.council.code, join(webDir, '..', 'docs', 'samples', 'providers.csv')]);
    for (const user of [COMMISSIONER, ASSESSOR, APPROVER, ADMIN]) links[user.role] = await env.addUser(user);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

function signIn(name, user) {
  return env.signIn(name, user, { link: links[user.role], password: PASSWORD });
}

describe('market shaping', { skip }, () => {
  test('a commissioner opens Market shaping from the navigation; each part says plainly it is empty', { timeout: STEP_TIMEOUT_MS }, async () => {
    const commissioner = await signIn('commissioner', COMMISSIONER);
    const { page } = commissioner;
    await page.locator('#navigation').getByRole('link', { name: 'Market shaping' }).click();
    await page.waitForURL((url) => url.pathname === '/market/shaping');
    await page.locator('#in-force').waitFor();
    assert.match(await text(page, '#in-force'), /^Nobody has an agreed support plan in force today/);
    assert.equal(await text(page, '#declining-none'), 'No service has lost a fifth or more of its people in the past year.');
    assert.equal(await text(page, '#unmet-none'), 'Nothing has been waiting more than 28 days.');
    assert.equal(await text(page, '#demand-none'), 'No agreed plan yet.');
    assert.equal(await text(page, '#concentration-none'), 'No kind of support is bought from directory providers by enough people to show yet.');
    assert.equal(await page.locator('#concentration-withheld').count(), 0);
    assert.equal(await text(page, '#workforce-withheld'), 'Fewer than 5 personal assistants are employed through personal budgets today, so no figures are shown: numbers this small could point to someone.');
    assert.equal(await page.locator('#workforce-summary').count(), 0);
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Market shaping');
    await checkPageState(commissioner, 'market shaping, empty', { file: 'market-shaping-empty' });
  });

  test('by keyboard: 0 days is an error linked to the box; 60 days is kept in the address', { timeout: STEP_TIMEOUT_MS }, async () => {
    const commissioner = env.as('commissioner');
    const { page } = commissioner;
    await page.locator('#unmet-after-days').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('unmet_after_days') === '0');
    await page.locator('.govuk-error-summary').waitFor();
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Enter a number of days from 1 to 365', href: '#unmet-after-days' }]);
    assert.equal(await page.locator('#unmet-after-days').inputValue(), '0');
    // The usual view is still there under the message.
    assert.equal(await text(page, '#unmet-none'), 'Nothing has been waiting more than 28 days.');
    await checkPageState(commissioner, 'market shaping, a bad number of days', { apiErrors: ['422 GET /api/market/shaping'], file: 'market-shaping-error' });
    // Follow the error's link to the box, and put it right.
    await page.locator('.govuk-error-summary a').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'unmet-after-days');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('60');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('unmet_after_days') === '60');
    await page.locator('#unmet-none').waitFor();
    assert.equal(await text(page, '#unmet-none'), 'Nothing has been waiting more than 60 days.');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    await checkPageState(commissioner, 'market shaping, 60 days', { file: 'market-shaping-60' });
  });

  test('set up: five people have Acorn Home Care’s help at home, 10 hours a week, agreed today', { timeout: STEP_TIMEOUT_MS * 2 }, async () => {
    const admin = await signIn('admin', ADMIN);
    await setApprovalLimit(admin.page, APPROVER.email, '30000');
    await admin.context.close();
    const assessor = await signIn('assessor', ASSESSOR);
    const approver = await signIn('approver', APPROVER);
    const found = await callApi(assessor.page, 'GET', `/api/directory/search?${new URLSearchParams({ q: 'help at home' })}`);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    const service = found.body.results.find((r) => r.what === 'Help at home');
    assert.ok(service, 'Acorn Home Care’s Help at home is in the directory');
    for (const givenName of ['Ada', 'Bea', 'Cy', 'Dee', 'Eve']) {
      const personId = await recordPersonToIndicativeBudget(assessor.page, env.council.code, { givenName, familyName: 'Okafor', nhsNumber: null });
      await agreePlan(assessor.page, approver.page, personId, {
        outcomes: [{ id: 'o1', words: 'I want to get up and dressed before 9' }],
        items: [{
          what: 'Help at home', supplier: 'provider', supplier_name: 'Acorn Home Care', unit: 'hour', unit_price: '21.50', quantity: '10',
          frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment', service_id: service.id, service_type: 'home_care',
        }],
        written_with: ['person', 'social_worker'],
        risks: [],
        emergency: 'Call her daughter on 07700 900123',
      }, 'Her choice of provider.');
    }
    await approver.context.close();
    await assessor.context.close();
  });

  test('home care bought from one provider shows as highly concentrated, in a chart with its words and a table', { timeout: STEP_TIMEOUT_MS }, async () => {
    const commissioner = env.as('commissioner');
    const { page } = commissioner;
    await page.goto('/market/shaping');
    await page.locator('#concentration-table').waitFor();
    assert.match(await text(page, '#in-force'), /^5 people have an agreed support plan in force today/);
    // The chart is an image with a title and a description that says what it shows.
    const chart = page.locator('#hhi-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.equal(await page.locator('#hhi-chart-title').textContent(), 'The most concentrated kinds of support, by Herfindahl–Hirschman index');
    assert.match(await page.locator('#hhi-chart-desc').textContent(), /Home care, Whole council: 10,000 highly concentrated; Home care, SW1A: 10,000 highly concentrated\.$/);
    // The table: the whole council, then the area (the same HHI and spend), each one provider with
    // all £55,900.00 a year (£215.00 a week × 52).
    const rows = await page.locator('#concentration-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    assert.deepEqual(rows.map((r) => r.slice(1)), [
      ['Whole council', '1', '£55,900.00', '10,000', 'Highly concentrated', 'Acorn Home Care (100.00%)'],
      ['SW1A', '1', '£55,900.00', '10,000', 'Highly concentrated', 'Acorn Home Care (100.00%)'],
    ]);
    assert.deepEqual(rows.map((r) => r[0]), ['Home care', 'Home care']);
    assert.equal(await page.locator('#concentration-withheld').count(), 0);
    // Nobody employs a personal assistant: the section says why there are no figures.
    assert.match(await text(page, '#workforce-withheld'), /^Fewer than 5 personal assistants are employed/);
    await checkPageState(commissioner, 'market shaping, concentration', { file: 'market-shaping-concentration' });
  });
});
