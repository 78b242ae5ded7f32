// Browser tests of proportionate monitoring: the surplus proposals page (/finance/surplus-proposals)
// and the money alerts page (/alerts). Set up through the API: an adult social care scheme, Maya
// Okafor and Ben Adeyemi each with a plan paying a personal assistant £200.00 a week by direct
// payment, and three payment runs (today, in 4 weeks and in 8 weeks) released, so each account
// holds £2,400.00. £1,600.00 of it is paid in advance for the two periods still to begin, so it
// is set aside; the scheme expects an account to hold no more than 1 week of budget (£200.00), so
// £600.00 is surplus.
//
// The finance officer, by keyboard alone, reaches the page from the header, runs the checks
// (the page shows it is checking while they run), sees two surplus proposals with their letters,
// follows the link to import Maya's latest statement (a £400.00 cash withdrawal), runs the
// checks again (a large cash withdrawal, among others), declines Maya's recovery (the missing
// reason first; her money has moved since the proposal) and approves Ben's, which moves £600.00
// out of his account. The social worker
// then acknowledges the cash withdrawal alert and closes it (the notes the API needs first), and
// finds it again among the closed ones. The safeguarding lead sees it too, without a link to a
// record they have no standing with. axe checks every page state; no console error is allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build). The server runs
// with --allow-administrators-without-totp so the administrator can add the scheme.
//
// Screenshots go to web/test-output/screenshots/monitoring-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { callApi, checkPageState, errorSummaryItems, focusedId, navigationLinks, POINTS_PRICE_MODEL, skipWithoutBin, submitAndApprove, tableRows, tabTo, tabToLink, text, useServerAndBrowser, webDir } from './support.mjs';
import { recordPersonToIndicativeBudget, setApprovalLimit } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 120_000;
const skip = skipWithoutBin('these tests add users, a model and a statement format with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
const FINANCE = { email: 'fin@example.org', name: 'Fin Finance-Officer', role: 'finance-officer' };
const LEAD = { email: 'lee@example.org', name: 'Lee Safeguarding-Lead', role: 'safeguarding-lead' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SAMPLES = join(webDir, '..', 'docs', 'samples');

const links = {};
const ids = {};

const env = useServerAndBrowser('monitoring', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ASSESSOR, APPROVER, ADMIN, FINANCE, LEAD]) links[user.role] = await env.addUser(user);
    await env.publishModel(POINTS_PRICE_MODEL);
    await env.cli([
      'statements', 'formats', 'add', '--data', env.data, '--council', env.council.code,
      '--name', 'Northern Bank', '--council-payer', 'WESTMINSTER CC DIRECT PAYMENTS',
      join(SAMPLES, 'statement-formats', 'northern-bank.yaml'),
    ]);
    // Maya's statement: £400.00 taken out in cash today, from the £2,400.00 the council paid.
    const today = utcDay();
    const day = `${String(today.getUTCDate()).padStart(2, '0')}/${String(today.getUTCMonth() + 1).padStart(2, '0')}/${today.getUTCFullYear()}`;
    ids.statement = join(env.tmp, 'maya-statement.csv');
    await writeFile(ids.statement, `Date,Type,Description,Reference,Amount,Balance\n${day},ATM,CASH WITHDRAWAL HIGH ST,ATM 0042,-400.00,2000.00\n`);
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
function inWords(d) {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

async function checkPage(p, name, { apiErrors = [], file } = {}) {
  const duplicates = await p.page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  assert.deepEqual(duplicates, [], `ids used twice on ${name}`);
  return checkPageState(p, name, { apiErrors, file: file && `monitoring-${file}` });
}

/** A summary list's rows as [key, value] pairs. */
function summaryRows(page, selector) {
  return page.locator(`${selector} .govuk-summary-list__row`).evaluateAll((rows) => rows.map((row) => [
    row.querySelector('dt').textContent.replace(/\s+/g, ' ').trim(),
    row.querySelector('dd').textContent.replace(/\s+/g, ' ').trim(),
  ]));
}

/** The card of the waiting proposal for `name`, and its id. */
async function proposalFor(page, name) {
  const card = page.locator('#waiting .govuk-summary-card', { has: page.locator('.govuk-summary-card__title', { hasText: name }) });
  await card.waitFor();
  return { card, id: (await card.getAttribute('id')).replace(/^proposal-/, '') };
}

/** The balance of `personId`'s account, in pence, through the money API. */
async function balance(page, personId) {
  const money = await callApi(page, 'GET', `/api/people/${personId}/money`);
  assert.equal(money.status, 200, JSON.stringify(money.body));
  return money.body.balance_pence;
}

describe('proportionate monitoring', { skip }, () => {
  test('set up: two signed-off plans paying £200.00 a week, paid three times: £2,400.00 in each account', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn('admin', ADMIN);
    const session = (await callApi(admin.page, 'GET', '/api/session')).body;
    const scheme = await callApi(admin.page, 'POST', `/api/councils/${session.user.council_id}/schemes`, { name: 'Adult social care', kind: 'adult-social-care', settings: { surplus_threshold_weeks: 1 } });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.body));
    await setApprovalLimit(admin.page, APPROVER.email, '30000');
    await admin.context.close();

    const assessor = await signIn('assessor-setup', ASSESSOR);
    const approver = await signIn('approver', APPROVER);
    for (const [key, person] of [['maya', {}], ['ben', { givenName: 'Ben', familyName: 'Adeyemi', nhsNumber: null }]]) {
      ids[key] = await recordPersonToIndicativeBudget(assessor.page, env.council.code, person);
      const plan = await callApi(assessor.page, 'POST', `/api/people/${ids[key]}/plans`, {
        outcomes: [{ id: 'o1', words: 'I want to get up and dressed before 9 so I can go to the day centre' }],
        items: [{
          what: 'Help to get up and dressed', supplier: 'personal_assistant', supplier_name: 'Sam', unit: 'hour',
          unit_price: '20', quantity: '10', frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment',
        }],
        written_with: ['person', 'social_worker'],
        risks: [{ risk: 'The assistant is ill', how_managed: 'A neighbour helps' }],
        emergency: 'Call the neighbour on 07700 900123',
      });
      await submitAndApprove(assessor, approver, plan);
    }
    await approver.context.close();
    await assessor.context.close();

    const finance = await signIn('finance-setup', FINANCE);
    for (const [key, name] of [['maya', 'Maya Okafor'], ['ben', 'Ben Adeyemi']]) {
      const details = await callApi(finance.page, 'PUT', `/api/people/${ids[key]}/payment-details`, {
        route: 'direct_payment', payee_name: name, sort_code: '30-94-30', account_number: key === 'maya' ? '00733445' : '00733446',
      });
      assert.equal(details.status, 200, JSON.stringify(details.body));
    }
    for (const days of [0, 28, 56]) {
      const run = await callApi(finance.page, 'POST', '/api/payment-runs', { date: iso(utcDay(days)) });
      assert.equal(run.status, 201, JSON.stringify(run.body));
      assert.equal(run.body.total_pence, 160000);
      const released = await callApi(finance.page, 'POST', `/api/payment-runs/${run.body.id}/release`, {});
      assert.equal(released.status, 200, JSON.stringify(released.body));
    }
    assert.equal(await balance(finance.page, ids.maya), 240000);
    assert.equal(await balance(finance.page, ids.ben), 240000);
    await finance.context.close();
  });

  test('the finance officer, by keyboard, runs the checks: it shows it is checking, then two surplus proposals with their letters', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = await signIn('finance', FINANCE);
    const { page } = finance;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Payment runs', 'Statements', 'Provider invoices', 'Surplus proposals', 'Pooled budgets', 'Finance overview', 'Money alerts']);
    assert.match(await text(page, '#account-pages'), /Surplus proposals – run the monitoring checks/);
    await tabToLink(page, 'Surplus proposals');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/surplus-proposals');
    await page.locator('#run-form').waitFor();
    assert.equal(await text(page, '#page-heading'), 'Surplus proposals');
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Surplus proposals');
    assert.match(await text(page, '#none-waiting'), /No surplus recoveries are waiting for a decision/);
    const today = utcDay();
    assert.equal(await page.locator('#date-day').inputValue(), String(new Date().getDate()));
    await checkPage(finance, 'surplus proposals before any checks', { file: 'proposals-empty' });

    // Hold the run's answer back, so that the page can be seen while it checks.
    let letGo;
    const held = new Promise((resolve) => { letGo = resolve; });
    await page.route('**/api/monitoring/runs', async (route) => {
      await held;
      await route.continue();
    });
    await tabTo(page, 'run-button');
    await page.keyboard.press('Enter');
    await page.locator('#run-progress', { hasText: 'Checking every budget in payment' }).waitFor();
    assert.equal(await page.locator('#run-button').isDisabled(), true);
    assert.equal(await page.locator('#run-button').getAttribute('aria-disabled'), 'true');
    await checkPage(finance, 'the checks running', { file: 'checking' });
    letGo();
    await page.locator('#run-summary').waitFor();
    await page.unroute('**/api/monitoring/runs');
    // Once the proposals are read again, the focus moves to what the checks found.
    await page.waitForFunction(() => document.activeElement?.id === 'run-heading');
    assert.equal(await page.locator('#run-button').isDisabled(), false);
    assert.deepEqual(await summaryRows(page, '#run-summary'), [
      ['Checked for', inWords(today)],
      ['Budgets checked', '2'],
      ['New alerts', 'Money building up: 2'],
      ['New surplus proposals', '2'],
    ]);

    // Two proposals, each with the amount, the person and the letter as it would read.
    assert.equal(await page.locator('#waiting .govuk-summary-card').count(), 2);
    const maya = await proposalFor(page, 'Maya Okafor');
    assert.equal(await text(page, `#proposal-${maya.id} .govuk-summary-card__title`), 'Maya Okafor: £600.00');
    assert.deepEqual((await summaryRows(page, `#details-${maya.id}`)).slice(0, 3), [
      ['Person', 'Maya Okafor'],
      ['Amount to recover', '£600.00'],
      ['Checked for', inWords(today)],
    ]);
    assert.equal(await page.locator(`#details-${maya.id} a`).getAttribute('href'), `/person/budget?person=${ids.maya}`);
    const letter = await page.locator(`#letter-${maya.id} p`).allInnerTexts();
    assert.equal(letter[0], 'Dear Maya Okafor,');
    assert.equal(letter[1], 'Your account holds £2,400.00.');
    assert.match(letter.join(' '), /We have set aside £1,600\.00 paid in advance for payment periods still to begin, which leaves £800\.00\./);
    assert.match(letter.join(' '), /1 week of your budget: 1 × £200\.00 a week = £200\.00/);
    assert.match(letter.join(' '), /a finance officer has agreed that the council takes it back: it is moved from your account to the council/);
    await checkPage(finance, 'what the checks found', { file: 'proposals-after-run' });
  });

  test('from Maya’s proposal, the finance officer imports her latest statement: £400.00 taken out in cash', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    const maya = await proposalFor(page, 'Maya Okafor');
    await tabTo(page, `statement-${maya.id}`);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/statements');
    await page.locator('#import-form').waitFor();
    ids.account = await page.locator('#account').inputValue();
    assert.match(ids.account, /^[0-9A-Z]{26}$/);
    await page.locator('#statement-file').setInputFiles(ids.statement);
    await tabTo(page, 'import-statement');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.has('import'));
    await page.locator('#lines-table').waitFor();
    assert.equal(await balance(page, ids.maya), 200000);
  });

  test('the checks run again: a large cash withdrawal, and the surpluses still waiting', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    await tabToLink(page, 'Surplus proposals');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/finance/surplus-proposals');
    await page.locator('#run-form').waitFor();
    await tabTo(page, 'run-button');
    await page.keyboard.press('Enter');
    await page.locator('#run-summary').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'run-heading');
    const rows = Object.fromEntries(await summaryRows(page, '#run-summary'));
    assert.equal(rows['Budgets checked'], '2');
    assert.match(rows['New alerts'], /Large cash withdrawal: 1/);
    assert.equal(rows['Already raised and still open'], '2 alerts');
    assert.equal(rows['New surplus proposals'], 'None');
    assert.equal(await page.locator('#waiting .govuk-summary-card').count(), 2);
    await checkPage(finance, 'the checks run again', { file: 'second-run' });
  });

  test('the finance officer declines Maya’s recovery (the missing reason first), her money having moved, and approves Ben’s, by keyboard', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    const maya = await proposalFor(page, 'Maya Okafor');
    // Decline, with no reason: the error summary names the field.
    await tabTo(page, `decision-${maya.id}`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator(`#decision-${maya.id}-2`).isChecked(), true);
    await tabTo(page, `save-${maya.id}`);
    await page.keyboard.press('Enter');
    const items = await errorSummaryItems(page);
    assert.deepEqual(items, [{ text: 'Enter why you are declining the recovery', href: `#reason-${maya.id}` }]);
    assert.match(await page.title(), /^Error: /);
    assert.match(await text(page, `#proposal-${maya.id} .govuk-error-message`), /Enter why you are declining the recovery/);
    await checkPage(finance, 'a decline with no reason', { file: 'decline-no-reason' });

    // The summary's link takes the focus to the reason.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), `reason-${maya.id}`);
    await page.keyboard.type('Maya has since spent £400.00; the checks will look again.');
    await tabTo(page, `save-${maya.id}`);
    await page.keyboard.press('Enter');
    await page.locator('#notification .govuk-notification-banner', { hasText: 'Recovery declined' }).waitFor();
    assert.match(await text(page, '#notification'), /Nothing has been taken from Maya Okafor’s account\./);
    assert.equal(await page.locator('#waiting .govuk-summary-card').count(), 1);
    const declined = await tableRows(page, '#decided-table');
    assert.equal(declined.length, 1);
    assert.match(declined[0].join(' | '), /^Maya Okafor \| £600\.00 \| Declined \| Fin Finance-Officer, .* \| Maya has since spent £400\.00; the checks will look again\.$/);
    await checkPage(finance, 'Maya’s recovery declined', { file: 'declined' });

    // Approve Ben's with a reason: £600.00 moves back to the council.
    const ben = await proposalFor(page, 'Ben Adeyemi');
    await tabTo(page, `decision-${ben.id}`);
    await page.keyboard.press('Space');
    assert.equal(await page.locator(`#decision-${ben.id}`).isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), `reason-${ben.id}`);
    await page.keyboard.type('Ben agreed on the phone that he does not need the money now.');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), `save-${ben.id}`);
    await page.keyboard.press('Enter');
    await page.locator('#notification .govuk-notification-banner', { hasText: 'Recovery approved' }).waitFor();
    assert.match(await text(page, '#notification'), /£600\.00 has been moved from Ben Adeyemi’s account back to the council\. Send them the letter\./);
    assert.match(await text(page, '#none-waiting'), /No surplus recoveries are waiting/);
    const decided = await tableRows(page, '#decided-table');
    assert.equal(decided.length, 2);
    assert.ok(decided.some((row) => row[0] === 'Ben Adeyemi' && row[2] === 'Approved'));
    assert.equal(await balance(page, ids.ben), 180000);
    assert.equal(await balance(page, ids.maya), 200000);
    await checkPage(finance, 'both proposals decided', { file: 'decided' });
  });

  test('the finance officer’s alerts: the money ones, each linking to the person’s plan and budget', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    await tabToLink(page, 'Money alerts');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/alerts');
    await page.locator('#alerts .govuk-summary-card').first().waitFor();
    const titles = await page.locator('#alerts .govuk-summary-card__title').allInnerTexts();
    assert.ok(titles.includes('Money building up: Maya Okafor'), titles.join('; '));
    assert.ok(titles.includes('Money building up: Ben Adeyemi'), titles.join('; '));
    assert.ok(!titles.some((t) => t.startsWith('Large cash withdrawal')), 'the cash withdrawal is not the finance officer’s to ask about');
    const hrefs = await page.locator('#alerts [id^="person-"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0 && hrefs.every((href) => href.startsWith('/person/budget?person=')), hrefs.join(' '));
    await checkPage(finance, 'the finance officer’s alerts', { file: 'alerts-finance' });
  });

  test('the finance officer reads the alerts one to a page, moving on with the pagination by keyboard', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    await page.goto('/alerts?per_page=1');
    await page.locator('#alerts .govuk-summary-card').first().waitFor();
    assert.equal(await page.locator('#alerts .govuk-summary-card').count(), 1);
    const count = await text(page, '#alert-count');
    assert.match(count, /^\d+ alerts: .+\. Showing alerts 1 to 1 of \d+\.$/, count);
    const total = Number(/of (\d+)/.exec(count)[1]);
    assert.ok(total >= 2, count);
    assert.equal(await page.locator('#pagination [aria-current="page"]').innerText(), '1');
    assert.equal(await page.locator('#pagination-prev').count(), 0);
    const firstTitle = await text(page, '#alerts .govuk-summary-card__title');
    await tabTo(page, 'pagination-next');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('page') === '2' && url.searchParams.get('per_page') === '1');
    await page.locator('#alerts .govuk-summary-card').first().waitFor();
    assert.equal(await page.locator('#pagination [aria-current="page"]').innerText(), '2');
    assert.notEqual(await text(page, '#alerts .govuk-summary-card__title'), firstTitle);
    assert.match(await text(page, '#alert-count'), new RegExp(`Showing alerts 2 to 2 of ${total}\\.$`));
    assert.equal(await page.locator('#pagination-prev').count(), 1);
    await checkPage(finance, 'the second page of the finance officer’s alerts', { file: 'alerts-page-2' });
  });

  test('the social worker acknowledges the cash withdrawal alert, then closes it with notes (the missing notes first)', { timeout: STEP_TIMEOUT_MS }, async () => {
    const worker = await signIn('assessor', ASSESSOR);
    const { page } = worker;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Your caseload', 'Reviews', 'Money alerts']);
    await page.locator('#navigation a', { hasText: 'Money alerts' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/alerts');
    const card = page.locator('#alerts .govuk-summary-card', { has: page.locator('.govuk-summary-card__title', { hasText: 'Large cash withdrawal: Maya Okafor' }) });
    await card.waitFor();
    const id = (await card.getAttribute('id')).replace(/^alert-/, '');
    assert.ok(!(await page.locator('#alerts .govuk-summary-card__title').allInnerTexts()).some((t) => t.startsWith('Money building up')), 'surpluses are for finance officers');
    assert.match(await text(page, '#alert-count'), /new/);

    // Marked clearly as safeguarding, in words that accuse nobody; the sums and the evidence.
    assert.deepEqual(await card.locator('.govuk-tag').allInnerTexts(), ['New', 'Safeguarding']);
    assert.match(await text(page, `#sentence-${id}`), /£400\.00/);
    assert.match(await text(page, '#not-a-sanction'), /not a finding that anything is wrong/);
    const details = Object.fromEntries(await summaryRows(page, `#details-${id}`));
    assert.equal(details.Person, 'Maya Okafor');
    assert.equal(details['Money these lines moved'], '£400.00');
    assert.equal(details['Balance when checked'], '£2,000.00');
    assert.equal(await page.locator(`#person-${id}`).getAttribute('href'), `/person?id=${ids.maya}`);
    const evidence = await tableRows(page, `#evidence-${id}`);
    assert.equal(evidence.length, 1);
    assert.equal(evidence[0][0], inWords(utcDay()));
    assert.match(evidence[0][1], /CASH WITHDRAWAL HIGH ST/i);
    assert.equal(evidence[0][3], '£400.00');
    await checkPage(worker, 'the social worker’s alerts', { file: 'alerts-worker' });

    // Acknowledge, by keyboard.
    await tabTo(page, `acknowledge-${id}`);
    await page.keyboard.press('Enter');
    await page.locator('#notification .govuk-notification-banner', { hasText: 'Alert acknowledged' }).waitFor();
    await page.locator(`#alert-${id}`).waitFor();
    assert.deepEqual(await page.locator(`#alert-${id} .govuk-tag`).allInnerTexts(), ['Being looked into', 'Safeguarding']);
    assert.match(Object.fromEntries(await summaryRows(page, `#details-${id}`)).Acknowledged, /^By Sam Social-Worker, /);
    assert.equal(await page.locator(`#acknowledge-${id}`).count(), 0);
    await checkPage(worker, 'an alert acknowledged', { file: 'alert-acknowledged' });

    // Close with no notes: the API needs them, and the error summary says so.
    await tabTo(page, `close-${id}`);
    await page.keyboard.press('Enter');
    const items = await errorSummaryItems(page);
    assert.deepEqual(items, [{ text: 'Say what was done about the alert before closing it', href: `#notes-${id}` }]);
    await checkPage(worker, 'closing an alert with no notes', { file: 'close-no-notes', apiErrors: [`422 POST /api/alerts/${id}`] });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), `notes-${id}`);
    await page.keyboard.type('Spoke to Maya: the cash paid her assistant’s bus fares for the month. Agreed she will keep receipts.');
    await tabTo(page, `close-${id}`);
    await page.keyboard.press('Enter');
    await page.locator('#notification .govuk-notification-banner', { hasText: 'Alert closed' }).waitFor();
    assert.match(await text(page, '#notification'), /Large cash withdrawal for Maya Okafor\. It is kept with the closed alerts\./);
    await page.locator('#filter-form').waitFor();
    assert.equal(await page.locator(`#alert-${id}`).count(), 0);
    await checkPage(worker, 'an alert closed', { file: 'alert-closed' });

    // Show the closed ones too: it is there, with who closed it and the notes.
    // Tab reaches the chosen radio of the group; an arrow chooses the other.
    await tabTo(page, 'show');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedId(page), 'show-2');
    await tabTo(page, 'filter-button');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('closed') === 'true');
    await page.locator(`#alert-${id}`).waitFor();
    assert.equal(await page.locator('#show-2').isChecked(), true);
    assert.deepEqual(await page.locator(`#alert-${id} .govuk-tag`).allInnerTexts(), ['Closed', 'Safeguarding']);
    const closed = Object.fromEntries(await summaryRows(page, `#details-${id}`));
    assert.match(closed.Closed, /^By Sam Social-Worker, /);
    assert.equal(closed.Notes, 'Spoke to Maya: the cash paid her assistant’s bus fares for the month. Agreed she will keep receipts.');
    assert.equal(await page.locator(`#act-${id}`).count(), 0);
    // The closed one comes after those still open.
    const statuses = await page.locator('#alerts .govuk-summary-card').evaluateAll((cards) => cards.map((c) => c.dataset.status));
    assert.equal(statuses.at(-1), 'closed');
    await checkPage(worker, 'the alerts with the closed ones', { file: 'alerts-with-closed' });
  });

  test('the safeguarding lead sees the safeguarding signals, without a link to a record they have no standing with', { timeout: STEP_TIMEOUT_MS }, async () => {
    const lead = await signIn('lead', LEAD);
    const { page } = lead;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Safeguarding', 'Money alerts']);
    await page.goto('/alerts?closed=true');
    const card = page.locator('#alerts .govuk-summary-card', { has: page.locator('.govuk-summary-card__title', { hasText: 'Large cash withdrawal: Maya Okafor' }) });
    await card.waitFor();
    const id = (await card.getAttribute('id')).replace(/^alert-/, '');
    assert.equal(await page.locator(`#person-${id}`).count(), 0);
    assert.equal(Object.fromEntries(await summaryRows(page, `#details-${id}`)).Person, 'Maya Okafor');
    const tags = await page.locator('#alerts .govuk-summary-card').evaluateAll((cards) => cards.map((c) => c.querySelectorAll('.govuk-tag').length));
    assert.ok(tags.every((n) => n === 2), 'every alert the lead sees is a safeguarding signal');
    await checkPage(lead, 'the safeguarding lead’s alerts', { file: 'alerts-lead' });
  });

  test('an approver has neither page', { timeout: STEP_TIMEOUT_MS }, async () => {
    const approver = await signIn('approver-pages', APPROVER);
    const { page } = approver;
    for (const path of ['/alerts', '/finance/surplus-proposals']) {
      await page.goto(path);
      await page.locator('main h1', { hasText: 'You do not have permission to see this page' }).waitFor();
    }
    await checkPage(approver, 'the surplus proposals page refused to an approver');
  });
});
