// Browser test of /my-money, where a budget holder sees the money in their personal budget.
// Set up through the API: an adult social care scheme, Maya Okafor recorded to an indicative
// budget, a plan of a personal assistant 10 hours a week at £20.00 by direct payment signed
// off today (£800.00 every four weeks), her bank details, and a payment run today released by
// a finance officer. Then Maya, signed in with an account linked to her record, finds My money
// from her record by keyboard alone, sees the payment arrive, the chart with its figures, the
// forecast and the payments to come, and downloads the spreadsheet. axe-core checks every page
// state with no console error allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build). The server runs
// with --allow-administrators-without-totp so the administrator can add the scheme.
//
// Screenshots go to web/test-output/screenshots/my-money-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, checkPageState, focusedId, POINTS_PRICE_MODEL, skipWithoutBin, text, useServerAndBrowser } from './support.mjs';
import { recordPersonToIndicativeBudget, setApprovalLimit } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add users and publish a model with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
const FINANCE = { email: 'fin@example.org', name: 'Fin Finance-Officer', role: 'finance-officer' };
const HOLDER = { email: 'maya@example.org', name: 'Maya Okafor', role: 'budget-holder' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const links = {};
let personId;

const env = useServerAndBrowser('my-money', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ASSESSOR, APPROVER, ADMIN, FINANCE]) links[user.role] = await env.addUser(user);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

function signIn(name, user) {
  return env.signIn(name, user, { link: links[user.role], password: PASSWORD });
}

