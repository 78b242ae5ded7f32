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

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkPageState,
  errorSummaryItems,
  launchBrowser,
  runCli,
  setPasswordPath,
  startServer,
  watchPage,
  webDir,
} from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const bin = process.env.SELFDIRECT_BIN;
const skip = bin
  ? false
  : 'needs SELFDIRECT_BIN: these tests add an assessor and publish a model with the selfdirect command line';

const COUNCIL = { code: 'E09000033', name: 'Westminster City Council' };
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', password: 'correct horse battery staple' };
const MODEL_FILE = join(webDir, '..', 'models', 'points-price.yaml');

let server;
let tmp;
let browser;
let setupError;
let assessorLink;
let p;
/** The id of the person added, once added. */
let personId;

before(async () => {
  if (skip) return;
  try {
    tmp = await mkdtemp(join(tmpdir(), 'selfdirect-casework-test-'));
    const data = join(tmp, 'test.db');
    await runCli(bin, ['councils', 'add', '--data', data, '--code', COUNCIL.code, '--name', COUNCIL.name]);
    assessorLink = setPasswordPath(await runCli(bin, [
      'users', 'add', '--data', data, '--council', COUNCIL.code,
      '--email', ASSESSOR.email, '--name', ASSESSOR.name, '--role', 'assessor',
    ]));
    await runCli(bin, ['ras', 'publish', '--data', data, '--council', COUNCIL.code, MODEL_FILE]);
    server = await startServer(bin, data);
    browser = await launchBrowser();
    const context = await browser.newContext({ baseURL: server.url });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    p = { context, page, watch: watchPage(page) };
  } catch (error) {
    setupError = error;
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function assessor() {
  if (setupError) throw setupError;
  return p;
}

function checkPage(name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `casework-${file}` });
}

/** The task list's rows: each task's name and status. */
function tasks(page) {
  return page.locator('#case-tasks li').evaluateAll((items) => items.map((li) => [
    li.querySelector('.govuk-task-list__name-and-hint > :first-child').textContent.trim(),
    li.querySelector('.govuk-task-list__status').textContent.trim(),
  ]));
}

/** Fills the assessment form with the model's first worked example (£239.25 a week). */
async function fillWithFirstExample(page) {
  const answers = await page.evaluate(async (council) => {
    const response = await fetch(`/api/ras/models/points-price/versions/current?council=${council}`);
    return (await response.json()).examples[0].answers;
  }, COUNCIL.code);
  for (const [id, answer] of Object.entries(answers)) {
    const value = answer === true ? 'yes' : answer === false ? 'no' : String(answer);
    const radio = page.locator(`input[type=radio][name="${id}"][value="${value}"]`);
    if (await radio.count()) await radio.check();
    else await page.locator(`input[type=text][name="${id}"]`).fill(value);
  }
}

describe('casework pages', { skip }, () => {
  test('the assessor creates a password and signs in; the caseload is empty', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor();
    await page.goto(assessorLink);
    await page.locator('#password').fill(ASSESSOR.password);
    await page.locator('#confirm-password').fill(ASSESSOR.password);
    await page.getByRole('button', { name: 'Create password' }).click();
    await page.locator('#done').waitFor();

    await page.goto('/caseload');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.locator('#email').fill(ASSESSOR.email);
    await page.locator('#password').fill(ASSESSOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
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

    await page.locator('#given-name').fill('Maya');
    await page.locator('#family-name').fill('Okafor');
    await page.locator('#date-of-birth-day').fill('1');
    await page.locator('#date-of-birth-month').fill('4');
    await page.locator('#date-of-birth-year').fill('2099');
    await page.locator('#nhs-number').fill('943 476 5918');
    await page.locator('#address').fill('12 Example Street\nLondon');
    await page.locator('#postcode').fill('SW1A 1AA');
    await page.locator('#gender').selectOption('female');
    await page.locator('#ethnicity').selectOption('A');
    await page.locator('#primary-support-reason').selectOption('memory_cognition');
    await page.locator('#accommodation').selectOption('owner_occupier');
    await page.locator('#employment').selectOption('not_seeking_work');
    await page.locator('#has-unpaid-carer-2').check();
    await page.locator('#route-of-access').selectOption('community');
    await page.locator('#asked-for').fill('Help at home after a fall');
    await page.locator('#contact-outcome').selectOption('to_assessment');
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
    await fillWithFirstExample(page);
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

    await fillWithFirstExample(page);
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
