// Browser test of /finance/overview, the council's personal budgets for a financial year. Set up
// through the API: an adult social care scheme that collects contributions separately (gross),
// Maya Okafor recorded to an indicative budget with a £10.00 weekly contribution, a plan of a
// personal assistant 10 hours a week at £20.00 by direct payment signed off today (£800.00 every
// four weeks), her bank details, and a payment run today released by a finance officer.
//
// The finance officer, by keyboard alone, goes from her account to the overview, sees what has
// been paid and the forecast (no council budget yet), the chart (an image with a title and a
// description) and its figures in a table, and Maya's contribution owed. She tries to set the
// council's budget to a negative amount (the error summary names the field), then sets it and
// sees the forecast compared with it in words and as a line on the chart. She picks last year
// with the year picker. A commissioner sees the same figures without the names of the people who
// owe contributions, and no form. The finance officer then records a payment Maya made towards
// her contribution, by keyboard from the overview's table: more than she owes is refused by the
// server (the summary names the amount box), then £15.00 is recorded, listed, and she owes £25.00;
// entered a second time, the same payment is asked about (did Maya pay twice?), not recorded;
// the overview and her money page agree, and the books, checked from the overview, balance.
// axe-core checks every page state with no console error allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build). The server runs
// with --allow-administrators-without-totp so the administrator can add the scheme.
//
// Screenshots go to web/test-output/screenshots/finance-overview-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { callApi, checkPageState, errorSummaryItems, focusedId, navigationLinks, POINTS_PRICE_MODEL, skipWithoutBin, text, useServerAndBrowser } from './support.mjs';
import { recordPersonToIndicativeBudget, setApprovalLimit } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add users and publish a model with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
const FINANCE = { email: 'fin@example.org', name: 'Fin Finance-Officer', role: 'finance-officer' };
const COMMISSIONER = { email: 'cal@example.org', name: 'Cal Commissioner', role: 'commissioner' };

const links = {};
let personId;

const env = useServerAndBrowser('finance-overview', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ASSESSOR, APPROVER, ADMIN, FINANCE, COMMISSIONER]) links[user.role] = await env.addUser(user);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

function signIn(name, user) {
  return env.signIn(name, user, { link: links[user.role], password: PASSWORD });
}

/** The server's today (UTC) and `days` later. */
function utcDay(days = 0) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
}
function iso(d) {
  return d.toISOString().slice(0, 10);
}

/** The financial year today is in (its starting year), its last day and how many days it has. */
function financialYear() {
  const today = utcDay();
  const start = today.getUTCMonth() >= 3 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  const end = new Date(Date.UTC(start + 1, 2, 31));
  const days = Math.round((end - new Date(Date.UTC(start, 3, 1))) / 86_400_000) + 1;
  return { start, end, days, label: `${start}-${String((start + 1) % 100).padStart(2, '0')}` };
}

/** "£1,234" for whole pounds, "£1,234.56" otherwise, as the server's sentences write amounts. */
function pounds(pence) {
  const whole = Math.trunc(pence / 100).toLocaleString('en-GB');
  const rest = pence % 100;
  return rest === 0 ? `£${whole}` : `£${whole}.${String(rest).padStart(2, '0')}`;
}

/**
 * What the overview should say: £800.00 paid today, and £800.00 for each later period of four
 * weeks that starts by 31 March; committed is £10,400 a year for the days from today to 31 March
 * (rounded up to the penny).
 */
function expected() {
  const fy = financialYear();
  let periods = 0;
  for (let k = 1; utcDay(28 * k) <= fy.end; k++) periods++;
  const days = Math.round((fy.end - utcDay()) / 86_400_000) + 1;
  const committed = Number((1_040_000n * BigInt(days) + BigInt(fy.days) - 1n) / BigInt(fy.days));
  return { fy, paid: 80_000, still: 80_000 * periods, forecast: 80_000 * (1 + periods), committed };
}

