// Browser tests of payment runs (/finance/payment-runs, /finance/payment-run) and where a
// person's money is paid (/finance/payment-details), with two finance officers. Maya Okafor's
// plan is signed off through the API: a direct payment of £180.00 a week and a managed budget of
// £200.00 a week, so her budget is in payment from today, four-weekly in advance.
//
// Officer A previews today's payments (the date input starts at today): both are held, for want
// of payment details; A follows the held direct payment's link, adds her bank account, comes
// back to the preview (the direct payment no longer held) and starts the run. The council's
// approval threshold is set below the run's total, so the run waits for a second approval; A
// cannot approve a run A started (the server's words in the error summary). Officer B, who had
// the same preview open, cannot start a second run for the date (the error summary again).
// Before approving, B looks through the run's payments (and downloads them as a spreadsheet):
// largest first, then by kind, by name (nothing matches; the filters cleared) and a name too
// long (an error by the box). B rejects
// with no reason (an error by the box), then approves and releases it (the button is disabled
// and the page says it is posting meanwhile), downloads the payment file and the test reads its
// rows. Previewing the date again says it was already run, and the API refuses to run it again.
// A run for the next period, four weeks on, is rejected with a reason, and that date can then be
// started again. A stay in hospital makes the next run list an overpayment, which B recovers
// on its own page with a reason (none: an error), and the run's table says it is done. The main path is done with the keyboard alone; axe checks
// every page state, and no console error is allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council and its staff with the
// command line, publishes models/points-price.yaml, and starts `selfdirect serve` (with
// --allow-administrators-without-totp, so the administrator can add the adult social care scheme,
// set the approver's limit and the approval threshold (PUT /api/finance-settings) through the API).
//
// Screenshots go to web/test-output/screenshots/payment-runs-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { callApi, checkPageState, errorSummaryItems, focusedId, navigationLinks, POINTS_PRICE_MODEL, skipWithoutBin, tableRows, tabTo, tabToLink, text, useServerAndBrowser } from './support.mjs';
import { recordPersonToIndicativeBudget, setApprovalLimit } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add users and publish a model with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
const FINANCE_A = { email: 'fin@example.org', name: 'Fin Adeyemi', role: 'finance-officer' };
const FINANCE_B = { email: 'fay@example.org', name: 'Fay Brennan', role: 'finance-officer' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const links = {};
let personId;
let runId;

const env = useServerAndBrowser('payment-runs', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ASSESSOR, APPROVER, ADMIN, FINANCE_A, FINANCE_B]) links[user.email] = await env.addUser(user);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

function signIn(name, user) {
  return env.signIn(name, user, { link: links[user.email], password: PASSWORD });
}

/** Checks the page state (support.mjs), and that no two elements share an id. */
async function checkPage(p, name, { apiErrors = [], file } = {}) {
  const duplicates = await p.page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  assert.deepEqual(duplicates, [], `ids used twice on ${name}`);
  return checkPageState(p, name, { apiErrors, file: file && `payment-runs-${file}` });
}

/** Replaces what is in the focused box with `value`, by keyboard. */
async function retype(page, value) {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
}

/** Types `name` into the run's payments filter by keyboard (replacing what is there) and shows the payments. */
async function filterPaymentsByName(page, name) {
  await tabTo(page, 'payments-name');
  await retype(page, name);
  await tabTo(page, 'show-payments');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('name') === name);
}

