// Browser test of /personal-assistants, where a budget holder who employs personal assistants
// (PAs) sees them and their employer's checklist. Set up through the API: Maya Okafor recorded
// by her social worker and an account linked to her record. Then Maya, by keyboard: a form
// sent with mistakes names each field; she adds a PA paid £11.00 an hour and is warned that it
// is below the National Living Wage (the PA is still saved); she fills in the checklist
// (payroll, pension, insurance, contract, holiday pay) and its reminders go; she raises the
// PA's pay and the warning goes. Her social worker reaches the same page from her record.
// axe-core checks every page state with no console error allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build). The server runs
// with --allow-administrators-without-totp so the administrator can add Maya's account.
//
// Screenshots go to web/test-output/screenshots/personal-assistants-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, checkPageState, errorSummaryItems, focusedId, skipWithoutBin, text, useServerAndBrowser } from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add users with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
const HOLDER = { email: 'maya@example.org', name: 'Maya Okafor', role: 'budget-holder' };

const links = {};
let personId;

const env = useServerAndBrowser('personal-assistants', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ASSESSOR, ADMIN]) links[user.role] = await env.addUser(user);
  },
});

function signIn(name, user) {
  return env.signIn(name, user, { link: links[user.role], password: PASSWORD });
}

async function checkPage(p, name, { apiErrors = [], file } = {}) {
  const duplicates = await p.page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  assert.deepEqual(duplicates, [], `ids used twice on ${name}`);
  return checkPageState(p, name, { apiErrors, file: file && `personal-assistants-${file}` });
}

async function tabTo(page, isThere, what, limit = 250) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await isThere(await focusedId(page))) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Types into the three boxes of the date input `id`, by keyboard. */
async function typeDate(page, id, day, month, year) {
  for (const [part, value] of [['day', day], ['month', month], ['year', year]]) {
    await page.focus(`#${id}-${part}`);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(value);
  }
}