async function checkPage(p, name, { apiErrors = [], file } = {}) {
  const duplicates = await p.page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  assert.deepEqual(duplicates, [], `ids used twice on ${name}`);
  return checkPageState(p, name, { apiErrors, file: file && `finance-overview-${file}` });
}

async function tabTo(page, isThere, what, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await isThere(await focusedId(page), page)) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Whether the focused element is a link whose text is `words`. */
async function focusedLinkIs(page, words) {
  return page.evaluate((w) => document.activeElement?.tagName === 'A' && document.activeElement.textContent.trim() === w, words);
}

describe('finance overview', { skip }, () => {
  test('set up: a signed-off plan paying £800.00 every four weeks with a contribution, and a payment run released today', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn('admin', ADMIN);
    const session = (await callApi(admin.page, 'GET', '/api/session')).body;
    const councilId = session.user.council_id;
    const scheme = await callApi(admin.page, 'POST', `/api/councils/${councilId}/schemes`, {
      name: 'Adult social care', kind: 'adult-social-care', settings: { contribution_collection: 'gross' },
    });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.body));
    await setApprovalLimit(admin.page, APPROVER.email, '30000');
    await admin.context.close();

    const assessor = await signIn('assessor', ASSESSOR);
    personId = await recordPersonToIndicativeBudget(assessor.page, env.council.code);
    const finance = await signIn('finance-setup', FINANCE);
    const contribution = await callApi(finance.page, 'POST', `/api/people/${personId}/contribution`, {
      weekly: '10.00', basis: 'financial_assessment',
    });
    assert.equal(contribution.status, 201, JSON.stringify(contribution.body));
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

    const details = await callApi(finance.page, 'PUT', `/api/people/${personId}/payment-details`, {
      route: 'direct_payment', payee_name: 'Maya Okafor', sort_code: '30-94-30', account_number: '00733445',
    });
    assert.equal(details.status, 200, JSON.stringify(details.body));
    const run = await callApi(finance.page, 'POST', '/api/payment-runs', { date: iso(utcDay()) });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    assert.equal(run.body.total_pence, 80000);
    const released = await callApi(finance.page, 'POST', `/api/payment-runs/${run.body.id}/release`, {});
    assert.equal(released.status, 200, JSON.stringify(released.body));
    await finance.context.close();
  });

  test('a finance officer finds the overview by keyboard and sees what is paid, still to pay and forecast', { timeout: STEP_TIMEOUT_MS }, async () => {
    const e = expected();
    const finance = await signIn('finance', FINANCE);
    const { page } = finance;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Payment runs', 'Statements', 'Provider invoices', 'Surplus proposals', 'Pooled budgets', 'Finance overview', 'Money alerts']);
    await tabTo(page, (_id, pg) => focusedLinkIs(pg, 'Finance overview'), 'the Finance overview link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/overview');
    await page.locator('#forecast-sentence').waitFor();

    assert.equal(await text(page, 'main h1'), 'Finance overview');
    assert.equal(await text(page, '#forecast-sentence'), `At this rate the council will spend ${pounds(e.forecast)} on personal budgets this year.`);
    const more = await text(page, '#headline-more');
    assert.match(more, new RegExp(`No budget for personal budgets has been set for ${e.fy.label}`));
    assert.match(more, new RegExp(`${pounds(e.paid)} has been paid so far and ${pounds(e.still)} is still to pay by 31 March ${e.fy.start + 1}\\.`));

    // The chart: an image with a title and description, and no budget line yet.
    const chart = page.locator('#overview-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.match(await page.locator('#chart-title').textContent(), new RegExp(`Personal budgets in ${e.fy.label}`));
    assert.match(await page.locator('#chart-desc').textContent(), /No council budget is set for the year/);
    assert.equal(await chart.locator('line[stroke-dasharray]').count(), 0);

    // The same figures in a table: direct payments committed, paid, still to pay, forecast.
    const rows = await page.locator('#mechanism-table tbody tr').allInnerTexts();
    const money = (pence) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    assert.equal(rows[0].replace(/\s+/g, ' ').trim(), `Direct payments ${money(e.committed)} ${money(e.paid)} ${money(e.still)} ${money(e.forecast)}`);
    assert.match((await page.locator('#mechanism-table tfoot').innerText()).replace(/\s+/g, ' '), new RegExp(`Total ${money(e.committed)} ${money(e.paid)}`));

    // Maya owes four weeks of her contribution, collected separately.
    assert.equal(await text(page, '#contributions-summary'), '1 person owes £40.00 in contributions.');
    // Her reference (what she quotes when paying) tells her apart from anyone of the same name.
    assert.match((await page.locator('#contributions-table tbody tr').innerText()).replace(/\s+/g, ' ').trim(), /^Maya Okafor (SD[0-9A-Z]{9}) £40\.00 Record a payment from Maya Okafor \(\1\)$/);
    assert.equal(await text(page, '#spend-none'), `No statement lines of money spent are dated in ${e.fy.label} yet.`);
    await checkPage(finance, 'the finance overview with no council budget', { file: 'no-budget' });

    // The spreadsheet has the same figures.
    const href = await page.locator('#download-csv').getAttribute('href');
    assert.equal(href, `/api/finance/overview.csv?year=${e.fy.start}`);
    const csv = await page.evaluate(async (path) => {
      const r = await fetch(path);
      return { status: r.status, disposition: r.headers.get('content-disposition'), body: await r.text() };
    }, href);
    assert.equal(csv.status, 200);
    assert.equal(csv.disposition, `attachment; filename="finance-overview-${e.fy.label}.csv"`);
    assert.match(csv.body, /Contributions owed,Maya Okafor,/);
  });

  test('she sets the council’s budget by keyboard: a negative amount is refused, then the forecast is compared with it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const e = expected();
    const finance = env.as('finance');
    const { page } = finance;
    await tabTo(page, (id) => id === 'amount', 'the budget amount');
    await page.keyboard.type('-5');
    await page.keyboard.press('Enter');
    const items = await errorSummaryItems(page);
    assert.deepEqual(items, [{ text: 'The budget cannot be less than £0.00', href: '#amount' }]);
    assert.match(await page.title(), /^Error: /);
    await checkPage(finance, 'the budget form with a negative amount', { file: 'budget-error' });

    // The summary has the focus; its link takes it to the box.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'amount');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1,300,000.00');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.search === `?year=${e.fy.start}`);
    await page.locator('#forecast-sentence').waitFor();
    const under = 130_000_000 - e.forecast;
    assert.equal(
      await text(page, '#forecast-sentence'),
      `At this rate the council will spend ${pounds(e.forecast)} on personal budgets this year, ${pounds(under)} less than the £1,300,000 set aside.`,
    );
    assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /The council’s budget for .* is now £1,300,000/);
    assert.match(await text(page, '#budget-comparison'), new RegExp(`The forecast is ${pounds(under)} under the £1,300,000 set aside`));
    // The budget is a dashed line on the chart, named in the legend and the description.
    assert.equal(await page.locator('#overview-chart line[stroke-dasharray]').count(), 1);
    assert.match(await page.locator('#chart-desc').textContent(), /under the £1,300,000 set aside/);
    assert.match(await page.locator('#chart-legend').innerText(), /The council’s budget/);
    assert.match(await page.locator('#amount-hint').innerText(), /Now £1,300,000, set by Fin Finance-Officer/);
    await checkPage(finance, 'the finance overview with a council budget', { file: 'with-budget' });
  });

  test('the year picker shows last year, by keyboard', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { fy } = expected();
    const finance = env.as('finance');
    const { page } = finance;
    await page.goto('/finance/overview');
    await page.locator('#forecast-sentence').waitFor();
    await tabTo(page, (id) => id === 'year', 'the year picker');
    await page.keyboard.press('ArrowDown');  // the year before this one (the list is newest first)
    await tabTo(page, (id) => id === 'show-year', 'the Show button');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.search === `?year=${fy.start - 1}`);
    await page.locator('#forecast-sentence').waitFor();
    const last = `${fy.start - 1}-${String(fy.start % 100).padStart(2, '0')}`;
    assert.equal(await text(page, '#forecast-sentence'), `The council's personal budgets cost £0 in ${last}.`);
    assert.equal(await text(page, '#year-caption'), `April ${fy.start - 1} to March ${fy.start}`);
    await checkPage(finance, 'the finance overview of last year', { file: 'last-year' });
  });

  test('a commissioner sees the figures but not who owes, and cannot set the budget', { timeout: STEP_TIMEOUT_MS }, async () => {
    const e = expected();
    const commissioner = await signIn('commissioner', COMMISSIONER);
    const { page } = commissioner;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Finance overview', 'Providers', 'Market shaping', 'Policy scenarios']);
    await page.goto('/finance/overview');
    await page.locator('#forecast-sentence').waitFor();
    assert.match(await text(page, '#forecast-sentence'), new RegExp(`${pounds(e.forecast)} on personal budgets this year`));
    assert.equal(await text(page, '#contributions-summary'), '1 person owes £40.00 in contributions. Their names are shown to finance officers only.');
    assert.equal(await page.locator('#contributions-table').count(), 0);
    assert.equal(await page.locator('#budget-form').count(), 0);
    assert.equal(await page.locator('#books').count(), 0);
    await checkPage(commissioner, 'the finance overview as a commissioner', { file: 'commissioner' });
    const refused = await callApi(page, 'PUT', `/api/finance/council-budgets/${e.fy.start}`, { amount: '1.00' });
    assert.equal(refused.status, 403);
    commissioner.watch.apiErrors.length = 0;
  });
  test('she records a contribution Maya paid, by keyboard from the overview: too much is refused, then what she owes goes down', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    await page.goto('/finance/overview');
    await page.locator('#contributions-table').waitFor();
    await tabTo(page, (_id, pg) => pg.evaluate(() => document.activeElement?.tagName === 'A' && /^Record a payment from Maya Okafor \(SD\w+\)$/.test(document.activeElement.textContent.trim())), 'the Record a payment link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/contribution-payments' && url.search === `?person=${personId}`);
    await page.locator('#owed-sentence').waitFor();
    assert.equal(await text(page, '#person-caption'), 'Maya Okafor');
    assert.equal(await text(page, '#owed-sentence'), 'Maya Okafor owes £40.00 towards their contribution.');
    assert.equal(await text(page, '#owed-working'), 'The payment runs have charged £40.00 and £0.00 has been paid.');
    assert.equal(await text(page, '#no-payments'), 'No payments have been recorded yet.');
    await checkPage(finance, 'the contribution payments page', { file: 'contribution-payments' });

    const today = utcDay();
    const typeDate = async () => {
      await tabTo(page, (id) => id === 'paid-on-day', 'the day box');
      await page.keyboard.type(String(today.getUTCDate()));
      await page.keyboard.press('Tab');
      await page.keyboard.type(String(today.getUTCMonth() + 1));
      await page.keyboard.press('Tab');
      await page.keyboard.type(String(today.getUTCFullYear()));
    };
    await tabTo(page, (id) => id === 'amount', 'the amount box');
    await page.keyboard.type('45');
    await typeDate();
    await page.keyboard.press('Enter');
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'They owe £40.00: enter no more than that, and refund the rest', href: '#amount' }]);
    await checkPage(finance, 'the contribution payment form with too much', {
      apiErrors: [`422 POST /api/people/${personId}/contribution-payments`],
      file: 'contribution-payment-error',
    });

    // The summary's link takes the focus to the amount; she corrects it and adds a reference.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'amount');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('15.00');
    await tabTo(page, (id) => id === 'reference', 'the reference box');
    await page.keyboard.type('BACS 7731');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-notification-banner--success').waitFor();
    const long = `${today.getUTCDate()} ${today.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${today.getUTCFullYear()}`;
    assert.match(await page.locator('.govuk-notification-banner--success').innerText(), new RegExp(`Payment recorded[\\s\\S]*£15\\.00 paid on ${long} is recorded\\. Maya Okafor now owes £25\\.00\\.`));
    assert.equal(await text(page, '#owed-sentence'), 'Maya Okafor owes £25.00 towards their contribution.');
    assert.equal((await page.locator('#payments-table tbody tr').innerText()).replace(/\s+/g, ' ').trim(), `${long} £15.00 BACS 7731`);
    assert.equal(await page.locator('#amount').inputValue(), '');
    await checkPage(finance, 'the contribution payments page after a payment', { file: 'contribution-paid' });

    // She enters the same bank payment again on the fresh form: it is asked about, not recorded.
    await tabTo(page, (id) => id === 'amount', 'the amount box');
    await page.keyboard.type('15.00');
    await typeDate();
    await page.keyboard.press('Enter');
    assert.deepEqual(await errorSummaryItems(page), [
      { text: `£15.00 paid on ${long} is already recorded (reference BACS 7731). If they really paid it twice, say so and record it again; if not, there is nothing more to record`, href: '#paid-twice' },
    ]);
    assert.equal(await page.locator('#paid-twice-group').isVisible(), true);
    await checkPage(finance, 'the contribution payment form asking whether they paid twice', {
      apiErrors: [`422 POST /api/people/${personId}/contribution-payments`],
      file: 'contribution-paid-twice',
    });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'paid-twice');
    assert.equal(await page.locator('#paid-twice').isChecked(), false);
    assert.equal(await text(page, '#owed-sentence'), 'Maya Okafor owes £25.00 towards their contribution.');
    assert.equal(await page.locator('#payments-table tbody tr').count(), 1);

    await page.goto('/finance/overview');
    await page.locator('#contributions-summary').waitFor();
    assert.equal(await text(page, '#contributions-summary'), '1 person owes £25.00 in contributions.');

    // The books still balance: she checks them by keyboard.
    await tabTo(page, (id) => id === 'check-books', 'the Check the books button');
    await page.keyboard.press('Enter');
    await page.locator('#books-clean').waitFor();
    const books = (await page.locator('#books-clean').innerText()).replace(/\s+/g, ' ').trim();
    assert.match(books, /^The books balance \(checked at \d\d:\d\d\)\. The balances of all \d+ accounts equal what their \d+ transfers add up to, and the money out of accounts equals the money into them\.$/);
    await checkPage(finance, 'the finance overview with the books checked', { file: 'books-checked' });

    // Her money page says what she owes the council, apart from the money in her account.
    await page.goto(`/my-money?person=${personId}`);
    await page.locator('#contribution-owed').waitFor();
    assert.match(await text(page, '#contribution-owed'), /^They owe the council £25\.00 towards their contribution\. It is not taken from this account: they pay it to the council, quoting the reference SD[0-9A-Z]{9}\.$/);
    await checkPage(finance, 'Maya’s money, as the finance officer', { file: 'contribution-on-my-money' });
  });

  test('she records the contributions in the council’s bank file: checked first, recorded once', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    const format = await callApi(page, 'POST', '/api/statement-formats', {
      name: 'Council bank',
      yaml: 'format: selfdirect-statement/1\nname: Council bank\ncolumns:\n  date: Date\n  payee: Payee\n  reference: Reference\n  amount: Amount\ndate_formats: [dd/mm/yyyy]\n',
    });
    assert.equal(format.status, 201, JSON.stringify(format.body));
    const account = await callApi(page, 'GET', `/api/people/${personId}/contribution-payments`);
    const reference = account.body.contribution_reference;
    assert.match(reference, /^SD[0-9A-Z]{9}$/);
    const today = utcDay();
    const day = `${String(today.getUTCDate()).padStart(2, '0')}/${String(today.getUTCMonth() + 1).padStart(2, '0')}/${today.getUTCFullYear()}`;
    const csv = join(env.tmp, 'council-bank.csv');
    await writeFile(csv, `Date,Payee,Reference,Amount\n${day},M OKAFOR,${reference.toLowerCase()},10.00\n${day},ELECTRIC CO,DD 4411,-30.00\n${day},A FRIEND,GIFT,5.00\n`);

    await page.goto('/finance/overview');
    await page.locator('#contributions-table').waitFor();
    await tabTo(page, (id) => id === 'contribution-file-link', 'the bank file link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/contribution-file');
    await page.locator('#file-form').waitFor();
    // Checking with no file names the box.
    await tabTo(page, (id) => id === 'check-file', 'the Check the file button');
    await page.keyboard.press('Enter');
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Choose the bank file (CSV) to read', href: '#bank-file' }]);
    await checkPage(finance, 'the bank file page with no file', { file: 'contribution-file-error' });

    assert.equal(await page.locator('#format').inputValue(), 'Council bank');
    await page.locator('#bank-file').setInputFiles(csv);
    await page.locator('#check-file').focus();
    await page.keyboard.press('Enter');
    await page.locator('#file-lines').waitFor();
    assert.equal(await text(page, '#result-sentence'), '1 payment towards contributions, £10.00 in all, can be recorded. 1 line needs you: it says why.');
    const rows = async () => (await page.locator('#file-lines tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    const first = await rows();
    assert.equal(first.length, 3);
    assert.match(first[0], /Maya Okafor To record £10\.00 from Maya Okafor towards their contribution$/);
    assert.match(first[1], /Not a contribution Money out of the account: not a contribution$/);
    assert.match(first[2], /Needs you No contribution reference on this line/);
    assert.equal(await text(page, '#record-payments'), 'Record 1 payment of £10.00');
    await checkPage(finance, 'the bank file checked', { file: 'contribution-file-checked' });

    // Nothing is recorded until she says so.
    assert.equal((await callApi(page, 'GET', `/api/people/${personId}/contribution-payments`)).body.owed_pence, 2500);
    await tabTo(page, (id) => id === 'record-payments', 'the Record button');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /Payments recorded[\s\S]*1 payment towards contributions, £10\.00 in all, is recorded\./);
    assert.match((await rows())[0], /Recorded £10\.00 from Maya Okafor/);
    assert.equal(await page.locator('#record-form').isVisible(), false);
    await checkPage(finance, 'the bank file recorded', { file: 'contribution-file-recorded' });
    assert.equal((await callApi(page, 'GET', `/api/people/${personId}/contribution-payments`)).body.owed_pence, 1500);

    // The same file again records nothing more.
    await page.reload();
    await page.locator('#file-form').waitFor();
    await page.locator('#bank-file').setInputFiles(csv);
    await page.locator('#check-file').focus();
    await page.keyboard.press('Enter');
    await page.locator('#file-lines').waitFor();
    assert.match((await rows())[0], /Recorded before This file was read before, and this payment was recorded then$/);
    assert.equal(await page.locator('#record-form').isVisible(), false);
    // Choosing another file puts away what was checked: nothing can be recorded from it.
    await page.locator('#bank-file').setInputFiles([]);
    assert.equal(await page.locator('#result').isVisible(), false);
    assert.equal(await page.locator('#file-lines').count(), 0);
    assert.equal((await callApi(page, 'GET', `/api/people/${personId}/contribution-payments`)).body.owed_pence, 1500);
  });
});