/** The server's today (UTC) and a day `days` later. */
function utcDate(days = 0) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
}
function iso(d) {
  return d.toISOString().slice(0, 10);
}
function inWords(d) {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A summary list's rows as [key, value] pairs. */
function summaryRows(page, selector) {
  return page.locator(`${selector} .govuk-summary-list__row`).evaluateAll((rows) => rows.map((row) => [
    row.querySelector('dt').textContent.replace(/\s+/g, ' ').trim(),
    row.querySelector('dd').textContent.replace(/\s+/g, ' ').trim(),
  ]));
}

/** Reads a CSV with quoted fields ("" for a quote inside one) into rows of fields. */
function parseCsv(textContent) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < textContent.length; i++) {
    const c = textContent[i];
    if (quoted) {
      if (c === '"' && textContent[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && textContent[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

const today = utcDate();

describe('payment runs', { skip }, () => {
  test('set up: a scheme, an approval threshold of £500.00, and Maya Okafor’s plan signed off with a direct payment and a managed budget', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn('admin', ADMIN);
    const session = (await callApi(admin.page, 'GET', '/api/session')).body;
    const scheme = await callApi(admin.page, 'POST', `/api/councils/${session.user.council_id}/schemes`, { name: 'Adult social care', kind: 'adult-social-care' });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.body));
    await setApprovalLimit(admin.page, APPROVER.email, '30000');
    const threshold = await callApi(admin.page, 'PUT', '/api/finance-settings', { approval_threshold_pence: 50000 });
    assert.equal(threshold.status, 200, JSON.stringify(threshold.body));
    await admin.context.close();

    const assessor = await signIn('assessor', ASSESSOR);
    const { page } = assessor;
    personId = await recordPersonToIndicativeBudget(page, env.council.code);
    const plan = await callApi(page, 'POST', `/api/people/${personId}/plans`, {
      outcomes: [{ id: 'o1', words: 'I want to get up and dressed before 9 so I can go to the day centre' }],
      items: [
        { what: 'A personal assistant in the mornings', supplier: 'personal_assistant', supplier_name: 'Ife Okafor', unit: 'hour', unit_price: '15', quantity: '12', frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment' },
        { what: 'Help to get up and dressed', supplier: 'provider', supplier_name: 'Westminster Home Care', unit: 'hour', unit_price: '20', quantity: '10', frequency: 'per_week', outcomes: ['o1'], route: 'managed_budget' },
      ],
      written_with: ['person', 'social_worker'],
      risks: [{ risk: 'Falls when getting up at night', how_managed: 'A pendant alarm' }],
      emergency: 'Call her daughter Ife on 07700 900123',
    });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    const submitted = await callApi(page, 'POST', `/api/plans/${plan.body.id}/submit`, { revision: plan.body.revision });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    await assessor.context.close();

    const approver = await signIn('approver', APPROVER);
    const decided = await callApi(approver.page, 'POST', `/api/plans/${plan.body.id}/decision`, {
      decision: 'approve', revision: submitted.body.revision, variance_category: 'persons_choice', variance_words: 'She chose her own assistant.',
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    await approver.context.close();
  });

  test('officer A reaches payment runs from the header and previews today by keyboard: both payments are held, with no runs yet', { timeout: STEP_TIMEOUT_MS }, async () => {
    const a = await signIn('a', FINANCE_A);
    const { page } = a;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Payment runs', 'Statements', 'Provider invoices', 'Surplus proposals', 'Pooled budgets', 'Finance overview', 'Money alerts']);
    assert.match(await text(page, '#account-pages'), /^Payment runs – see what is due to be paid/);
    await tabToLink(page, 'Payment runs');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/payment-runs');
    await page.locator('#preview-form').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Payment runs');
    assert.equal(await text(page, '#no-runs'), 'No payment runs have been started yet.');
    // The date starts at today, as the browser counts it.
    const browserToday = await page.evaluate(() => { const d = new Date(); return [d.getDate(), d.getMonth() + 1, d.getFullYear()].map(String); });
    assert.deepEqual([await page.locator('#date-day').inputValue(), await page.locator('#date-month').inputValue(), await page.locator('#date-year').inputValue()], browserToday);
    await checkPage(a, 'the payment runs page', { file: 'start' });

    // A date that is not a date: the error summary links to the day box.
    await tabTo(page, 'date-day');
    await retype(page, '31');
    await page.keyboard.press('Tab');
    await retype(page, '2');
    await tabTo(page, 'preview-button');
    await page.keyboard.press('Enter');
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'The payment date must be a real date', href: '#date-day' }]);
    assert.match(await page.title(), /^Error: /);
    await checkPage(a, 'the payment runs page with a wrong date', { file: 'date-error' });

    // The server's today, typed in.
    await page.locator('.govuk-error-summary a').press('Enter');
    assert.equal(await focusedId(page), 'date-day');
    await retype(page, String(today.getUTCDate()));
    await page.keyboard.press('Tab');
    await retype(page, String(today.getUTCMonth() + 1));
    await page.keyboard.press('Tab');
    await retype(page, String(today.getUTCFullYear()));
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'preview-button');
    await page.keyboard.press('Enter');
    await page.locator('#preview-summary').waitFor();
    assert.equal(await focusedId(page), 'preview-heading');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.equal(new URL(page.url()).searchParams.get('date'), iso(today));
    assert.equal(await text(page, '#preview-heading'), `What would be paid on ${inWords(today)}`);
    const rows = await summaryRows(page, '#preview-summary');
    assert.deepEqual(rows.find(([key]) => key === 'Total to be paid'), ['Total to be paid', '£0.00 in 0 payments']);
    assert.deepEqual(rows.find(([key]) => key === 'Payments held'), ['Payments held', '2 payments, £1,520.00']);
    const held = await tableRows(page, '#held-table');
    assert.equal(held.length, 2);
    for (const row of held) assert.equal(row[0], 'Maya Okafor');
    assert.deepEqual(held.map((row) => row[3]).sort(), ['£720.00', '£800.00']);
    // Each says which days it would have paid for ("3 to 30 November 2026").
    for (const row of held) assert.match(row[2], /^\d{1,2} (\w+ )?(\d{4} )?to \d{1,2} \w+ \d{4}$/);
    assert.equal(await page.locator('#held-table a', { hasText: 'Maya Okafor' }).first().getAttribute('href'), `/person/budget?person=${personId}`);
    await checkPage(a, 'the preview with both payments held', { file: 'preview-held' });
    assert.equal(await page.locator('#far-ahead').count(), 0);

    // A year typed wrongly: the preview warns before anyone starts a run that would pay years ahead.
    const far = new Date(Date.UTC(today.getUTCFullYear() + 9, 0, 1));
    await page.goto(`/finance/payment-runs?date=${iso(far)}`);
    await page.locator('#preview-summary').waitFor();
    assert.equal(await text(page, '#far-ahead .govuk-warning-text__text'), `Warning This run is for ${inWords(far)}, more than a month from today: it would pay every budget up to that date. Check the year before you start it.`);
    await checkPage(a, 'the preview of a run years ahead', { file: 'preview-far-ahead' });
    await page.goto(`/finance/payment-runs?date=${iso(today)}`);
    await page.locator('#held-table').waitFor();
  });

  test('officer A adds Maya’s bank account from the held payment’s link, by keyboard, and comes back to the preview', { timeout: STEP_TIMEOUT_MS }, async () => {
    const a = env.as('a');
    const { page } = a;
    const held = await tableRows(page, '#held-table');
    const direct = held.findIndex((row) => row[3] === '£720.00');
    assert.match(held[direct][1], /No bank account or prepaid card for the direct payment/);
    const link = page.locator('#held-table tbody tr').nth(direct).locator('a', { hasText: 'Payment details' });
    assert.equal(await link.getAttribute('href'), `/finance/payment-details?person=${personId}&route=direct_payment&return=${encodeURIComponent(`/finance/payment-runs?date=${iso(today)}`)}`);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/payment-details');
    await page.locator('#details-form').waitFor({ state: 'visible' });
    assert.equal(await text(page, '#person-caption'), 'Maya Okafor');
    assert.equal(await text(page, '#no-details'), 'No payment details are saved yet, so their payments are held.');
    assert.equal(await page.locator('#route').isChecked(), true, 'the direct payment is chosen');
    await checkPage(a, 'the payment details form', { file: 'details' });

    // Nothing chosen about how it is paid: the page says so before asking the server.
    await tabTo(page, 'save-details');
    await page.keyboard.press('Enter');
    assert.deepEqual((await errorSummaryItems(page)).map((i) => i.href), ['#payee-name', '#method']);
    await checkPage(a, 'the payment details form with errors', { file: 'details-errors' });

    // A bank account with a sort code too short: the server names the field.
    await page.locator('.govuk-error-summary a[href="#payee-name"]').press('Enter');
    assert.equal(await focusedId(page), 'payee-name');
    await page.keyboard.type('Maya Okafor');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'method');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'sort-code');
    await page.keyboard.type('12-34');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'account-number');
    await page.keyboard.type('12345678');
    await tabTo(page, 'save-details');
    await page.keyboard.press('Enter');
    await page.locator('#sort-code-error').waitFor();
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Enter a valid sort code like 309430', href: '#sort-code' }]);
    await checkPage(a, 'the payment details with a wrong sort code', { apiErrors: [`422 PUT /api/people/${personId}/payment-details`], file: 'details-sort-code' });

    await page.locator('.govuk-error-summary a').press('Enter');
    await retype(page, '12-34-56');
    await tabTo(page, 'save-details');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/payment-runs');
    await page.locator('#preview-summary').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'Payment details saved');
    assert.match(await text(page, '.govuk-notification-banner--success'), /Maya Okafor’s direct payment is now paid to Maya Okafor, account ending 5678\./);
    // Only the managed budget is held now.
    const rows = await summaryRows(page, '#preview-summary');
    assert.deepEqual(rows.find(([key]) => key === 'Direct payments'), ['Direct payments', '1 payment, £720.00']);
    assert.deepEqual(rows.find(([key]) => key === 'Total to be paid'), ['Total to be paid', '£720.00 in 1 payment']);
    assert.match(rows.find(([key]) => key === 'Needs a second approval')[1], /^Yes: the total is more than £500\.00/);
    assert.deepEqual((await tableRows(page, '#held-table')).map((row) => row[3]), ['£800.00']);
    await checkPage(a, 'the preview after adding the bank account', { file: 'preview' });
  });

  test('officer B has the same preview open; A starts the run by keyboard; B’s start is refused; A cannot approve it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const b = await signIn('b', FINANCE_B);
    await b.page.goto(`/finance/payment-runs?date=${iso(today)}`);
    await b.page.locator('#start-run').waitFor();

    const a = env.as('a');
    const { page } = a;
    assert.match(await text(page, '#second-approval-note'), /another finance officer must approve this run/);
    // The button names the date it runs; changing the date takes the preview away.
    assert.equal(await text(b.page, '#start-run'), `Start payment run for ${inWords(today)}`);
    const day = b.page.locator('#date-day');
    const shown = await day.inputValue();
    await day.fill(String((Number(shown) % 28) + 1));
    assert.equal(await b.page.locator('#start-run').count(), 0);
    await day.fill(shown);
    await b.page.locator('#preview-button').click();
    await b.page.locator('#start-run').waitFor();
    await tabTo(page, 'start-run');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/payment-run');
    runId = new URL(page.url()).searchParams.get('id');
    await page.locator('#approve-run').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'Payment run started');
    assert.equal(await text(page, 'h1'), `Payment run for ${inWords(today)}`);
    const rows = await summaryRows(page, '#run-details');
    assert.deepEqual(rows[0], ['Status', 'Waiting for a second approval']);
    assert.deepEqual(rows.find(([key]) => key === 'Started by')?.[1].split(',')[0], FINANCE_A.name);
    await checkPage(a, 'the run waiting for approval', { file: 'awaiting' });

    await tabTo(page, 'approve-run');
    await page.keyboard.press('Enter');
    const refused = await errorSummaryItems(page);
    assert.equal(refused.length, 1);
    assert.match(refused[0].text, /^A second finance officer must approve a run you started/);
    await checkPage(a, 'the starter refused approval', { apiErrors: [`409 POST /api/payment-runs/${runId}/approve`], file: 'approve-refused' });

    // B's preview was drawn before the run started: starting from it is refused, in words.
    await b.page.locator('#start-run').click();
    const items = await errorSummaryItems(b.page);
    assert.equal(items.length, 1);
    assert.match(items[0].text, new RegExp(`^There is already a run for ${inWords(today)} \\(Waiting for a second approval\\)`));
    assert.equal(items[0].href, '#date-day');
    await checkPage(b, 'a second run for the date refused', { apiErrors: ['409 POST /api/payment-runs'], file: 'start-refused' });
  });

  test('before approving, officer B looks through the run’s payments by keyboard: largest first, by kind, by name, and a name too long', { timeout: STEP_TIMEOUT_MS }, async () => {
    const b = env.as('b');
    const { page } = b;
    await page.goto(`/finance/payment-run?id=${runId}`);
    await page.locator('#payments-table').waitFor();
    assert.equal(await text(page, '#run-payments h2'), 'Payments in this run');
    assert.equal(await text(page, '#payments-count'), 'Showing 1 to 2 of 2 payments');
    // Largest first: the managed budget (held: no organisation to pay) before the direct payment.
    const rows = await tableRows(page, '#payments-table');
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[3], r[4]]), [
      ['Maya Okafor', 'Managed budget', 'The organisation holding their budget', '£800.00'],
      ['Maya Okafor', 'Direct payment', 'Their direct payment account', '£720.00'],
    ]);
    assert.match(rows[0][5], /^Held /);
    assert.equal(rows[1][5], 'To be paid');
    assert.equal(await page.locator('#payments-table a', { hasText: 'Maya Okafor' }).first().getAttribute('href'), `/person/budget?person=${personId}`);
    assert.equal(await page.locator('#pagination').count(), 0);
    await checkPage(b, 'the run’s payments', { file: 'payments' });

    // Every payment as a spreadsheet, in the run's order: the direct payment came first.
    const csvLink = page.locator('#payments-csv');
    assert.equal(await csvLink.getAttribute('href'), `/api/payment-runs/${runId}/payments.csv`);
    const csv = await b.context.request.get(await csvLink.getAttribute('href'));
    assert.equal(csv.status(), 200);
    assert.equal(csv.headers()['content-disposition'], `attachment; filename="payment-run-${iso(today)}-payments.csv"`);
    const csvRows = parseCsv(await csv.text());
    assert.deepEqual(csvRows[0], ['Person', 'Person id', 'Kind', 'Paid to', 'From', 'To', 'Amount', 'Status', 'Why it is held']);
    assert.deepEqual(csvRows.slice(1).map((r) => [r[0], r[1], r[2], r[6], r[7]]), [
      ['Maya Okafor', personId, 'Direct payment', '720.00', 'To be paid'],
      ['Maya Okafor', personId, 'Managed budget', '800.00', 'Held'],
    ]);

    // Direct payments only, in the order of the run.
    await tabTo(page, 'payments-kind');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#payments-kind').inputValue(), 'direct_payment');
    await tabTo(page, 'show-payments');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('kind') === 'direct_payment');
    await page.locator('#payments-table').waitFor();
    assert.equal(new URL(page.url()).hash, '#run-payments');
    assert.equal(await text(page, '#payments-count'), 'Showing 1 payment for the name and kind chosen');
    assert.deepEqual((await tableRows(page, '#payments-table')).map((r) => r[4]), ['£720.00']);
    assert.equal(await page.locator('#payments-kind').inputValue(), 'direct_payment');

    // A name nobody has: nothing matches, and the filters can be cleared.
    await filterPaymentsByName(page, 'Nobody');
    await page.locator('#payments-count').waitFor();
    assert.equal(await text(page, '#payments-count'), 'No payments match for the name and kind chosen');
    assert.equal(await page.locator('#payments-table').count(), 0);
    await checkPage(b, 'no payments match', { file: 'payments-none' });
    await tabToLink(page, 'Clear the name and kind');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.searchParams.has('name') && !url.searchParams.has('kind'));
    await page.locator('#payments-table').waitFor();
    assert.equal(await text(page, '#payments-count'), 'Showing 1 to 2 of 2 payments');

    // Part of her name, any case.
    await filterPaymentsByName(page, 'okaf');
    await page.locator('#payments-table').waitFor();
    assert.equal((await tableRows(page, '#payments-table')).length, 2);

    // A name longer than the list searches: an error by the box, and no list.
    await filterPaymentsByName(page, 'x'.repeat(101));
    await page.locator('.govuk-error-summary').waitFor();
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Enter 100 characters or fewer of the name', href: '#payments-name' }]);
    assert.equal(await page.locator('#payments-name-error').count(), 1);
    assert.equal(await page.locator('#payments-table').count(), 0);
    await checkPage(b, 'a name too long', { file: 'payments-name-error' });
  });

  test('officer B finds the run in the list, rejects with no reason (an error), then approves and releases it by keyboard', { timeout: STEP_TIMEOUT_MS }, async () => {
    const b = env.as('b');
    const { page } = b;
    await page.goto('/finance/payment-runs');
    await page.locator('#runs-table').waitFor();
    const runs = await tableRows(page, '#runs-table');
    assert.deepEqual(runs, [[`${inWords(today)}: see the run`, 'Waiting for a second approval', '£720.00', FINANCE_A.name]]);
    await checkPage(b, 'the list of runs', { file: 'list' });
    await tabToLink(page, inWords(today));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/payment-run');
    await page.locator('#reject-run').waitFor();

    await tabTo(page, 'reject-run');
    await page.keyboard.press('Enter');
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Enter why you are rejecting the run', href: '#reason' }]);
    assert.equal(await page.locator('#reason-error').count(), 1);
    await checkPage(b, 'a rejection with no reason', { file: 'reject-error' });

    await tabTo(page, 'approve-run', { backwards: true });
    await page.keyboard.press('Enter');
    await page.locator('#release-run').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'Payment run approved');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.deepEqual((await summaryRows(page, '#run-details'))[0], ['Status', 'Ready to release']);
    await checkPage(b, 'the run ready to release', { file: 'ready' });

    // Watch the button and the progress line while it releases.
    await page.evaluate(() => {
      const seen = [];
      window.appSeen = seen;
      const button = document.getElementById('release-run');
      const progress = document.getElementById('release-progress');
      new MutationObserver(() => seen.push({ disabled: button.disabled, progress: progress.textContent })).observe(progress, { childList: true, characterData: true, subtree: true });
    });
    await tabTo(page, 'release-run');
    await page.keyboard.press('Enter');
    await page.locator('#download-file').waitFor();
    const seen = await page.evaluate(() => window.appSeen);
    assert.ok(seen.length > 0 && seen[0].disabled && seen[0].progress.startsWith('Posting payments…'), JSON.stringify(seen));
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'Payments released');
    assert.match(await text(page, '.govuk-notification-banner--success'), /1 payment, £720\.00, posted to the ledger/);
    const rows = await summaryRows(page, '#run-details');
    assert.deepEqual(rows[0], ['Status', 'Released']);
    assert.deepEqual(rows.find(([key]) => key === 'Approved by')?.[1].split(',')[0], FINANCE_B.name);
    assert.deepEqual(rows.find(([key]) => key === 'Released by')?.[1].split(',')[0], FINANCE_B.name);
    await checkPage(b, 'the run released', { file: 'released' });
  });

  test('the payment file: one row, the direct payment to Maya’s bank account', { timeout: STEP_TIMEOUT_MS }, async () => {
    const b = env.as('b');
    const { page } = b;
    const link = page.locator('#download-file');
    assert.equal(await link.getAttribute('href'), `/api/payment-runs/${runId}/file`);
    await link.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), `payments-${iso(today)}.csv`);
    const rows = parseCsv(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(rows[0], ['payee_name', 'sort_code', 'account_number', 'card_reference', 'amount', 'reference', 'person_id', 'kind', 'covers_from', 'covers_to']);
    assert.equal(rows.length, 2, JSON.stringify(rows));
    const [payee, sortCode, account, card, amount, reference, person, kind, from, to] = rows[1];
    assert.deepEqual({ payee, sortCode, account, card, amount, person, kind, from, to }, {
      payee: 'Maya Okafor', sortCode: '123456', account: '12345678', card: '', amount: '720.00', person: personId,
      kind: 'direct_payment', from: iso(today), to: iso(utcDate(27)),
    });
    assert.match(reference, /^SD /);
    assert.ok(reference.length <= 18, reference);
    await checkPage(b, 'the run after the download');
  });

  test('the same date again: the preview says it was already run, and the API refuses to run it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const a = env.as('a');
    const { page } = a;
    await page.goto(`/finance/payment-runs?date=${iso(today)}`);
    await page.locator('#preview-summary').waitFor();
    assert.match(await text(page, '#already-run'), new RegExp(`Payments for ${inWords(today)} were already run and released\\. Running the date again would pay nothing new\\. See that run\\.`));
    assert.equal(await page.locator('#already-run a').getAttribute('href'), `/finance/payment-run?id=${runId}`);
    assert.equal(await page.locator('#start-run').count(), 0);
    const rows = await summaryRows(page, '#preview-summary');
    assert.deepEqual(rows.find(([key]) => key === 'Total to be paid'), ['Total to be paid', '£0.00 in 0 payments']);
    const runs = await tableRows(page, '#runs-table');
    assert.deepEqual(runs.map((r) => r.slice(1)), [['Released', '£720.00', FINANCE_A.name]]);
    await checkPage(a, 'the preview of a date already run', { file: 'already-run' });

    const again = await callApi(page, 'POST', '/api/payment-runs', { date: iso(today) });
    assert.equal(again.status, 409);
    assert.match(again.body.detail, new RegExp(`^Payments for ${inWords(today)} were already run and released on ${inWords(today)}`));
    a.watch.apiErrors.length = 0;
  });

  test('the next period, four weeks on: A starts it, B rejects it with a reason; nothing is paid and the date can be run again', { timeout: STEP_TIMEOUT_MS }, async () => {
    const next = utcDate(28);
    const a = env.as('a');
    await a.page.goto(`/finance/payment-runs?date=${iso(next)}`);
    await a.page.locator('#start-run').waitFor();
    assert.deepEqual((await summaryRows(a.page, '#preview-summary')).find(([key]) => key === 'Total to be paid'), ['Total to be paid', '£720.00 in 1 payment']);
    await a.page.locator('#start-run').click();
    await a.page.waitForURL((url) => url.pathname === '/finance/payment-run');
    const nextRun = new URL(a.page.url()).searchParams.get('id');
    await a.page.locator('#approve-run').waitFor();
    a.watch.apiErrors.length = 0;

    const b = env.as('b');
    const { page } = b;
    await page.goto(`/finance/payment-run?id=${nextRun}`);
    await page.locator('#reason').fill('The direct payment should wait until her review next week.');
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.locator('#rejected-note').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'Payment run rejected');
    const rows = await summaryRows(page, '#run-details');
    assert.deepEqual(rows[0], ['Status', 'Rejected']);
    assert.deepEqual(rows.at(-1), ['Why it was rejected', 'The direct payment should wait until her review next week.']);
    assert.equal(await page.locator('#rejected-note a').getAttribute('href'), `/finance/payment-runs?date=${iso(next)}`);
    assert.equal(await page.locator('#approve-run, #release-run, #download-file').count(), 0);
    await checkPage(b, 'the run rejected', { file: 'rejected' });

    // Rejected: the date may be previewed and started again.
    await page.locator('#rejected-note a').click();
    await page.locator('#start-run').waitFor();
    assert.equal(await page.locator('#already-run, #open-run').count(), 0);
    const runs = await tableRows(page, '#runs-table');
    assert.deepEqual(runs.map((r) => r[1]), ['Rejected', 'Released']);
    await checkPage(b, 'the preview of a rejected date', { file: 'rejected-preview' });
  });

  test('a stay in hospital after the first run: the next run lists the overpayment, and B recovers it with a reason by keyboard', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = await signIn('assessor-again', ASSESSOR);
    const stay = await callApi(assessor.page, 'POST', `/api/people/${personId}/payments/suspensions`, {
      from: iso(utcDate(7)), to: iso(utcDate(13)), reason: 'A stay in hospital',
    });
    assert.equal(stay.status, 201, JSON.stringify(stay.body));
    await assessor.context.close();

    // Seven of the 28 days paid in advance are no longer funded: £720.00 × 7 ÷ 28.
    const next = utcDate(28);
    const a = env.as('a');
    // The preview lists it, to be decided once the run is started.
    await a.page.goto(`/finance/payment-runs?date=${iso(next)}`);
    await a.page.locator('#overpaid-list').waitFor();
    assert.equal(await text(a.page, '#overpaid-list-count'), '1 overpayment to decide, £180.00 in all.');
    const listed = await tableRows(a.page, '#overpaid-list');
    assert.deepEqual(listed.map((r) => r.slice(0, 2)), [['Maya Okafor', '£180.00']]);
    assert.match(listed[0][2], /suspended for 7 days/);
    await checkPage(a, 'a preview with an overpayment', { file: 'preview-overpayment' });
    const started = await callApi(a.page, 'POST', '/api/payment-runs', { date: iso(next) });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    assert.equal(started.body.overpaid.length, 1, JSON.stringify(started.body.overpaid));
    assert.equal(started.body.overpaid[0].to_recover_pence, 18000);

    const b = env.as('b');
    const { page } = b;
    await page.goto(`/finance/payment-run?id=${started.body.id}`);
    await page.locator('#overpaid-table').waitFor();
    assert.equal(await text(page, '#overpaid-count'), '1 overpayment to decide, £180.00 in all.');
    assert.deepEqual(await tableRows(page, '#overpaid-table'), [['Maya Okafor', '£180.00', 'To decide', 'Recover it: Recover £180.00 from Maya Okafor']]);
    await checkPage(b, 'a run with an overpayment to recover', { file: 'overpayment' });

    // Its own page, by keyboard: what happened, and a reason.
    await tabToLink(page, 'Recover it');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/overpayment');
    await page.locator('#recover-form').waitFor();
    assert.equal(await text(page, 'h1'), 'Recover £180.00 from Maya Okafor');
    assert.equal(await text(page, '#run-caption'), `Payment run for ${inWords(next)}`);
    assert.match(await text(page, '#overpayment-sentence'), /£180\.00/);
    await checkPage(b, 'the page to recover an overpayment', { file: 'recover' });

    await tabTo(page, 'recover-button');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Say why the money is recovered: it is kept with the recovery', href: '#reason' }]);
    await checkPage(b, 'recovering with no reason', { file: 'recover-no-reason' });

    await tabTo(page, 'reason', { backwards: true });
    await page.keyboard.type('You were in hospital for a week, so the money for those days comes back to the council.');
    await tabTo(page, 'recover-button');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/payment-run');
    await page.locator('#overpaid-table').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'Overpayment recovered');
    assert.match(await text(page, '.govuk-notification-banner__content'), /£180\.00 recovered from Maya Okafor’s direct payment account|£180\.00 recovered from Maya Okafor's direct payment account/);
    assert.deepEqual(await tableRows(page, '#overpaid-table'), [['Maya Okafor', '£180.00', 'Recovered', '']]);
    assert.equal(await text(page, '#overpaid-count'), 'Nothing left to decide. 1 recovered or credited.');
    await checkPage(b, 'the overpayment recovered', { file: 'recovered' });

    // Its page now says it was done, and offers no form.
    await page.goto(`/finance/overpayment?run=${started.body.id}&recovery=${encodeURIComponent(started.body.overpaid[0].recovery_id)}`);
    await page.locator('#already-decided').waitFor();
    assert.equal(await page.locator('#recover-form').count(), 0);
    await checkPage(b, 'an overpayment already recovered');

    const twice = await callApi(page, 'POST', `/api/people/${personId}/overpayment-recoveries`, {
      recovery_id: started.body.overpaid[0].recovery_id, reason: 'Again',
    });
    assert.equal(twice.status, 409);
    b.watch.apiErrors.length = 0;
  });
});
