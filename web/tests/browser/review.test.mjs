// Browser tests of the pages after sign-off: the reviews queues (/reviews), recording a review
// (/person/review), recording what the person pays (/person/contribution, finance officers) and
// closing the case (/person/close), and what the person's record shows before and after. axe
// checks every page state, no console error is allowed, and the rating radios work by keyboard.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council and its staff with the
// command line, publishes models/points-price.yaml, and starts `selfdirect serve` (with
// --allow-administrators-without-totp, so the administrator can add the adult social care scheme
// and set the approver's limit through the API). The person, their eligibility, assessment and
// plan, and its sign-off, are recorded through the API: other tests drive those pages.
//
// There is no way to move the server's clock, so an overdue review cannot be made honestly:
// the scheme's light review is set to 2 weeks after a new plan, which puts the person in the
// "due in the next 4 weeks" list; after their review the next one is 12 months on, and both
// lists are then empty.
//
// Screenshots go to web/test-output/screenshots/review-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  callApi,
  checkPageState,
  errorSummaryItems,
  focusedId,
  navigationLinks,
  POINTS_PRICE_MODEL,
  skipWithoutBin,
  text,
  useServerAndBrowser,
} from './support.mjs';
import { recordPersonToIndicativeBudget, setApprovalLimit } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add users and publish a model with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
const FINANCE = { email: 'fin@example.org', name: 'Fin Finance-Officer', role: 'finance-officer' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const links = {};
let personId;

const env = useServerAndBrowser('review', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ASSESSOR, APPROVER, ADMIN, FINANCE]) links[user.role] = await env.addUser(user);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

function signIn(name, user) {
  return env.signIn(name, user, { link: links[user.role], password: PASSWORD });
}

function as(name) {
  return env.as(name);
}

/** Checks the page state (support.mjs), and that no two elements share an id. */
async function checkPage(p, name, { apiErrors = [], file } = {}) {
  const duplicates = await p.page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  assert.deepEqual(duplicates, [], `ids used twice on ${name}`);
  return checkPageState(p, name, { apiErrors, file: file && `review-${file}` });
}

async function tabTo(page, isThere, what, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id ?? '');
    if (isThere(focused)) return focused;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** The server's today (UTC), and a date `months` later, as the server writes them. */
