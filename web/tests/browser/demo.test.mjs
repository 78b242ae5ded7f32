// Browser test of issue #8's "done when": a demo council shows real data to every role. The
// command line makes a database with `migrate` and `demo generate` (300 people, seed 11, as of
// today, so that what the pages count from today is recent), and the server serves it with
// --allow-administrators-without-totp (the demo administrators have no two-step sign-in, as in
// `make run`). Then each demo sign-in printed by `demo generate` (email and
// demo-<role>-pass, docs/synthetic.md) signs in on the sign-in page, lands on their account page
// in the Demoshire council, and opens the pages their role is for, each of which must show
// rows of made-up data rather than its empty state: the administrator's users and budget
// model, the social worker's caseload, reviews and money alerts, the approver's plans to sign
// off and one of them, the finance officer's payment runs (and two pages of the newest run's
// payments), finance overview, alerts and provider invoices (a handful held, each with its
// reasons; the page reached and used with the keyboard), the commissioner's providers and
// market shaping, the safeguarding lead's concerns and signals, the analyst's policy scenarios,
// the auditor's log, the budget holder's record and money, and the representative's person,
// their plan and budget and their money. axe-core checks every page, with no console error,
// failed request or API error allowed.
//
// 300 people (not make run's 5,000) keeps it quick. Counts are checked as "some", not exact: a
// council generated as of today is not the same council every day.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build).
//
// Screenshots go to web/test-output/screenshots/demo-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPageState, focusedId, skipWithoutBin, text, useServerAndBrowser, waitForAccountPage } from './support.mjs';

const STEP_TIMEOUT_MS = 60_000;
const skip = skipWithoutBin('this test makes a demo council with the selfdirect command line');

const DEMO = { people: '300', seed: '11' };
const COUNCIL_NAME = 'Demoshire Council (synthetic demo data)';

/** The demo sign-ins (src/selfdirect/app/demo_council.cc), by the role's key in `roles`. */
const SIGN_INS = {
  administrator: { email: 'administrator@demoshire.example', password: 'demo-administrator-pass', name: 'Alex Morgan', role: 'Administrator' },
  socialWorker: { email: 'social.worker@demoshire.example', password: 'demo-social-worker-pass', name: 'Priya Shah', role: 'Social worker' },
  approver: { email: 'approver@demoshire.example', password: 'demo-approver-pass', name: 'Helen Clarke', role: 'Approver' },
  finance: { email: 'finance@demoshire.example', password: 'demo-finance-pass', name: 'Mark Evans', role: 'Finance officer' },
  commissioner: { email: 'commissioner@demoshire.example', password: 'demo-commissioner-pass', name: 'Ruth Green', role: 'Commissioner' },
  safeguarding: { email: 'safeguarding@demoshire.example', password: 'demo-safeguarding-pass', name: 'Kwame Osei', role: 'Safeguarding lead' },
  analyst: { email: 'analyst@demoshire.example', password: 'demo-analyst-pass', name: 'Lin Chen', role: 'Analyst' },
  auditor: { email: 'auditor@demoshire.example', password: 'demo-auditor-pass', name: 'Keith Turner', role: 'Auditor' },
  budgetHolder: { email: 'budget.holder@demoshire.example', password: 'demo-budget-holder-pass', role: 'Budget holder' },
  representative: { email: 'representative@demoshire.example', password: 'demo-representative-pass', role: 'Representative' },
};

/** What `demo generate` printed: the budget holder's and the represented person's names. */
const printed = {};

const env = useServerAndBrowser('demo', {
  council: null,
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    await env.cli(['migrate', '--data', env.data]);
    const out = await env.cli(['demo', 'generate', '--data', env.data, '--people', DEMO.people, '--seed', DEMO.seed]);
    // "Budget holder  budget.holder@…  demo-budget-holder-pass  Leanne Wood's own plan, …"
    printed.holder = /demo-budget-holder-pass\s+(.+?)'s own plan/.exec(out)?.[1];
    // "Representative  representative@…  demo-representative-pass  the record of Frank Ward, whom they help"
    printed.represented = /demo-representative-pass\s+the record of (.+?), whom they help/.exec(out)?.[1];
    assert.ok(printed.holder && printed.represented, `no budget holder or representative in:\n${out}`);
  },
});