/** The server's today (UTC) and `days` later, as the page writes them. */
function utcDay(days = 0) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
}
function iso(d) {
  return d.toISOString().slice(0, 10);
}
function inWords(d) {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

async function checkPage(p, name, { apiErrors = [], file } = {}) {
  const duplicates = await p.page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  assert.deepEqual(duplicates, [], `ids used twice on ${name}`);
  return checkPageState(p, name, { apiErrors, file: file && `my-money-${file}` });
}

async function tabTo(page, isThere, what, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await isThere(await focusedId(page))) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

describe('my money', { skip }, () => {
  test('set up: a signed-off plan paying £800.00 every four weeks, and a payment run released today', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn('admin', ADMIN);
    const session = (await callApi(admin.page, 'GET', '/api/session')).body;
    const councilId = session.user.council_id;
    const scheme = await callApi(admin.page, 'POST', `/api/councils/${councilId}/schemes`, { name: 'Adult social care', kind: 'adult-social-care' });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.body));
    await setApprovalLimit(admin.page, APPROVER.email, '30000');

    const assessor = await signIn('assessor', ASSESSOR);
    personId = await recordPersonToIndicativeBudget(assessor.page, env.council.code);
    const plan = await callApi(assessor.page, 'POST', `/api/people/${personId}/plans`, {
      outcomes: [{ id: 'o1', words: 'I want to get up and dressed before 9 so I can go to the day centre' }],
      items: [{
        what: 'Help to get up and dressed', supplier: 'personal_assistant', supplier_name: 'Sam', unit: 'hour',
        unit_price: '20', quantity: '10', frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment',
      }],
      written_with: ['person', 'social_worker'],
      risks: [{ risk: 'Her assistant is ill', how_managed: 'Her daughter helps' }],
      emergency: 'Call her daughter Ife on 07700 900123',
    });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    const submitted = await callApi(assessor.page, 'POST', `/api/plans/${plan.body.id}/submit`, { revision: plan.body.revision });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    const approver = await signIn('approver', APPROVER);
    const decided = await callApi(approver.page, 'POST', `/api/plans/${plan.body.id}/decision`, {
      decision: 'approve', revision: submitted.body.revision, variance_category: 'persons_choice', variance_words: 'Her choice of assistant.',
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    await approver.context.close();
    await assessor.context.close();

    const finance = await signIn('finance', FINANCE);
    const details = await callApi(finance.page, 'PUT', `/api/people/${personId}/payment-details`, {
      route: 'direct_payment', payee_name: 'Maya Okafor', sort_code: '30-94-30', account_number: '00733445',
    });
    assert.equal(details.status, 200, JSON.stringify(details.body));
    const run = await callApi(finance.page, 'POST', '/api/payment-runs', { date: iso(utcDay()) });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    assert.equal(run.body.total_pence, 80000);
    assert.equal(run.body.needs_second_approval, false);
    const released = await callApi(finance.page, 'POST', `/api/payment-runs/${run.body.id}/release`, {});
    assert.equal(released.status, 200, JSON.stringify(released.body));
    await finance.context.close();

    // Maya's own account, linked to her record.
    const added = await callApi(admin.page, 'POST', `/api/councils/${councilId}/users`, {
      email: HOLDER.email, display_name: HOLDER.name, roles: ['budget-holder'], person_id: personId,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    links[HOLDER.role] = added.body.set_password_path;
    await admin.context.close();
  });

  test('Maya finds My money from her record by keyboard and sees the payment arrive', { timeout: STEP_TIMEOUT_MS }, async () => {
    const holder = await signIn('holder', HOLDER);
    const { page } = holder;
    await page.goto('/my-record');
    await page.locator('#my-money-link').waitFor();
    await tabTo(page, (id) => id === 'my-money-link', 'the My money link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/my-money');
    await page.locator('#balance').waitFor();

    assert.equal(await text(page, '#page-heading'), 'My money');
    assert.equal(await text(page, '#person-caption'), 'Maya Okafor');
    assert.equal(await text(page, '#balance'), '£800.00');
    const today = utcDay();
    const periodEnd = utcDay(27);
    const sameYear = today.getUTCFullYear() === periodEnd.getUTCFullYear();
    const from = sameYear ? `${today.getUTCDate()} ${MONTHS[today.getUTCMonth()]}` : inWords(today);
    const lines = await page.locator('#lines tbody tr').allInnerTexts();
    assert.equal(lines.length, 1);
    assert.match(lines[0].replace(/\s+/g, ' '), new RegExp(`^${inWords(today)} Payment from the council for ${from} to ${inWords(periodEnd)} £800.00 £800.00$`));

    // What's coming in: the next three payments, four weeks apart.
    const upcoming = await page.locator('#upcoming tbody tr').allInnerTexts();
    assert.equal(upcoming.length, 3);
    assert.match(upcoming[0].replace(/\s+/g, ' '), new RegExp(`^${inWords(utcDay(28))} £800.00 For `));
    assert.match(upcoming[2].replace(/\s+/g, ' '), new RegExp(`^${inWords(utcDay(84))} £800.00`));

    // The forecast, in plain words, with the next payment's date.
    const forecast = await text(page, '#forecast');
    assert.match(forecast, /No money has gone out of the account yet/);
    assert.match(forecast, new RegExp(`The next payment of £800.00 is due on ${inWords(utcDay(28))}.`));

    // The chart: an image with a title and description, a dashed plan line and a solid spent
    // line, each labelled, and the same figures in a table behind "Show the figures".
    const chart = page.locator('#burn-down-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.match(await page.locator('#chart-title').textContent(), /spending against your plan/i);
    assert.match(await page.locator('#chart-desc').textContent(), /dashed line is what the plan expected/);
    assert.equal(await chart.locator('polyline[stroke-dasharray]').count(), 1);
    assert.deepEqual(await chart.locator('text').evaluateAll((ts) => ts.map((t) => t.textContent).filter((t) => t === 'Plan' || t === 'Spent')), ['Plan', 'Spent']);
    assert.match(await text(page, '#chart-summary'), /you spent £0.00: £28.57 less than your plan expected/);
    assert.equal(await page.locator('#chart-table').isVisible(), false);
    await checkPage(holder, 'My money after the first payment', { file: 'first-payment' });

    await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.classList.contains('govuk-details__summary'))), 'the figures');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#chart-table').isVisible(), true);
    const figures = await page.locator('#chart-table tbody tr').allInnerTexts();
    assert.match(figures[0].replace(/\s+/g, ' '), new RegExp(`^${inWords(today)} £28.57 £0.00 £800.00$`));
    await checkPage(holder, 'My money with the chart’s figures shown', { file: 'figures' });

    // The spreadsheet.
    const href = await page.locator('#download-csv').getAttribute('href');
    assert.equal(href, `/api/people/${personId}/money.csv`);
    const csv = await page.evaluate(async (path) => {
      const r = await fetch(path);
      return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), body: await r.text() };
    }, href);
    assert.equal(csv.status, 200);
    assert.equal(csv.type, 'text/csv; charset=utf-8');
    assert.equal(csv.disposition, `attachment; filename="my-money-${iso(today)}.csv"`);
    assert.match(csv.body, new RegExp(`^Date,Description,Money in,Money out,Balance\\r\\n${iso(today)},Payment from the council for .*,800.00,,800.00\\r\\n$`));

    // And back to her plan and budget.
    assert.equal(await page.locator('#budget-link').getAttribute('href'), `/person/budget?person=${personId}`);
  });

  test('someone Maya has not let in cannot see her money', { timeout: STEP_TIMEOUT_MS }, async () => {
    const holder = env.as('holder');
    const { page } = holder;
    const other = await callApi(page, 'GET', '/api/people/01JD00000000000000000PER99/money');
    assert.equal(other.status, 404);
    holder.watch.apiErrors.length = 0;
  });
});