function utcDate(months = 0, days = 0) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, now.getUTCDate() + days));
}
function inWords(d) {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
async function fillDate(page, id, d) {
  await page.locator(`#${id}-day`).fill(String(d.getUTCDate()));
  await page.locator(`#${id}-month`).fill(String(d.getUTCMonth() + 1));
  await page.locator(`#${id}-year`).fill(String(d.getUTCFullYear()));
}

describe('reviews, contributions and closing a case', { skip }, () => {
  test('set up: a scheme with a light review 2 weeks after a new plan; a person with a signed-off plan', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn('admin', ADMIN);
    const session = (await callApi(admin.page, 'GET', '/api/session')).body;
    const councilId = session.user.council_id;
    const scheme = await callApi(admin.page, 'POST', `/api/councils/${councilId}/schemes`, {
      name: 'Adult social care', kind: 'adult-social-care', settings: { first_review_weeks: 2 },
    });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.body));
    await setApprovalLimit(admin.page, APPROVER.email, '30000');
    await admin.context.close();

    const assessor = await signIn('assessor', ASSESSOR);
    const { page } = assessor;
    personId = await recordPersonToIndicativeBudget(page, env.council.code);
    const plan = await callApi(page, 'POST', `/api/people/${personId}/plans`, {
      outcomes: [
        { id: 'o1', words: 'I want to get up and dressed before 9 so I can go to the day centre' },
        { id: 'o2', words: 'I want to see my friends at the chess club' },
      ],
      items: [{
        what: 'Help to get up and dressed', supplier: 'provider', supplier_name: 'Westminster Home Care', unit: 'hour',
        unit_price: '20', quantity: '10', frequency: 'per_week', outcomes: ['o1', 'o2'], route: 'managed_budget',
      }],
      written_with: ['person', 'social_worker'],
      risks: [{ risk: 'Falls when getting up at night', how_managed: 'A pendant alarm' }],
      emergency: 'Call her daughter Ife on 07700 900123',
    });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    const submitted = await callApi(page, 'POST', `/api/plans/${plan.body.id}/submit`, { revision: plan.body.revision });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));

    const approver = await signIn('approver', APPROVER);
    const decided = await callApi(approver.page, 'POST', `/api/plans/${plan.body.id}/decision`, {
      decision: 'approve', revision: submitted.body.revision, variance_category: 'persons_choice',
      variance_words: 'She chose a provider she knows.',
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    await approver.context.close();
  });

  test('the reviews page: "Reviews" in the header; nothing overdue; the person due in 2 weeks', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as('assessor');
    const { page } = assessor;
    await page.goto('/account');
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Your caseload', 'Reviews', 'Money alerts']);
    assert.deepEqual(await page.locator('#account-pages li').allInnerTexts(), [
      'Your caseload',
      'Reviews – see whose support plan review is overdue or due in the next 4 weeks, and record it',
      'Money alerts – the questions the money checks have raised for you to ask about, with the evidence',
    ]);
    await page.locator('#navigation').getByRole('link', { name: 'Reviews' }).click();
    await page.waitForURL((url) => url.pathname === '/reviews');
    await page.locator('#overdue-empty').waitFor();
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Reviews');
    assert.equal(await text(page, '#overdue-empty'), 'No reviews are overdue.');
    const rows = await page.locator('#due-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent.trim().replace(/\s+/g, ' '))));
    assert.deepEqual(rows, [['Maya Okafor', `Due in 14 days, on ${inWords(utcDate(0, 14))}`, 'Record a review for Maya Okafor']]);
    await checkPage(assessor, 'the reviews page with one due', { file: 'queue-due' });
  });

  test('the record shows the next review, "Record a review" and "Close the case"', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as('assessor');
    const { page } = assessor;
    await page.goto(`/person?id=${personId}`);
    await page.locator('#next-review').waitFor();
    assert.equal(await text(page, '#next-review'), `Next review: Due in 14 days, on ${inWords(utcDate(0, 14))}`);
    assert.equal(await page.locator('#close-case').getAttribute('href'), `/person/close?person=${personId}`);
    await checkPage(assessor, 'the record with a budget in place', { file: 'person-active' });
    await page.locator('#record-review').click();
    await page.waitForURL((url) => url.pathname === '/person/review');
  });

  test('the review form: an empty form shows linked errors; ratings by keyboard; saved with the next review 12 months on', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as('assessor');
    const { page } = assessor;
    await page.locator('#review-form').waitFor({ state: 'visible' });
    assert.equal(await text(page, '#person-caption'), 'Maya Okafor');
    assert.equal(await text(page, '#rating-1 >> xpath=ancestor::fieldset/legend'), 'Outcome 1: “I want to get up and dressed before 9 so I can go to the day centre”');
    assert.match(await text(page, '#budget-rule'), /A review cannot reduce their budget\. Only a new assessment of their needs can do that\./);
    await checkPage(assessor, 'the empty review form', { file: 'form' });

    await page.getByRole('button', { name: 'Save the review' }).click();
    const items = await errorSummaryItems(page);
    assert.deepEqual(items.map((i) => i.href), ['#held-on-day', '#reason', '#method', '#rating-1', '#rating-2', '#what-next']);
    assert.equal(items[0].text, 'Enter the date of the review');
    assert.equal(items[4].text, 'Select how far they have got with ‘I want to see my friends at the chess club’');
    assert.match(await page.title(), /^Error: /);
    for (const id of ['held-on-day', 'reason', 'method', 'rating-1', 'rating-2', 'what-next']) {
      assert.equal(await page.locator(`#${id}-error`).count(), 1, `an error message by ${id}`);
    }
    await checkPage(assessor, 'the review form with errors', { file: 'form-errors' });

    // The summary's link takes focus to the first rating; the arrow keys choose within it.
    await page.locator('.govuk-error-summary a[href="#rating-1"]').press('Enter');
    assert.equal(await focusedId(page), 'rating-1');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#rating-1').isChecked(), true);
    // Tab to the person's view of outcome 1, type, then on to outcome 2's ratings.
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'view-1');
    await page.keyboard.type('I am ready by half past eight most days.');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'rating-2');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedId(page), 'rating-2-2');
    assert.equal(await page.locator('#rating-2-2').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'view-2');
    await page.keyboard.type('I have been twice; the bus is hard.');

    await fillDate(page, 'held-on', utcDate());
    await page.locator('#reason').check();
    await page.locator('#method').check();
    await page.locator('#persons-view').fill('Mornings are much better.');
    await tabTo(page, (id) => id === 'what-next', 'the What happens next radios');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#what-next-2').isChecked(), true);
    await page.locator('#notes').fill('Look at transport to the chess club.');
    await page.getByRole('button', { name: 'Save the review' }).click();

    await page.locator('#review-saved').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Review recorded');
    assert.equal(await focusedId(page), 'page-heading');
    const next = utcDate(12);
    assert.match(await text(page, '#next-review'), new RegExp(`^Due in \\d+ days, on ${inWords(next)}$`));
    assert.match(await text(page, '#review-summary'), /Outcomes achieved 1 of 2/);
    assert.equal(await page.locator('#next-step-link').getAttribute('href'), `/person/plan?person=${personId}`);
    await checkPage(assessor, 'the review recorded', { file: 'saved' });
  });

  test('after the review, both lists on the reviews page say plainly that they are empty', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as('assessor');
    const { page } = assessor;
    await page.goto('/reviews');
    await page.locator('#due-empty').waitFor();
    assert.equal(await text(page, '#overdue-empty'), 'No reviews are overdue.');
    assert.equal(await text(page, '#due-empty'), 'No reviews are due in the next 4 weeks.');
    await checkPage(assessor, 'the reviews page with none due', { file: 'queue-empty' });
  });

  test('a finance officer cannot open the record, but records what the person pays, reaching the page by a link that names the person', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = await signIn('finance', FINANCE);
    const { page } = finance;
    await page.goto(`/person?id=${personId}`);
    await page.locator('h1', { hasText: 'You do not have permission' }).waitFor();
    await checkPage(finance, 'the record refused to finance');

    await page.goto(`/person/contribution?person=${personId}`);
    await page.locator('#contribution-form').waitFor({ state: 'visible' });
    assert.equal(await text(page, '#person-caption'), 'Maya Okafor');
    assert.match(await text(page, '#contribution-now'), /What they pay now Not worked out yet/);
    await checkPage(finance, 'the contribution form', { file: 'contribution-form' });

    await page.getByRole('button', { name: 'Save the contribution' }).click();
    let items = await errorSummaryItems(page);
    assert.deepEqual(items.map((i) => i.href), ['#basis', '#assessed-on-day']);
    await checkPage(finance, 'the contribution form with errors', { file: 'contribution-errors' });

    await page.locator('#basis').check();
    await page.locator('#weekly').waitFor({ state: 'visible' });
    await page.locator('#weekly').fill('23.505');
    await fillDate(page, 'assessed-on', utcDate());
    await page.getByRole('button', { name: 'Save the contribution' }).click();
    await page.locator('#weekly-error').waitFor();
    items = await errorSummaryItems(page);
    assert.deepEqual(items, [{ text: 'Enter what they pay each week in pounds and pence, like 23.50', href: '#weekly' }]);
    await checkPage(finance, 'the contribution with a wrong amount', { file: 'contribution-amount-error' });

    await page.locator('#weekly').fill('23.50');
    await page.getByRole('button', { name: 'Save the contribution' }).click();
    await page.locator('#contribution-saved').waitFor();
    assert.equal(await text(page, '#saved-weekly'), '£23.50 a week');
    await checkPage(finance, 'the contribution recorded', { file: 'contribution-saved' });
    await finance.context.close();
  });

  test('the social worker closes the case; the record shows it closed, and there is nothing left to review', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as('assessor');
    const { page } = assessor;
    await page.goto(`/person?id=${personId}`);
    await page.locator('#close-case').click();
    await page.waitForURL((url) => url.pathname === '/person/close');
    await page.locator('#close-form').waitFor({ state: 'visible' });
    assert.match(await text(page, '#close-form .govuk-warning-text'), /Closing the case stops their reviews\. Finance will settle the money/);
    await checkPage(assessor, 'the close form', { file: 'close-form' });

    await page.getByRole('button', { name: 'Continue' }).click();
    const items = await errorSummaryItems(page);
    assert.deepEqual(items, [
      { text: 'Select why the case is closing', href: '#reason' },
      { text: 'Enter the date support ended', href: '#effective-on-day' },
    ]);
    await checkPage(assessor, 'the close form with errors', { file: 'close-errors' });

    await page.locator('#reason-2').check();
    await fillDate(page, 'effective-on', utcDate());
    await page.locator('#words').fill('Moved to Leeds.');
    await page.getByRole('button', { name: 'Continue' }).click();

    // The answers to check, each with a way back to its field.
    await page.locator('#check-summary').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Check before you close the case');
    assert.equal(await focusedId(page), 'page-heading');
    assert.equal(await text(page, '#check-summary'), `Why Moved to another council's area Change why the case is closing Support ended on ${inWords(utcDate())} Change the date support ended Note Moved to Leeds. Change the note`);
    await checkPage(assessor, 'the answers to check before closing', { file: 'close-check' });
    await page.locator('#change-words').click();
    assert.equal(await focusedId(page), 'words');
    await page.keyboard.press('End');
    await page.keyboard.type(' She lives with her daughter.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#check-summary').waitFor({ state: 'visible' });
    assert.match(await text(page, '#check-summary'), /Note Moved to Leeds\. She lives with her daughter\. Change the note$/);
    await page.getByRole('button', { name: 'Close the case' }).click();
    await page.locator('#case-closed').waitFor();
    assert.equal(await text(page, '.govuk-panel__body'), `Support ended on ${inWords(utcDate())}`);
    await checkPage(assessor, 'the case closed', { file: 'closed' });

    await page.locator('#back-to-record').click();
    await page.waitForURL((url) => url.pathname === '/person');
    await page.locator('#case-closed').waitFor();
    assert.match(await text(page, '#case-closed'), new RegExp(`This case is closed Why Moved to another council's area Support ended on ${inWords(utcDate())} Note Moved to Leeds\\. She lives with her daughter\\.$`));
    assert.equal(await page.locator('#record-review').count(), 0);
    assert.equal(await text(page, '#case-tasks li:nth-child(3) .govuk-task-list__status'), 'Case closed');
    assert.equal(await page.locator('#close-case').count(), 0);
    await checkPage(assessor, 'the record of a closed case', { file: 'person-closed' });

    // An old link to the review form says plainly there is nothing to review.
    await page.goto(`/person/review?person=${personId}`);
    await page.locator('#nothing-to-review').waitFor();
    assert.equal(await text(page, '#nothing-to-review'), 'Maya Okafor’s case is closed, so there is nothing to review.');
    assert.equal(await page.locator('#review-form').isVisible(), false);
    await checkPage(assessor, 'the review form for a closed case');
  });
});
