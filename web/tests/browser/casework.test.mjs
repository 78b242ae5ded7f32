// Browser tests of the social worker's casework pages: the caseload (/caseload), adding a
// person (/people/new), the person's record (/person), the eligibility decision
// (/person/eligibility) and the assessment with its live indicative budget
// (/person/assessment). One journey, in order, in Debian's Chromium driven by
// playwright-core, with axe-core checking every page state it shows and no console error
// allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council and an assessor with the
// command line, publishes models/points-price.yaml with `selfdirect ras publish`, then starts
// `selfdirect serve` on that database. Build web/dist first (npm run build). Skipped with
// only SELFDIRECT_URL set.
//
// Screenshots go to web/test-output/screenshots/casework-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkPageState,
  createPassword,
  errorSummaryItems,
  POINTS_PRICE_MODEL,
  skipWithoutBin,
  submitSignIn,
  useServerAndBrowser,
} from './support.mjs';
import { fillNewPersonForm, fillWithFirstExample, tasks } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add an assessor and publish a model with the selfdirect command line');

const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor', password: 'correct horse battery staple' };

let assessorLink;
let p;
/** The id of the person added, once added. */
let personId;

const env = useServerAndBrowser('casework', {
  async setUp() {
    assessorLink = await env.addUser(ASSESSOR);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
  async whenStarted() {
    p = await env.newPage();
  },
});

function assessor() {
  env.ready();
  return p;
}

function checkPage(name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `casework-${file}` });
}