async function typeInto(page, id, value) {
  await page.focus(`#${id}`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
}

async function attentionCodes(page) {
  return page.locator('#attention li').evaluateAll((items) => items.map((li) => li.dataset.code));
}

describe('personal assistants', { skip }, () => {
  test('set up: Maya recorded by her social worker, with an account linked to her record', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = await signIn('assessor', ASSESSOR);
    const created = await callApi(assessor.page, 'POST', '/api/people', {
      given_name: 'Maya', family_name: 'Okafor', date_of_birth: '1950-06-01', contact: { route_of_access: 'community' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    personId = created.body.id;

    const admin = await signIn('admin', ADMIN);
    const session = (await callApi(admin.page, 'GET', '/api/session')).body;
    const added = await callApi(admin.page, 'POST', `/api/councils/${session.user.council_id}/users`, {
      email: HOLDER.email, display_name: HOLDER.name, roles: ['budget-holder'], person_id: personId,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    links[HOLDER.role] = added.body.set_password_path;
    await admin.context.close();
  });

  test('Maya adds a PA paid below the National Living Wage and is warned, not refused', { timeout: STEP_TIMEOUT_MS }, async () => {
    const holder = await signIn('holder', HOLDER);
    const { page } = holder;
    await page.goto(`/personal-assistants?person=${personId}`);
    await page.locator('#assistant-form').waitFor();
    assert.equal(await text(page, '#page-heading'), 'Your personal assistants');
    assert.equal(await text(page, '#person-caption'), 'Maya Okafor');
    assert.match(await text(page, '#attention-none'), /When you employ a personal assistant/);
    assert.match(await text(page, '#minimum-wage'), /^The National Living Wage is £\d+\.\d\d an hour from 1 April \d{4} for workers aged 21 and over/);
    await checkPage(holder, 'the personal assistants page with none recorded', { file: 'empty' });

    // Mistakes: no name, a rate that is not money, no start date; by keyboard from the top.
    await tabTo(page, (id) => id === 'name', 'the name box');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'hourly_rate');
    await page.keyboard.type('eleven pounds');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'hours_per_week');
    await page.keyboard.type('20');
    await page.focus('#close_relative_in_household-2');
    await page.keyboard.press('Space');
    await tabTo(page, (id) => id === 'save-assistant', 'the Add personal assistant button');
    await page.keyboard.press('Enter');
    const local = await errorSummaryItems(page);
    assert.deepEqual(local, [{ text: 'Enter the date they started', href: '#starts_on-day' }]);
    await checkPage(holder, 'the form with a date missing');

    await typeDate(page, 'starts_on', '1', '5', '2026');
    await page.focus('#save-assistant');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary a[href="#name"]').waitFor();
    const server = await errorSummaryItems(page);
    assert.deepEqual(server.map((i) => i.href), ['#name', '#hourly_rate']);
    assert.match(await text(page, '#hourly_rate-error'), /hourly rate in pounds and pence/);
    assert.match(await page.title(), /^Error: /);
    await checkPage(holder, 'the form with the server’s errors', { apiErrors: [`422 POST /api/people/${personId}/personal-assistants`], file: 'errors' });
    assert.equal(await page.locator('#assistants').count(), 0, 'nothing was saved');

    // Now right, at £11.00 an hour.
    await typeInto(page, 'name', 'Sam Patel');
    await typeInto(page, 'hourly_rate', '11.00');
    await typeDate(page, 'right_to_work_checked_on', '20', '4', '2026');
    await page.focus('#save-assistant');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.ok(await page.evaluate(() => document.activeElement?.closest('.govuk-notification-banner') !== null), 'focus on the success banner');
    assert.match(await text(page, '.govuk-notification-banner__heading'), /Sam Patel is added/);
    assert.match(await text(page, '.govuk-notification-banner--success'), /below the National Living Wage/);
    assert.equal(await page.locator('#error-summary .govuk-error-summary').count(), 0);
    assert.match(await text(page, '#assistants'), /Sam Patel/);
    assert.match(await text(page, '#assistants'), /£11\.00/);
    const codes = await attentionCodes(page);
    assert.ok(codes.includes('below_minimum_wage'), codes.join());
    assert.ok(codes.includes('insurance_missing'), codes.join());
    assert.match(await text(page, '#attention li[data-code="below_minimum_wage"]'), /You pay Sam Patel £11\.00 an hour, which is less than the National Living Wage/);
    await checkPage(holder, 'the page warning that the pay is below the minimum wage', { file: 'warning' });
  });

  test('Maya fills in her employer’s checklist, then raises the pay, and the reminders go', { timeout: STEP_TIMEOUT_MS }, async () => {
    const holder = env.as('holder');
    const { page } = holder;
    const nextYear = new Date().getUTCFullYear() + 1;
    await typeInto(page, 'payroll_provider', 'Payroll Partners');
    await typeDate(page, 'payroll_from', '1', '5', '2026');
    await typeInto(page, 'pension_exempt_reason', 'Sam earns below the threshold for automatic enrolment');
    await typeInto(page, 'insurer', 'Acme Insurance');
    await typeInto(page, 'insurance_cover', '5000000');
    await typeDate(page, 'insurance_expires_on', '30', '12', String(nextYear));
    await typeDate(page, 'contract_issued_on', '28', '4', '2026');
    await typeInto(page, 'holiday_pay', 'Paid when taken, 5.6 weeks a year');
    await tabTo(page, (id) => id === 'save-duties', 'the Save the checklist button');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-notification-banner__heading', { hasText: 'The checklist is saved' }).waitFor();
    assert.match(await text(page, '#duties'), /Acme Insurance, cover of £5,000,000\.00/);
    assert.deepEqual(await attentionCodes(page), ['below_minimum_wage']);
    await checkPage(holder, 'the filled-in checklist', { file: 'checklist' });

    // Raise Sam's pay through the Change link.
    await tabTo(page, (id) => id?.startsWith('change-'), 'the Change link on Sam’s card');
    await page.keyboard.press('Enter');
    assert.equal(await text(page, '#assistant-form-heading'), 'Change Sam Patel’s details');
    assert.equal(await page.inputValue('#hourly_rate'), '11.00');
    assert.equal(await page.inputValue('#starts_on-day'), '1');
    await typeInto(page, 'hourly_rate', '13.00');
    await page.focus('#save-assistant');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-notification-banner__heading', { hasText: 'Sam Patel’s details are saved' }).waitFor();
    assert.match(await text(page, '#assistants'), /£13\.00/);
    assert.equal(await text(page, '#attention-none'), 'Nothing needs doing at the moment.');
    await checkPage(holder, 'the page with nothing to do', { file: 'done' });
  });

  test('her social worker finds the same page from her record', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = env.as('assessor');
    const { page } = assessor;
    await page.goto(`/person?id=${personId}`);
    await page.locator('#pa-link').waitFor();
    await tabTo(page, (id) => id === 'pa-link', 'the personal assistants link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/personal-assistants');
    await page.locator('#assistants').waitFor();
    assert.equal(await text(page, '#page-heading'), 'Their personal assistants');
    assert.match(await text(page, '#assistants'), /Sam Patel/);
    assert.match(await text(page, '#duties'), /Payroll Partners/);
    await checkPage(assessor, 'the social worker’s view', { file: 'social-worker' });
  });
});
