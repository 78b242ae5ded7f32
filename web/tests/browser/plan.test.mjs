// Browser tests of support plans: the plan builder with the money left worked out live
// (/person/plan), checking and submitting it (/person/plan/check), the approver's sign-off
// queue (/sign-off) and decision page (/sign-off/decision), and what the person's record then
// shows. Also: a save that someone else beat is refused with a plain message (409), and the
// add-item and decision controls work by keyboard alone. axe-core checks every page state,
// and no console error is allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council, an assessor, an approver
// and an administrator with the command line, publishes models/points-price.yaml, then starts
// `selfdirect serve` on that database (with --allow-administrators-without-totp, so that the
// administrator can set the approver's limit through the API without an authenticator app).
// The person, their eligibility and assessment are recorded through the API, as the casework
// test already drives those pages. Build web/dist first (npm run build).
//
// Screenshots go to web/test-output/screenshots/plan-*.png.

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
import { recordPersonToIndicativeBudget, setApprovalLimit, tasks } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add users and publish a model with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };
const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };

const links = {};
let personId;
let planId;

const env = useServerAndBrowser('plan', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ASSESSOR, APPROVER, ADMIN]) links[user.role] = await env.addUser(user);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

/** A new browser context in which `user` has created their password and signed in. */
function signIn(name, user) {
  return env.signIn(name, user, { link: links[user.role], password: PASSWORD });
}

function as(name) {
  return env.as(name);
}

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `plan-${file}` });
}

/** Presses Tab until `isThere` is true of the focused element (at most `limit` times). */
async function tabTo(page, isThere, what, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return { id: el?.id ?? '', tag: el?.tagName ?? '', type: el?.getAttribute('type') ?? '', name: el?.getAttribute('name') ?? '', value: el?.getAttribute('value') ?? '', text: el?.textContent?.trim() ?? '' };
    });
    if (isThere(focused)) return focused;
  }
  assert.fail(`Tab never reached ${what}`);
}

