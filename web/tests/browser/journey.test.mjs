// The whole journey to a personal budget, end to end, against the real server and database:
//
//   1. a social worker (assessor) adds a person, decides eligibility and records the
//      assessment through the pages, seeing the indicative budget and its explanation;
//   2. the person is given a budget holder's account linked to their record (the command
//      line, as a council does), signs in, sees what happens next, and gives a support
//      planner access to write their plan on their record page ("Write your support plan");
//   3. the support planner (an account with the support-planner and representative roles, who
//      finds the person on /people-i-help:
//      only a representative can be given access) opens the person's plan and budget page,
//      builds a plan above the indicative budget in the plan builder, and submits it;
//   4. the approver, whose limit the administrator sets through the API, signs it off with a
//      reason for the difference on the decision page;
//   5. the budget holder sees their plan, their budget statement and their reviews on their
//      record, and the statement's PDF link answers with a PDF; the planner and the social
//      worker see the same statement on the budget page, which prints without navigation;
//   6. after a review (recorded through the API: the review form is not part of this
//      journey), the budget holder sees how each outcome is going; a finance officer sees
//      the statement and the reviews but not the plan.
//
// axe-core checks every page state, no console error is allowed, and each API error must be
// the one expected. Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist (npm run build).
// Screenshots go to web/test-output/screenshots/journey-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  callApi,
  checkPageState,
  POINTS_PRICE_MODEL,
  skipWithoutBin,
  text,
  useServerAndBrowser,
} from './support.mjs';
import { fillNewPersonForm, fillWithFirstExample, setApprovalLimit, tasks } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 120_000;
const skip = skipWithoutBin('the journey adds users and publishes a model with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { key: 'assessor', email: 'sam@example.org', name: 'Sam Social-Worker', roles: ['assessor'] };
const APPROVER = { key: 'approver', email: 'ade@example.org', name: 'Ade Approver', roles: ['approver'] };
const ADMIN = { key: 'admin', email: 'kim@example.org', name: 'Kim Administrator', roles: ['administrator'] };
const PLANNER = { key: 'planner', email: 'pat@example.org', name: 'Pat Planner', roles: ['support-planner', 'representative'] };
const FINANCE = { key: 'finance', email: 'fola@example.org', name: 'Fola Finance', roles: ['finance-officer'] };
const HOLDER = { key: 'holder', email: 'maya@example.org', name: 'Maya Okafor', roles: ['budget-holder'] };
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

const links = {};
let personId;
let planId;

// The administrator sets the approver's limit through the API, without an authenticator app.
const env = useServerAndBrowser('journey', {
  serverArgs: ['--allow-administrators-without-totp'],
  async setUp() {
    for (const user of [ASSESSOR, APPROVER, ADMIN, PLANNER, FINANCE]) links[user.key] = await env.addUser(user);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

/** A new browser context in which `user` has created their password and signed in. */
function signIn(user) {
  return env.signIn(user.key, user, {
    link: links[user.key],
    password: PASSWORD,
    afterPasswordCreated: (p) => checkPage(p, `${user.name}’s set-password confirmation`),
    afterSignIn: (p) => p.page.locator('#account-details').waitFor(),
  });
}

function as(user) {
  env.ready();
  const p = env.people[user.key];
  assert.ok(p, `${user.name} has not signed in`);
  return p;
}

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `journey-${file}` });
}

/** The rows of a GOV.UK summary list: [key, value] with spaces squeezed. */
function summaryRows(page, selector) {
  return page.locator(`${selector} .govuk-summary-list__row`).evaluateAll((rows) => rows.map((row) => [
    row.querySelector('dt').textContent.replace(/\s+/g, ' ').trim(),
    row.querySelector('dd').textContent.replace(/\s+/g, ' ').trim(),
  ]));
}

describe('the journey to a personal budget', { skip }, () => {
  test('1. the social worker adds the person through the pages', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = await signIn(ASSESSOR);
    const { page } = assessor;
    await page.goto('/caseload');
    await page.locator('#caseload-empty').waitFor();
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.waitForURL((url) => url.pathname === '/people/new');
    await page.locator('#person-form').waitFor();
    await fillNewPersonForm(page);
    await checkPage(assessor, 'the add-a-person form, filled in', { file: 'new-person' });
    await page.getByRole('button', { name: 'Add this person' }).click();
    await page.waitForURL((url) => url.pathname === '/person');
    personId = new URL(page.url()).searchParams.get('id');
    await page.locator('#case-tasks').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Maya Okafor');
    assert.equal(await page.locator('#budget-link').count(), 0, 'no budget link before a budget is in place');
    await checkPage(assessor, 'the new person’s record', { file: 'person-new' });
  });

  test('2. eligibility, then the assessment showing the indicative budget and its explanation', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as(ASSESSOR);
    const { page } = assessor;
    await page.getByRole('link', { name: 'Decide eligibility' }).click();
    await page.waitForURL((url) => url.pathname === '/person/eligibility');
    await page.locator('#eligibility-form').waitFor();
    // Two outcomes they cannot achieve (the first two, each with the first reason it shows),
    // the rest they can; the needs arise from a condition and affect their wellbeing. Each
    // question shown is answered in turn, as a reason appears once "cannot" is chosen.
    const visibleGroups = () => page.locator('input[type=radio]').evaluateAll((inputs) =>
      [...new Set(inputs.filter((i) => i.offsetParent !== null).map((i) => i.name))]);
    const outcomes = (await visibleGroups()).filter((name) => name.startsWith('outcome-'));
    const answered = new Set();
    for (let next = (await visibleGroups())[0]; next; next = (await visibleGroups()).find((n) => !answered.has(n))) {
      answered.add(next);
      const cannot = outcomes.slice(0, 2).includes(next);
      await page.locator(`input[type=radio][name="${next}"]`).nth(cannot ? 1 : 0).check();
    }
    assert.equal([...answered].filter((n) => n.startsWith('reason-')).length, 2, 'a reason for each outcome they cannot achieve');
    await checkPage(assessor, 'the eligibility form, answered', { file: 'eligibility' });
    await page.getByRole('button', { name: 'Record eligibility' }).click();
    await page.locator('#eligibility-result').waitFor();
    assert.equal(await page.locator('#eligibility-result h2').innerText(), 'Has eligible needs');
    await checkPage(assessor, 'the eligibility decision', { file: 'eligibility-result' });

    await page.locator('#go-to-assessment').click();
    await page.waitForURL((url) => url.pathname === '/person/assessment');
    await page.locator('#assessment-section').waitFor();
    await fillWithFirstExample(page, env.council.code);
    await page.waitForFunction(() => document.getElementById('live-total')?.textContent === '£239.25 a week');
    assert.equal(await page.locator('#live-explanation-money').count(), 1, 'the live explanation of the amount');
    await page.locator('#completed-by').check();
    await checkPage(assessor, 'the assessment with its live indicative budget', { file: 'assessment' });
    await page.getByRole('button', { name: 'Record this assessment' }).click();
    await page.waitForURL((url) => url.pathname === '/person');
    await page.locator('#case-tasks').waitFor();
    assert.match(await text(page, '#indicative-budget'), /£239\.25 a week/);
    assert.ok(await page.locator('#explanation-money tbody tr').count() > 0, 'the explanation of the indicative budget');
    assert.deepEqual((await tasks(page))[2], ['Agree a support plan', 'Not yet started']);
    await checkPage(assessor, 'the record with the indicative budget', { file: 'person-assessed' });
  });

  test('3. the person gets an account, sees what happens next, and gives the support planner access to write their plan', { timeout: STEP_TIMEOUT_MS }, async () => {
    // The council gives Maya a budget holder's account linked to her record.
    links[HOLDER.key] = await env.addUser(HOLDER, { person: personId });
    const holder = await signIn(HOLDER);
    const { page } = holder;
    await page.locator('#navigation').getByRole('link', { name: 'Your record' }).click();
    await page.waitForURL((url) => url.pathname === '/my-record');
    await page.locator('#record-section').waitFor();
    await page.locator('#what-happens-next').waitFor();
    assert.match(await text(page, '#what-happens-next'), /^Your indicative budget has been worked out\. The next step is a support plan/);
    assert.equal(await page.locator('#statement-pdf').count(), 0, 'no PDF before a budget');
    await checkPage(holder, 'the budget holder’s record before a plan', {
      apiErrors: [`404 GET /api/people/${personId}/budget`],
      file: 'my-record-before',
    });

    await page.locator('#grantee-email').fill(PLANNER.email);
    await page.getByLabel('Write your support plan').check();
    await page.locator('#ends-on-day').fill('31');
    await page.locator('#ends-on-month').fill('3');
    await page.locator('#ends-on-year').fill(String(NEXT_YEAR));
    await page.locator('#reason').fill('Pat from the support planning service is helping me write my plan');
    await page.getByRole('button', { name: 'Give access' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    const row = page.locator('#grants-body').getByRole('row', { name: /Pat Planner/ });
    assert.match(await row.innerText(), /Write your support plan/);
    await checkPage(holder, 'the record after giving the planner access', { file: 'access-given' });
  });

  test('4. the support planner opens the person’s plan and budget page and builds a plan above the indicative budget', { timeout: STEP_TIMEOUT_MS }, async () => {
    const planner = await signIn(PLANNER);
    const { page } = planner;
    // The planner finds the person among the people they help, and opens their plan and budget.
    await page.goto('/people-i-help');
    await page.locator('#people-table').waitFor();
    const row = page.locator('#people-table tbody tr').first();
    assert.match(await row.innerText(), /Maya Okafor\s+See their plan and budget and write their support plan/);
    await checkPage(planner, 'the people the planner helps', { file: 'people-i-help' });
    await page.getByRole('link', { name: 'Maya Okafor' }).click();
    await page.waitForURL(`**/person/budget?person=${personId}`);
    await page.locator('#write-plan').waitFor();
    assert.equal(await page.locator('#person-caption').innerText(), 'Maya Okafor');
    assert.match(await text(page, '#what-happens-next'), /^Their indicative budget has been worked out/);
    assert.equal(await page.locator('#write-plan').innerText(), 'Start the support plan');
    await checkPage(planner, 'the plan and budget page before a plan', { file: 'budget-page-before' });

    await page.locator('#write-plan').click();
    await page.waitForURL((url) => url.pathname === '/person/plan');
    await page.locator('#plan-section').waitFor();
    assert.equal(await text(page, '#money-indicative'), '£12,441.00 a year');
    assert.equal(await page.locator('#back-to-person').getAttribute('href'), `/person/budget?person=${personId}`);
    await page.locator('#outcome-o1').fill('I want to get up and dressed before 9 so I can go to the day centre');
    await page.getByRole('button', { name: 'Add another outcome' }).click();
    await page.locator('#outcome-o2').fill('I want to see my friends at the chess club');

    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.locator('#item-i1-what').fill('Help to get up and dressed');
    await page.locator('#item-i1-supplier-2').check();
    await page.locator('#item-i1-supplier-name').fill('Grace');
    await page.locator('#item-i1-unit-price').fill('20');
    await page.locator('#item-i1-quantity').fill('10');
    await page.locator('#item-i1-outcomes').check();

    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.locator('#item-i2-what').fill('Chess club visits with a support worker');
    await page.locator('#item-i2-supplier').check();
    await page.locator('#item-i2-supplier-name').fill('Westminster Day Services');
    await page.locator('#item-i2-unit').fill('visit');
    await page.locator('#item-i2-unit-price').fill('45');
    await page.locator('#item-i2-quantity').fill('2');
    await page.locator('#item-i2-outcomes-2').check();
    await page.locator('#item-i2-route-2').check();
    await page.waitForFunction(() => document.getElementById('money-left')?.textContent === '-£2,639.00 a year (-£50.75 a week)');
    assert.match(await text(page, '#over-budget'), /This plan costs £2,639\.00 a year more than the indicative budget/);

    await page.locator('#written-with').check();
    await page.locator('#written-with-4').check();
    await page.locator('[id^="risk-"][id$="-risk"]').first().fill('Falls when getting up at night');
    await page.locator('[id^="risk-"][id$="-how-managed"]').first().fill('A pendant alarm, and Grace checks it each morning');
    await page.locator('#emergency').fill('Call her daughter Ife on 07700 900123');
    await checkPage(planner, 'the plan builder above the indicative budget', { file: 'builder' });

    await page.getByRole('button', { name: 'Save and check the plan' }).click();
    await page.waitForURL((url) => url.pathname === '/person/plan/check');
    await page.locator('#submit-form').waitFor();
    planId = new URL(page.url()).searchParams.get('plan');
    assert.match(await text(page, '#plan-cost'), /Cost in the first year £15,080\.00/);
    await checkPage(planner, 'check the plan', { file: 'check' });

    await page.getByRole('button', { name: 'Submit for sign-off' }).click();
    await page.waitForURL((url) => url.pathname === '/person/budget');
    await page.locator('#what-happens-next').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'The plan has been submitted for sign-off');
    assert.equal(await text(page, '#what-happens-next'), 'Their support plan has been sent to the council to be agreed. Once it is agreed, the budget statement will be here.');
    assert.match(await text(page, '#plan-versions'), /1 Waiting for sign-off £15,080\.00 See the plan version 1/);
    await checkPage(planner, 'the plan and budget page with the plan waiting', { file: 'budget-page-waiting' });
  });

  test('5. the approver signs the plan off with a reason for the difference', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn(ADMIN);
    await setApprovalLimit(admin.page, APPROVER.email, '30000');
    await admin.context.close();

    const approver = await signIn(APPROVER);
    const { page } = approver;
    await page.goto('/sign-off');
    await page.locator('#sign-off-queue').waitFor();
    await page.locator('#sign-off-queue a').first().click();
    await page.waitForURL((url) => url.pathname === '/sign-off/decision');
    await page.locator('#decision-form').waitFor();
    await page.locator('#decision').check();
    assert.equal(await page.locator('#actual-annual').inputValue(), '15080.00');
    await page.locator('#variance-category-3').check();
    await page.locator('#variance-words').fill('Day services cost more locally than the model allows for.');
    await checkPage(approver, 'the decision, approving with a reason', { file: 'decision' });
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-off');
    await page.locator('#queue-empty').waitFor();
    assert.equal(await text(page, '.govuk-notification-banner__heading'), 'You approved the plan for Maya Okafor');
    await checkPage(approver, 'the queue after approving', { file: 'approved' });
  });

  test('6. the budget holder sees their plan, their budget statement and their reviews; the PDF is a PDF', { timeout: STEP_TIMEOUT_MS }, async () => {
    const holder = as(HOLDER);
    const { page } = holder;
    await page.goto('/my-record');
    await page.locator('#statement-summary').waitFor();
    assert.deepEqual(await summaryRows(page, '#statement-summary'), [
      ['The cost of meeting your needs', '£15,080.00 a year (£290.00 a week)'],
      ['What you pay towards it', 'Not worked out yet: the council will do a financial assessment'],
      ['What the council pays', '£15,080.00 a year (£290.00 a week)'],
      ['The period', (await summaryRows(page, '#statement-summary'))[3][1]],
    ]);
    assert.match(await text(page, '#statement-summary'), /The period \d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}/);
    assert.match(await text(page, '#statement-sentences'), /^Your personal budget is £15,080\.00 a year \(£290\.00 a week\)/);
    assert.match(await text(page, '#statement-routes'), /Paid to you as a direct payment £10,400\.00 Held for you by an organisation you chose \(a managed budget\) £4,680\.00/);
    assert.match(await text(page, '#statement-routes'), /Total £15,080\.00/);
    assert.equal(await text(page, '#plan-outcomes'), 'I want to get up and dressed before 9 so I can go to the day centre I want to see my friends at the chess club');
    assert.match(await text(page, '#plan-items'), /Help to get up and dressed A personal assistant they employ: Grace 10 hours each week, £200\.00 a week Direct payment/);
    assert.match(await text(page, '#next-review'), /^Your next review: Due in \d+ days?, on /);
    assert.equal(await page.locator('#next-review .govuk-tag').count(), 0, 'not overdue');
    assert.equal(await text(page, '#past-reviews'), 'You have not had a review yet.');
    const pdfHref = await page.locator('#statement-pdf').getAttribute('href');
    assert.equal(pdfHref, `/api/people/${personId}/budget/statement.pdf`);
    assert.equal(await page.locator('#statement-pdf').innerText(), 'Download the statement (PDF)');
    await page.locator('#views-body tr').first().waitFor();
    await checkPage(holder, 'the budget holder’s record with the budget in place', { file: 'my-record-budget' });

    const pdf = await holder.context.request.get(pdfHref);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'], /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('7. the planner and the social worker see the same statement on the budget page, which prints without the navigation', { timeout: STEP_TIMEOUT_MS }, async () => {
    const planner = as(PLANNER);
    await planner.page.goto(`/person/budget?person=${personId}`);
    await planner.page.locator('#statement-summary').waitFor();
    assert.equal((await summaryRows(planner.page, '#statement-summary'))[0][0], 'The cost of meeting their needs');
    assert.match(await text(planner.page, '#statement-variance'), /Day services cost more locally than the model allows for\./);
    assert.equal(await planner.page.locator('#write-plan').count(), 0);
    await checkPage(planner, 'the budget page for the support planner', { file: 'budget-page-planner' });

    const assessor = as(ASSESSOR);
    const { page } = assessor;
    await page.goto(`/person?id=${personId}`);
    await page.locator('#case-tasks').waitFor();
    assert.deepEqual((await tasks(page))[2], ['Agree a support plan', 'Completed']);
    await page.getByRole('link', { name: 'See the personal budget statement and reviews' }).click();
    await page.waitForURL((url) => url.pathname === '/person/budget');
    await page.locator('#statement-summary').waitFor();
    assert.equal(await page.locator('#back-link').getAttribute('href'), `/person?id=${personId}`);
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Your caseload');
    assert.match(await text(page, '#next-review'), /^Next review: Due in/);
    await checkPage(assessor, 'the budget page for the social worker', { file: 'budget-page' });

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#service-navigation').isVisible(), false, 'no navigation on paper');
    assert.equal(await page.locator('#statement-pdf').isVisible(), false, 'no PDF link on paper');
    assert.equal(await page.locator('#plan-versions-section').isVisible(), false);
    assert.equal(await page.locator('#statement-summary').isVisible(), true);
    await checkPage(assessor, 'the budget page as printed', { file: 'budget-page-print' });
    await page.emulateMedia({ media: 'screen' });
  });

  test('8. after a review (recorded through the API), the budget holder sees it with how each outcome is going', { timeout: STEP_TIMEOUT_MS }, async () => {
    const assessor = as(ASSESSOR);
    const codes = (await callApi(assessor.page, 'GET', '/api/casework/codes')).body;
    const plan = (await callApi(assessor.page, 'GET', `/api/plans/${planId}`)).body;
    const review = await callApi(assessor.page, 'POST', `/api/people/${personId}/reviews`, {
      reason: codes.review_reason[0].code,
      method: codes.review_method[0].code,
      persons_view: 'Grace is a great help in the mornings',
      result: 'continue',
      notes: '',
      outcomes: [
        { outcome: plan.outcomes[0].id, rating: 'achieved', persons_view: 'I am at the day centre by ten' },
        { outcome: plan.outcomes[1].id, rating: 'partly', persons_view: 'I have been twice' },
      ],
    });
    assert.equal(review.status, 201, JSON.stringify(review.body));

    const holder = as(HOLDER);
    const { page } = holder;
    await page.reload();
    await page.locator('#review-1').waitFor();
    assert.match(await text(page, '#review-1'), /^Review on \d{1,2} \w+ \d{4}/);
    assert.match(await text(page, '#review-1'), /What you said Grace is a great help in the mornings/);
    const ratings = await page.locator('#review-1 tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => cell.textContent.trim())));
    assert.deepEqual(ratings, [
      ['I want to get up and dressed before 9 so I can go to the day centre', 'Achieved'],
      ['I want to see my friends at the chess club', 'Partly achieved'],
    ]);
    assert.match(await text(page, '#next-review'), /^Your next review: Due in/);
    await page.locator('#views-body tr').first().waitFor();
    await checkPage(holder, 'the budget holder’s record after a review', { file: 'my-record-reviewed' });
  });

  test('9. a finance officer, who sees the money but not the case record, sees the statement without the plan', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = await signIn(FINANCE);
    const { page } = finance;
    await page.goto(`/person/budget?person=${personId}`);
    await page.locator('#statement-summary').waitFor();
    assert.equal(await page.locator('#person-caption').innerText(), 'Maya Okafor');
    assert.equal(await page.locator('#plan-outcomes').count(), 0, 'no plan: that is the case record');
    assert.equal(await page.locator('#review-1').count(), 1);
    await checkPage(finance, 'the budget page for a finance officer', {
      apiErrors: [`403 GET /api/people/${personId}`],
      file: 'budget-page-finance',
    });
  });
});