/**
 * Signs the demo user `key` in on the sign-in page (in a new browser context), checks the
 * account page they land on (their email, their name when known, the demo council) and
 * resolves with the page.
 */
async function signIn(key) {
  const who = SIGN_INS[key];
  const role = who.role.toLowerCase();
  const p = await env.signIn(key, { ...who, passwordSet: true }, { password: who.password });
  await waitForAccountPage(p.page);
  await p.page.waitForLoadState('networkidle');
  assert.equal(await text(p.page, '#account-email'), who.email);
  if (who.name) assert.equal(await text(p.page, '#account-name'), who.name);
  assert.equal(await text(p.page, '#account-council'), COUNCIL_NAME, `the ${role}’s council`);
  await check(p, `the ${role}’s account page`, `${role.replaceAll(' ', '-')}-account`);
  return p;
}

/** Signs out with the header's button and closes the browser context. */
async function signOut(p) {
  await p.page.locator('#navigation').getByRole('button', { name: 'Sign out' }).click();
  await p.page.waitForURL((url) => url.pathname === '/sign-in');
  await p.context.close();
}

/** checkPageState, with a screenshot demo-`file`.png when `file` is given. */
function check(p, name, file) {
  return checkPageState(p, name, { file: file && `demo-${file}` });
}

/** Waits for the page to settle and for one of the elements `ready` picks to show. */
async function settle(page, ready) {
  await page.waitForLoadState('networkidle');
  await page.locator(ready).filter({ visible: true }).first().waitFor();
}

/** Follows the header's link `name` and waits for the page (settle). */
async function follow(p, name, ready) {
  await p.page.locator('#navigation').getByRole('link', { name, exact: true }).click();
  await settle(p.page, ready);
}

/** Follows the link `link` (a locator) and waits for the page (settle). */
async function click(p, link, ready) {
  await link.click();
  await settle(p.page, ready);
}

/** The body rows of the table `selector`. */
function rows(page, selector) {
  return page.locator(`${selector} tbody tr`);
}

/** Asserts the table `selector` has at least `least` body rows; resolves with the count. */
async function assertRows(page, selector, least, what) {
  const count = await rows(page, selector).count();
  assert.ok(count >= least, `${what}: ${count} rows in ${selector}, expected at least ${least}`);
  return count;
}

/**
 * Follows "Money alerts" and resolves with the number of alerts shown (GOV.UK summary cards),
 * failing when there are none. The page is long (each alert shows its spending), so the checks
 * of it take no screenshot: axe alone takes seconds.
 */
async function alertCards(p, who) {
  await follow(p, 'Money alerts', '#alert-count');
  const cards = await p.page.locator('#alerts .govuk-summary-card').count();
  assert.ok(cards > 0, `the ${who}'s money alerts are empty: ${await text(p.page, '#alert-count')}`);
  return cards;
}