describe('casework pages', { skip }, () => {
  test('the assessor creates a password and signs in; the caseload is empty', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor();
    await createPassword(page, assessorLink, ASSESSOR.password);

    await page.goto('/caseload');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await submitSignIn(page, ASSESSOR.email, ASSESSOR.password);
    await page.waitForURL((url) => url.pathname === '/caseload');
    await page.locator('#caseload-empty').waitFor();
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Your caseload');
    await checkPage('the empty caseload', { apiErrors: ['401 GET /api/session'], file: 'caseload-empty' });
  });

  test('adding a person: a bad NHS number and a future date of birth are refused, then the person is added', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor();
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.waitForURL((url) => url.pathname === '/people/new');
    await page.locator('#person-form').waitFor();
    await checkPage('the empty add-a-person form', { file: 'new-person' });

    // A date of birth in the future and an NHS number whose check digit is wrong.
    await fillNewPersonForm(page, { birthYear: '2099', nhsNumber: '943 476 5918' });
    await page.getByRole('button', { name: 'Add this person' }).click();
    const items = await errorSummaryItems(page);
    const hrefs = items.map((item) => item.href);
    assert.ok(hrefs.includes('#nhs-number'), JSON.stringify(items));
    assert.ok(hrefs.includes('#date-of-birth-day'), JSON.stringify(items));
    assert.match(await page.title(), /^Error: /);
    assert.equal(await page.locator('#date-of-birth-year.govuk-input--error').count(), 1);
    await checkPage('the add-a-person form with errors', { apiErrors: ['422 POST /api/people'], file: 'new-person-errors' });

    await page.locator('#date-of-birth-year').fill('1950');
    await page.locator('#nhs-number').fill('943 476 5919');
    await page.getByRole('button', { name: 'Add this person' }).click();
    await page.waitForURL((url) => url.pathname === '/person');
    personId = new URL(page.url()).searchParams.get('id');
    await page.locator('#case-tasks').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Maya Okafor');
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'Maya Okafor has been added');
    assert.deepEqual(await tasks(page), [
      ['Decide eligibility', 'Not yet started'],
      ['Assess needs and work out the indicative budget', 'Cannot start yet'],
      ['Agree a support plan', 'Cannot start yet'],
    ]);
    assert.match(await page.locator('#person-summary').innerText(), /NHS number\s+943 476 5919/);
    await checkPage('the new person’s record', { file: 'person-new' });
  });

  test('the assessment cannot be recorded before eligibility: the error summary says what must come first', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor();
    await page.goto(`/person/assessment?id=${personId}`);
    await page.locator('#assessment-section').waitFor();
    await fillWithFirstExample(page, env.council.code);
    await page.locator('#completed-by').check();
    await page.getByRole('button', { name: 'Record this assessment' }).click();
    const items = await errorSummaryItems(page);
    assert.equal(items.length, 1);
    assert.match(items[0].text, /eligib/i);
    await page.locator('#live-total').waitFor();
    await checkPage('the assessment refused before eligibility', {
      apiErrors: [`409 POST /api/people/${personId}/assessments`],
      file: 'assessment-too-early',
    });
  });

  test('keyboard only: eligibility is decided with Tab, Space, arrow keys and Enter, and the reasoning shown', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor();
    await page.goto(`/person?id=${personId}`);
    await page.locator('#case-tasks').waitFor();
    await page.getByRole('link', { name: 'Decide eligibility' }).click();
    await page.waitForURL((url) => url.pathname === '/person/eligibility');
    await page.locator('#eligibility-form').waitFor();
    await checkPage('the eligibility form', { file: 'eligibility' });

    // Nothing answered: every question is in the error summary, linked to its first radio.
    await page.getByRole('button', { name: 'Record eligibility' }).click();
    const items = await errorSummaryItems(page);
    const outcomeCount = await page.locator('input[name^="outcome-"][value="yes"]').count();
    assert.equal(items.length, outcomeCount + 2);
    assert.equal(items[0].href, '#from-condition');
    assert.equal(items.at(-1).href, '#wellbeing');
    await checkPage('the eligibility form with nothing answered', { file: 'eligibility-errors' });

    // Two outcomes they cannot achieve (the first two), the rest they can.
    const cannot = await page.locator('input[name^="outcome-"]').evaluateAll((inputs) =>
      [...new Set(inputs.map((i) => i.name))].slice(0, 2));
    const handled = new Set();
    let submitted = false;
    for (let i = 0; i < 300 && !submitted; i++) {
      await page.keyboard.press('Tab');
      const now = await page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        type: document.activeElement?.getAttribute('type') ?? '',
        name: document.activeElement?.getAttribute('name') ?? '',
        text: document.activeElement?.textContent?.trim() ?? '',
      }));
      if (now.type === 'radio' && !handled.has(now.name)) {
        handled.add(now.name);
        if (cannot.includes(now.name)) await page.keyboard.press('ArrowDown');
        else await page.keyboard.press('Space');
      } else if (now.tag === 'BUTTON' && now.text === 'Record eligibility') {
        await page.keyboard.press('Enter');
        submitted = true;
      }
    }
    assert.ok(submitted, 'reached the Record eligibility button');
    await page.locator('#eligibility-result').waitFor();
    assert.equal(await page.locator('#eligibility-result h2').innerText(), 'Has eligible needs');
    assert.notEqual((await page.locator('#eligibility-reasoning').innerText()).trim(), '');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
    await checkPage('the eligibility decision', { file: 'eligibility-result' });
  });

  test('the assessment shows the indicative budget live, and once recorded the record shows it with its explanation', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor();
    await page.locator('#go-to-assessment').click();
    await page.waitForURL((url) => url.pathname === '/person/assessment');
    await page.locator('#assessment-section').waitFor();
    assert.match(await page.locator('#live-amount').innerText(), /Answer every question/);
    await checkPage('the empty assessment form', { file: 'assessment' });

    await fillWithFirstExample(page, env.council.code);
    await page.waitForFunction(() => document.getElementById('live-total')?.textContent === '£239.25 a week');
    assert.ok(await page.locator('#live-explanation-money').count() === 1);
    assert.equal(await page.locator('#live-estimate').getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('#amount-before-record').innerText(), 'With these answers the indicative budget is £239.25 a week.');
    await checkPage('the assessment with its live indicative budget', { file: 'assessment-live' });

    // Changing an answer changes the live amount.
    await page.locator('input[name="nights_help"]').fill('0');
    await page.waitForFunction(() => {
      const text = document.getElementById('live-total')?.textContent ?? '';
      return text !== '' && text !== '£239.25 a week';
    });
    await page.locator('input[name="nights_help"]').fill('1');
    await page.waitForFunction(() => document.getElementById('live-total')?.textContent === '£239.25 a week');

    await page.locator('#completed-by').check();
    await page.getByRole('button', { name: 'Record this assessment' }).click();
    await page.waitForURL((url) => url.pathname === '/person');
    await page.locator('#case-tasks').waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'Assessment recorded');
    assert.match(await page.locator('#indicative-budget').innerText(), /£239\.25 a week/);
    assert.ok(await page.locator('#explanation-money tbody tr').count() > 0);
    assert.deepEqual(await tasks(page), [
      ['Decide eligibility', 'Completed'],
      ['Assess needs and work out the indicative budget', 'Completed'],
      ['Agree a support plan', 'Not yet started'],
    ]);
    assert.equal(await page.getByRole('link', { name: 'Agree a support plan' }).getAttribute('href'), `/person/plan?person=${personId}`);
    await checkPage('the record with the indicative budget', { file: 'person-assessed' });

    await page.getByRole('link', { name: 'Your caseload' }).click();
    await page.locator('#caseload').waitFor();
    const rows = await page.locator('#caseload tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent.trim().replace(/\s+/g, ' '))));
    assert.equal(rows.length, 1);
    assert.match(rows[0][0], /^Maya Okafor/);
    assert.equal(rows[0][2], '943 476 5919');
    await checkPage('the caseload', { file: 'caseload' });
  });
});