describe('support plans', { skip }, () => {
  test('the approver signs in: "Plans to sign off" is in the header, and the queue says plainly it is empty', { timeout: STEP_TIMEOUT_MS }, async () => {
    const approver = await signIn('approver', APPROVER);
    const { page } = approver;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Plans to sign off']);
    assert.deepEqual(await page.locator('#account-pages a').allInnerTexts(), ['Plans to sign off']);
    await page.locator('#navigation').getByRole('link', { name: 'Plans to sign off' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-off');
    await page.locator('#queue-empty').waitFor();
    assert.match(await text(page, '#queue-empty'), /There are no plans waiting for sign-off/);
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Plans to sign off');
    await checkPage(approver, 'the empty sign-off queue', { file: 'queue-empty' });
  });

  test('the assessor records a person, eligibility and an assessment (£239.25 a week); the record offers the plan', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = await signIn('assessor', ASSESSOR);
    const { page } = assessor;
    personId = await recordPersonToIndicativeBudget(page, env.council.code);

    await page.goto(`/person?id=${personId}`);
    await page.locator('#case-tasks').waitFor();
    assert.deepEqual((await tasks(page))[2], ['Agree a support plan', 'Not yet started']);
    await checkPage(assessor, 'the record ready for a plan', { file: 'person-planning' });
  });

  test('the builder: outcomes, an item added by keyboard, the money left going below nothing with a warning, a field error, then saved', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as('assessor');
    const { page } = assessor;
    await page.getByRole('link', { name: 'Agree a support plan' }).click();
    await page.waitForURL((url) => url.pathname === '/person/plan');
    await page.locator('#plan-section').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Start a support plan');
    assert.equal(await text(page, '#money-indicative'), '£12,441.00 a year');
    assert.equal(await text(page, '#money-left'), '£12,441.00 a year (£239.25 a week)');
    assert.equal(await page.locator('#money-live').getAttribute('aria-live'), 'polite');
    await checkPage(assessor, 'the empty plan builder', { file: 'builder-empty' });

    await page.locator('#outcome-o1').fill('I want to get up and dressed before 9 so I can go to the day centre');
    await page.getByRole('button', { name: 'Add another outcome' }).click();
    assert.equal(await focusedId(page), 'outcome-o2');
    await page.keyboard.type('I want to see my friends at the chess club');

    // Keyboard only: Tab to "Add an item", press Enter; focus goes to the new item's first box.
    await tabTo(page, (f) => f.id === 'add-item', 'the Add an item button');
    await page.keyboard.press('Enter');
    await page.locator('#item-i1-what').waitFor();
    assert.equal(await focusedId(page), 'item-i1-what');
    await page.keyboard.type('Help to get up and dressed');
    // Who: Tab into the radios (the checked one, "To be chosen"), arrow up to a personal assistant.
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'item-i1-supplier-3');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.locator('#item-i1-supplier-2').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'item-i1-supplier-name');
    await page.keyboard.type('Grace');
    await page.keyboard.press('Tab'); // unit: "hour" already
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'item-i1-unit-price');
    await page.keyboard.type('20');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10');
    await page.keyboard.press('Tab'); // how often: each week (checked)
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'item-i1-outcomes');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#item-i1-outcomes').isChecked(), true);
    await page.waitForFunction(() => document.getElementById('money-left')?.textContent === '£2,041.00 a year (£39.25 a week)');
    assert.equal(await text(page, '#item-i1-line-cost'), 'This item costs £200.00 each week.');
    assert.equal(await page.locator('#over-budget').count(), 0);
    await checkPage(assessor, 'the builder with one item within the budget', { file: 'builder-one-item' });

    // A second item takes the plan above the indicative budget; its price is mistyped at first.
    await page.getByRole('button', { name: 'Add an item' }).click();
    assert.equal(await focusedId(page), 'item-i2-what');
    await page.keyboard.type('Chess club visits with a support worker');
    await page.locator('#item-i2-supplier').check();
    await page.locator('#item-i2-supplier-name').fill('Westminster Day Services');
    await page.locator('#item-i2-unit').fill('visit');
    await page.locator('#item-i2-unit-price').fill('45.555');
    await page.locator('#item-i2-quantity').fill('2');
    await page.locator('#item-i2-outcomes-2').check();
    await page.locator('#item-i2-route-2').check();
    await page.locator('#money-incomplete').waitFor();
    assert.equal(await text(page, '#money-incomplete'), '1 item is not counted yet: enter its price and how many.');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    const items = await errorSummaryItems(page);
    assert.deepEqual(items, [{ text: 'Enter the price of one visit in pounds, like 21.50', href: '#item-i2-unit-price' }]);
    assert.equal(await page.locator('#item-i2-unit-price.govuk-input--error').count(), 1);
    assert.match(await page.title(), /^Error: /);
    // The typed work is all still there.
    assert.equal(await page.locator('#item-i1-supplier-name').inputValue(), 'Grace');
    assert.equal(await page.locator('#outcome-o2').inputValue(), 'I want to see my friends at the chess club');
    await checkPage(assessor, 'the builder with a field error', { apiErrors: [`422 POST /api/people/${personId}/plans`], file: 'builder-error' });

    await page.locator('#item-i2-unit-price').fill('45');
    await page.waitForFunction(() => document.getElementById('money-left')?.textContent === '-£2,639.00 a year (-£50.75 a week)');
    assert.equal(await text(page, '#money-cost'), '£15,080.00 a year (£290.00 a week)');
    assert.match(await text(page, '#over-budget'), /Warning This plan costs £2,639\.00 a year more than the indicative budget\. An approver will need a reason to agree it\.$/);
    await checkPage(assessor, 'the builder above the indicative budget', { file: 'builder-over' });

    // A third item, added and removed: nothing else typed is lost.
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.locator('#item-i3-what').fill('Something to take away again');
    await page.getByRole('button', { name: 'Remove item 3' }).click();
    assert.equal(await page.locator('#item-i3-what').count(), 0);
    assert.equal(await focusedId(page), 'item-i2-heading');
    assert.equal(await page.locator('#item-i2-supplier-name').inputValue(), 'Westminster Day Services');

    await page.locator('#written-with').check();
    await page.locator('#written-with-4').check();
    await page.locator('[id^="risk-"][id$="-risk"]').first().fill('Falls when getting up at night');
    await page.locator('[id^="risk-"][id$="-how-managed"]').first().fill('A pendant alarm, and Grace checks it each morning');
    await page.locator('#emergency').fill('Call her daughter Ife on 07700 900123; Westminster Day Services can send cover');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'The plan has been saved');
    assert.equal(await text(page, '#saved-cost'), '£15,080.00 a year (£290.00 a week)');
    assert.match(await text(page, '#saved-against'), /This plan costs £2,639\.00 a year more than the indicative budget of £12,441\.00/);
    planId = new URL(page.url()).searchParams.get('plan');
    assert.ok(planId, `the address names the plan now: ${page.url()}`);
    await checkPage(assessor, 'the saved plan', { file: 'builder-saved' });
  });

  test('two people save the same version: the second is told someone else saved first, and keeps what they typed', { timeout: STEP_TIMEOUT_MS }, async () => {
    const first = as('assessor');
    const second = await signIn('assessor-2', ASSESSOR);
    await second.page.goto(`/person/plan?plan=${planId}`);
    await second.page.locator('#plan-section').waitFor();
    assert.equal(await second.page.locator('#item-i2-unit').inputValue(), 'visit');

    await first.page.locator('#emergency').fill('Call her daughter Ife on 07700 900123');
    await first.page.getByRole('button', { name: 'Save as a draft' }).click();
    await first.page.locator('.govuk-notification-banner--success').waitFor();

    await second.page.locator('#outcome-o1').fill('Get up and dressed by nine');
    await second.page.getByRole('button', { name: 'Save as a draft' }).click();
    const items = await errorSummaryItems(second.page);
    assert.deepEqual(items.map((i) => i.text), ['Someone else saved this plan since you opened it. Reload the page to see their changes; your changes have not been saved.']);
    assert.equal(await second.page.locator('#outcome-o1').inputValue(), 'Get up and dressed by nine');
    await checkPage(second, 'the builder after a save someone else beat', { apiErrors: [`409 PUT /api/plans/${planId}`], file: 'builder-conflict' });
    await second.context.close();
  });

  test('check the plan, then submit it for sign-off; the record says it is waiting', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as('assessor');
    const { page } = assessor;
    await page.getByRole('button', { name: 'Save and check the plan' }).click();
    await page.waitForURL((url) => url.pathname === '/person/plan/check');
    await page.locator('#submit-form').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Check the support plan');
    assert.equal(await text(page, '#summary-outcomes'), 'I want to get up and dressed before 9 so I can go to the day centre I want to see my friends at the chess club');
    assert.match(await text(page, '#summary-item-1'), /Who A personal assistant they employ: Grace How much 10 hours each week at £20\.00 each Cost £200\.00 a week Paid by Direct payment/);
    assert.match(await text(page, '#summary-item-2'), /2 visits each week at £45\.00 each Cost £90\.00 a week Paid by Managed budget Helps with 2\. I want to see my friends/);
    assert.match(await text(page, '#summary-written'), /Written with The person themselves, A social worker/);
    assert.match(await text(page, '#summary-written'), /In an emergency Call her daughter Ife on 07700 900123$/);
    assert.match(await text(page, '#plan-cost'), /Cost in the first year £15,080\.00 Cost a week £290\.00 Indicative budget £12,441\.00 a year/);
    assert.match(await text(page, '#plan-over-budget'), /This plan costs £2,639\.00 a year more than the indicative budget/);
    await checkPage(assessor, 'check the plan', { file: 'check' });

    await page.getByRole('button', { name: 'Submit for sign-off' }).click();
    await page.waitForURL((url) => url.pathname === '/person');
    await page.locator('#case-tasks').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'The plan has been submitted for sign-off');
    assert.deepEqual((await tasks(page))[2], ['Agree a support plan', 'Waiting for sign-off']);
    await checkPage(assessor, 'the record with the plan waiting', { file: 'person-waiting' });
  });

  test('the approver sees the plan in the queue, oldest first, with the difference from the indicative budget', { timeout: STEP_TIMEOUT_MS }, async () => {
    const approver = as('approver');
    const { page } = approver;
    await page.goto('/sign-off');
    await page.locator('#sign-off-queue').waitFor();
    const rows = await page.locator('#sign-off-queue tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent.trim().replace(/\s+/g, ' '))));
    assert.equal(rows.length, 1);
    assert.match(rows[0][0], /^Maya Okafor/);
    assert.deepEqual(rows[0].slice(2), ['£15,080.00', '£12,441.00', '£2,639.00 over']);
    await checkPage(approver, 'the sign-off queue', { file: 'queue' });
  });

  test('deciding: no reason for the difference is a field error; above the limit says to refer; then approved with a reason, by keyboard', { timeout: STEP_TIMEOUT_MS }, async () => {
    // The administrator gives the approver a limit of £15,000 a year, below this plan's cost.
    const admin = await signIn('admin', ADMIN);
    const setLimit = (limit) => setApprovalLimit(admin.page, APPROVER.email, limit);
    await setLimit('15000');

    const approver = as('approver');
    const { page } = approver;
    await page.locator('#sign-off-queue a').first().click();
    await page.waitForURL((url) => url.pathname === '/sign-off/decision');
    await page.locator('#decision-form').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Decide version 1 of the support plan');
    assert.match(await text(page, '#plan-cost'), /Cost in the first year £15,080\.00/);
    assert.match(await text(page, '#plan-rounds'), /Submitted for sign-off/);
    await page.locator('#explanation-details summary').click();
    await page.locator('#explanation-money').waitFor();
    await checkPage(approver, 'the decision page', { file: 'decision' });

    // Keyboard only: Tab to the first decision, Space chooses "Approve" and reveals the budget.
    await tabTo(page, (f) => f.id === 'decision', 'the decision radios');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#decision').isChecked(), true);
    assert.equal(await page.locator('#conditional-approve').isVisible(), true);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'actual-annual');
    assert.equal(await page.locator('#actual-annual').inputValue(), '15080.00');
    assert.equal(await page.locator('#variance-section').isVisible(), true);
    assert.match(await text(page, '#variance-note'), /differs from the indicative budget of £12,441\.00 a year/);
    await checkPage(approver, 'the decision with approve chosen', { file: 'decision-approve' });
    await tabTo(page, (f) => f.id === 'record-decision', 'the Record the decision button');
    await page.keyboard.press('Enter');
    let items = await errorSummaryItems(page);
    assert.deepEqual(items.map((i) => i.href), ['#variance-category', '#variance-words']);
    assert.match(items[0].text, /differs from the indicative budget/);
    await checkPage(approver, 'the decision without a reason for the difference', { apiErrors: [`422 POST /api/plans/${planId}/decision`], file: 'decision-no-reason' });

    // The summary's link takes focus to the reason; choose one with the arrow keys and explain.
    await page.locator('.govuk-error-summary a[href="#variance-category"]').press('Enter');
    assert.equal(await focusedId(page), 'variance-category');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#variance-category-3').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'variance-words');
    await page.keyboard.type('Day services cost more locally than the model allows for.');
    await tabTo(page, (f) => f.id === 'record-decision', 'the Record the decision button');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary li').filter({ hasText: 'approval limit' }).waitFor();
    items = await errorSummaryItems(page);
    assert.equal(items.length, 1);
    assert.match(items[0].text, /above your approval limit \(£15,000\.00\)\. Refer it to an approver with a higher limit, or to the panel/);
    assert.equal(items[0].href, '#decision-4');
    await checkPage(approver, 'the decision above the approval limit', { apiErrors: [`409 POST /api/plans/${planId}/decision`], file: 'decision-above-limit' });

    // With a higher limit the same decision is recorded.
    await setLimit('30000');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-off');
    await page.locator('#queue-empty').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'You approved the plan for Maya Okafor');
    assert.match(await text(page, '.govuk-notification-banner__content'), /The budget is £15,080\.00 a year\./);
    await checkPage(approver, 'the queue after approving', { file: 'queue-after' });
    await admin.context.close();
  });

  test('the person’s record shows the plan agreed and the budget in place', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as('assessor');
    const { page } = assessor;
    await page.goto(`/person?id=${personId}`);
    await page.locator('#case-tasks').waitFor();
    assert.deepEqual((await tasks(page))[2], ['Agree a support plan', 'Completed']);
    assert.match(await text(page, '#person-content'), /Stage: Personal budget in place/);
    await checkPage(assessor, 'the record with the plan approved', { file: 'person-approved' });

    await page.goto(`/person/plan/check?plan=${planId}`);
    await page.locator('#plan-summary .govuk-summary-card').first().waitFor();
    assert.equal(await page.locator('#loading').innerText(), 'Version 1: Approved.');
    assert.equal(await page.locator('#submit-form').isVisible(), false);
    await checkPage(assessor, 'the approved plan', { file: 'approved' });
  });
});