describe('the demo council: every role sees real data', { skip }, () => {
  test('the administrator sees the demo users and the published budget model', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('administrator');
    await follow(p, 'Users', '#users-section:not([hidden])');
    const emails = await p.page.locator('#users-body tr').allInnerTexts();
    for (const { email } of Object.values(SIGN_INS)) {
      assert.ok(emails.some((row) => row.includes(email)), `${email} in the users table`);
    }
    await check(p, 'the administrator’s users', 'administrator-users');
    await follow(p, 'Budget models', '#models-section:not([hidden])');
    assert.equal(await p.page.locator('#no-models').isVisible(), false, 'the "no models" words are hidden');
    assert.match(await text(p.page, '#models-list'), /points/i, 'the points-and-price model is listed');
    await check(p, 'the administrator’s budget models', 'administrator-ras-models');
    await signOut(p);
  });

  test('the social worker sees the North team’s caseload at several stages, a person with a budget, and reviews', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('socialWorker');
    await follow(p, 'Your caseload', '#caseload, #caseload-empty');
    await assertRows(p.page, '#caseload', 10, 'the caseload');
    const stages = new Set(await p.page.locator('#caseload tbody tr td:last-child').allInnerTexts());
    assert.ok(stages.size >= 3, `people at several stages on the caseload: ${[...stages].join(', ')}`);
    await check(p, 'the social worker’s caseload', 'social-worker-caseload');

    // A person with a budget in place: their record names their plan and budget.
    await click(p, p.page.locator('#caseload tbody tr').filter({ hasText: 'Personal budget in place' }).first().getByRole('link'), '#case-tasks');
    await check(p, 'a person with a budget on the social worker’s caseload', 'social-worker-person');

    await follow(p, 'Reviews', '#overdue, #due');
    const reviews = (await rows(p.page, '#overdue-table').count()) + (await rows(p.page, '#due-table').count());
    assert.ok(reviews > 0, `the social worker has reviews to do: ${await text(p.page, '#queues')}`);
    await check(p, 'the social worker’s reviews', 'social-worker-reviews');
    await signOut(p);
  });

  test('the approver sees plans waiting for sign-off and opens one', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('approver');
    await follow(p, 'Plans to sign off', '#sign-off-queue, #queue-empty');
    await assertRows(p.page, '#sign-off-queue', 1, 'the sign-off queue');
    const names = await p.page.locator('#sign-off-queue tbody tr td:first-child').allInnerTexts();
    assert.ok(names.every((n) => !n.includes('Name not available')), `every plan names its person: ${names.join('; ')}`);
    await check(p, 'the approver’s sign-off queue', 'approver-sign-off');

    await click(p, p.page.locator('#sign-off-queue tbody tr').first().getByRole('link'), '#decision-form');
    assert.notEqual(await text(p.page, '#person-caption'), '', 'the decision page names the person');
    assert.match(await text(p.page, '#plan-summary'), /£\d/, 'the plan has a cost in pounds');
    await check(p, 'a plan waiting for the approver’s decision', 'approver-decision');
    await signOut(p);
  });

  test('the finance officer sees three years of payment runs, the year’s money and alerts', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('finance');
    await follow(p, 'Payment runs', '#past-runs:not([hidden])');
    // A run every four weeks for three years.
    await assertRows(p.page, '#runs-table', 30, 'the past payment runs');
    assert.match(await text(p.page, '#runs-table tbody tr:first-child'), /Released/);
    await check(p, 'the finance officer’s payment runs', 'finance-payment-runs');

    // The newest run's payments, 50 to a page, largest first; the next page by its link.
    await click(p, p.page.locator('#runs-table tbody tr:first-child a'), '#payments-table');
    assert.match(await text(p.page, '#payments-count'), /^Showing 1 to 50 of [\d,]+ payments$/);
    assert.equal(await rows(p.page, '#payments-table').count(), 50);
    const pounds = (cell) => Number(cell.replace(/[£,]/g, ''));
    const amounts = (await p.page.locator('#payments-table tbody tr td:nth-child(5)').allInnerTexts()).map(pounds);
    assert.deepEqual(amounts, [...amounts].sort((a, b) => b - a), 'the largest payment first');
    await check(p, 'a payment run’s payments', 'finance-payment-run');
    await click(p, p.page.locator('#pagination-next'), '#payments-table');
    assert.match(await text(p.page, '#payments-count'), /^Showing 51 to \d+ of [\d,]+ payments$/);
    assert.equal(new URL(p.page.url()).searchParams.get('page'), '2');
    assert.ok(pounds(await text(p.page, '#payments-table tbody tr:first-child td:nth-child(5)')) <= amounts[49], 'page 2 follows on from page 1');
    await check(p, 'the second page of a payment run’s payments');

    await follow(p, 'Finance overview', '#overview-content #mechanism-table');
    await assertRows(p.page, '#mechanism-table', 2, 'the overview by how budgets are paid');
    await assertRows(p.page, '#category-table', 1, 'where direct payments were spent');
    await assertRows(p.page, '#contributions-table', 1, 'contributions owed');
    await check(p, 'the finance officer’s finance overview', 'finance-overview');

    await alertCards(p, 'finance officer');
    await check(p, 'the finance officer’s money alerts');
    await signOut(p);
  });

  test('the finance officer sees provider invoices, a handful held with their reasons, by keyboard', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('finance');
    const { page } = p;
    // The header's link, followed with the keyboard.
    await page.locator('#navigation').getByRole('link', { name: 'Provider invoices', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/invoices');
    await settle(page, '#invoices:not([hidden])');
    assert.equal(await page.locator('#no-held').count(), 0, 'the held invoices are not empty');
    const held = page.locator('#held .govuk-summary-card');
    const count = await held.count();
    assert.ok(count >= 1 && count <= 8, `a handful of held invoices: ${count}`);
    for (let i = 0; i < count; i++) {
      const reasons = await held.nth(i).locator('[id^="reasons-"] li').allInnerTexts();
      assert.ok(reasons.length > 0 && reasons.every((r) => r.length > 20), `held invoice ${i + 1} says why: ${reasons.join(' | ')}`);
    }
    await assertRows(page, '#recent-table', 10, 'the recent invoices, matched and decided');
    assert.match(await text(page, '#recent-table'), /Matched/);
    await check(p, 'the finance officer’s provider invoices', 'finance-invoices');
    // The first held invoice's reason box, then its approve button, with the keyboard.
    const first = held.first();
    await first.locator('textarea').focus();
    await page.keyboard.type('Checked with the provider');
    await page.keyboard.press('Tab');
    assert.match(await focusedId(page), /^approve-/);
    await signOut(p);
  });

  test('the commissioner sees the providers, Millbrook Day Centre among them, and the demand for support', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('commissioner');
    await follow(p, 'Providers', '#register:not([hidden])');
    await assertRows(p.page, '#providers-table', 10, 'the provider register');
    assert.match(await text(p.page, '#providers-table'), /Millbrook Day Centre/);
    await check(p, 'the commissioner’s providers', 'commissioner-providers');

    // At 300 people the day centre's decline is too small to be listed as a service people are
    // leaving (make run's 5,000 people show it); the demand, unmet and concentration are not.
    await follow(p, 'Market shaping', '#demand-table, #demand-none');
    await assertRows(p.page, '#demand-table', 3, 'the people using each kind of support');
    await assertRows(p.page, '#unmet-table', 1, 'support still to be chosen');
    await assertRows(p.page, '#concentration-table', 1, 'how concentrated each market is');
    await check(p, 'the commissioner’s market shaping', 'commissioner-market-shaping');
    await signOut(p);
  });

  test('the safeguarding lead sees concerns and the money monitoring’s safeguarding signals', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('safeguarding');
    await alertCards(p, 'safeguarding lead');
    assert.ok((await p.page.locator('#alerts .govuk-summary-card .govuk-tag--orange', { hasText: 'Safeguarding' }).count()) > 0,
      'the money monitoring’s safeguarding signals are among the lead’s alerts');
    await check(p, 'the safeguarding lead’s money alerts');

    await follow(p, 'Safeguarding', '#concern-queue, #queue-empty');
    assert.equal(await p.page.locator('#queue-empty').isVisible(), false,
      `the safeguarding lead's concerns page shows its empty state: "${await text(p.page, '#queue-empty')}"`);
    await assertRows(p.page, '#concern-queue', 1, 'the open concerns');
    await check(p, 'the safeguarding lead’s concerns', 'safeguarding-concerns');
    await signOut(p);
  });

  test('the analyst sees the example policy scenarios', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('analyst');
    await follow(p, 'Policy scenarios', '#scenario-form:not([hidden])');
    assert.ok((await p.page.locator('#examples .govuk-radios__item').count()) > 0, 'example scenarios to choose from');
    await check(p, 'the analyst’s policy scenarios', 'analyst-scenarios');
    await signOut(p);
  });

  test('the auditor sees the audit log of the demo council', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('auditor');
    await follow(p, 'Audit log', '#audit-section:not([hidden])');
    await assertRows(p.page, '#audit-table', 10, 'the audit log');
    await check(p, 'the auditor’s audit log', 'auditor-audit');
    await signOut(p);
  });

  test('the budget holder sees their plan and budget, and money in and out', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('budgetHolder');
    assert.equal(await text(p.page, '#account-name'), printed.holder);
    await follow(p, 'Your record', '#record-section:not([hidden]) #budget-content > *');
    assert.equal(await p.page.locator('#no-budget-heading').count(), 0, 'the budget holder has a budget');
    await p.page.locator('#my-money-link').waitFor();
    await check(p, 'the budget holder’s record', 'budget-holder-record');

    await click(p, p.page.locator('#my-money-link'), '#money-content #balance');
    await checkMoney(p, printed.holder, 'the budget holder');
    await check(p, 'the budget holder’s money', 'budget-holder-money');
    await signOut(p);
  });

  test('the representative sees the person they help, their plan and budget, and their money', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await signIn('representative');
    await follow(p, 'People you help', '#people-table, #people-empty');
    await assertRows(p.page, '#people-table', 1, 'the people the representative helps');
    await check(p, 'the people the representative helps', 'representative-people');

    await click(p, p.page.locator('#people-table').getByRole('link', { name: printed.represented }), '#my-money-link');
    assert.equal(await p.page.locator('#no-budget-heading').count(), 0, 'the person they help has a budget');
    await check(p, 'the plan and budget of the person the representative helps', 'representative-budget');

    await click(p, p.page.locator('#my-money-link'), '#money-content #balance');
    await checkMoney(p, printed.represented, 'the representative');
    await check(p, 'the money of the person the representative helps', 'representative-money');
    await signOut(p);
  });
});

/**
 * On /my-money: the person's name, a balance, money both in and out since the chart's first day
 * (the balance card), and lines of money out, with money in among them on this page or an older
 * one (a page is 20 lines, and a card statement can fill one with spending).
 */
async function checkMoney(p, name, who) {
  const { page } = p;
  assert.equal(await text(page, '#person-caption'), name, `whose money ${who} sees`);
  assert.match(await text(page, '#balance'), /^£[\d,]+\.\d\d$/);
  const card = await text(page, '#balance-card');
  const totals = /Since .+?: £([\d,.]+) came in and £([\d,.]+) went out/.exec(card);
  assert.ok(totals, `the money in and out in the balance card for ${who}: ${card}`);
  assert.ok(Number(totals[1].replaceAll(',', '')) > 0 && Number(totals[2].replaceAll(',', '')) > 0, `money came in and went out for ${who}: ${card}`);
  await assertRows(page, '#lines', 5, `money in and out for ${who}`);
  const cells = (column) => page.locator(`#lines tbody tr td:nth-child(${column})`).allInnerTexts();
  const moneyOut = await cells(4);
  assert.ok(moneyOut.some((c) => /£\d/.test(c)), `money out for ${who}: ${moneyOut.join(' | ')}`);
  let moneyIn = await cells(3);
  for (let older = 0; !moneyIn.some((c) => /£\d/.test(c)) && older < 5; older++) {
    const next = page.locator('#lines-pagination a[rel="next"]');
    assert.ok((await next.count()) > 0, `no money in on any page of the lines for ${who}`);
    await click(p, next, '#lines');
    moneyIn = await cells(3);
  }
  assert.ok(moneyIn.some((c) => /£\d/.test(c)), `money in for ${who}: ${moneyIn.join(' | ')}`);
}
