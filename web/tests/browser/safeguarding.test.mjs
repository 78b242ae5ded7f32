// Browser tests of the safeguarding pages: a social worker raises a concern about a person
// from their record (/person → /concerns/new), by keyboard; the safeguarding lead sees it at
// the top of their queue (/concerns) tagged as an immediate risk, then on the concern's page
// (/concern) triages it to a section 42 enquiry, records who leads the enquiry, and closes it
// with the outcome and the person's own view. A bad submission shows the field errors. One
// journey, in order, in Debian's Chromium driven by playwright-core, with axe-core checking
// every page state it shows and no console error allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council, a social worker and a
// safeguarding lead with the command line, then starts `selfdirect serve` on that database.
// Build web/dist first (npm run build). Skipped with only SELFDIRECT_URL set.
//
// Screenshots go to web/test-output/screenshots/safeguarding-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  callApi,
  checkPageState,
  createPassword,
  errorSummaryItems,
  skipWithoutBin,
  submitSignIn,
  useServerAndBrowser,
} from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add a social worker and a safeguarding lead with the selfdirect command line');

const WORKER = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor', password: 'correct horse battery staple' };
const LEAD = { email: 'lee@example.org', name: 'Lee Safeguarding-Lead', role: 'safeguarding-lead', password: 'purple kettle river stone' };
const HOLDER = { email: 'maya@example.org', name: 'Maya Okafor', role: 'budget-holder', password: 'seven green apples falling' };

const links = {};
const people = {};
/** The person the concerns are about, once added. */
let personId;
/** The concern raised through the page, once raised. */
let concernId;

const env = useServerAndBrowser('safeguarding', {
  async setUp() {
    for (const [who, user] of [['worker', WORKER], ['lead', LEAD]]) links[who] = await env.addUser(user);
  },
  async whenStarted() {
    for (const who of ['worker', 'lead', 'holder']) people[who] = await env.newPage();
  },
});

function as(who) {
  env.ready();
  return people[who];
}

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `safeguarding-${file}` });
}

/** Follows the one-time link, creates the password and signs in; lands on `then`. */
async function setUpAndSignIn(p, user, link, then) {
  const { page } = p;
  await createPassword(page, link, user.password);
  await page.goto(then);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await submitSignIn(page, user.email, user.password);
  await page.waitForURL((url) => url.pathname === then);
}

/** Presses Tab until `matches(activeElement)` holds; fails after `most` presses. */
async function tabTo(page, description, matches, most = 80) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return;
  }
  assert.fail(`Tab never reached ${description}`);
}

describe('safeguarding pages', { skip }, () => {
  test('the social worker signs in and adds a person, with an older concern that is not urgent', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = as('worker');
    await setUpAndSignIn(p, WORKER, links.worker, '/caseload');
    await p.page.locator('#caseload-empty').waitFor();
    const added = await callApi(p.page, 'POST', '/api/people', {
      given_name: 'Maya', family_name: 'Okafor', date_of_birth: '1950-04-01',
      contact: { route_of_access: 'community' },
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    personId = added.body.id;
    const older = await callApi(p.page, 'POST', `/api/people/${personId}/concerns`, {
      category: 'self_neglect', what_happened: 'The fridge was empty on the last visit.', immediate_risk: false,
    });
    assert.equal(older.status, 201, JSON.stringify(older.body));
    p.watch.apiErrors.length = 0;  // the sign-in page's 401 for the session
  });

  test('from the person’s record, a concern with nothing filled in is refused with each field named', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = as('worker');
    const { page } = p;
    await page.goto(`/person?id=${personId}`);
    await page.locator('#case-tasks').waitFor();
    await page.getByRole('link', { name: 'Raise a safeguarding concern about this person' }).click();
    await page.waitForURL((url) => url.pathname === '/concerns/new');
    await page.locator('#concern-form').waitFor();
    assert.equal(await page.locator('#person-caption').innerText(), 'Maya Okafor');
    await checkPage(p, 'the raise-a-concern form', { file: 'raise' });

    await page.getByRole('button', { name: 'Raise the concern' }).click();
    const items = await errorSummaryItems(page);
    const hrefs = items.map((item) => item.href);
    assert.deepEqual(hrefs.sort(), ['#category', '#immediate-risk', '#what-happened'], JSON.stringify(items));
    assert.match(await page.title(), /^Error: /);
    assert.match(await page.locator('#what-happened-error').innerText(), /Describe what happened/);
    await checkPage(p, 'the raise-a-concern form with errors', {
      apiErrors: [`422 POST /api/people/${personId}/concerns`],
      file: 'raise-errors',
    });
  });

  test('keyboard only: the concern is raised with Tab, Space, arrow keys and Enter', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = as('worker');
    const { page } = p;
    await page.goto(`/concerns/new?person=${personId}`);
    await page.locator('#concern-form').waitFor();
    await tabTo(page, 'the first risk radio', () => document.activeElement?.id === 'immediate-risk');
    await page.keyboard.press('Space');
    await page.locator('#conditional-immediate-risk').waitFor({ state: 'visible' });
    await tabTo(page, 'the kind of harm', () => document.activeElement?.getAttribute('name') === 'category');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');  // the fifth: financial
    assert.equal(await page.locator('input[name="category"]:checked').getAttribute('value'), 'financial');
    await tabTo(page, 'what happened', () => document.activeElement?.id === 'what-happened');
    await page.keyboard.type('Her nephew takes her bank card on pension day and she has no money for food.');
    await tabTo(page, 'the person’s wishes', () => document.activeElement?.id === 'persons-wishes');
    await page.keyboard.type('She wants him to stop, but does not want him in trouble.');
    await tabTo(page, 'the button', () => document.activeElement?.textContent?.trim() === 'Raise the concern');
    await page.keyboard.press('Enter');
    await page.locator('#concern-raised').waitFor();
    concernId = (await page.locator('#concern-reference').innerText()).trim();
    assert.match(concernId, /^[0-9A-Z]{26}$/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
    await checkPage(p, 'the concern raised', { file: 'raised' });
  });

  test('the safeguarding lead sees the urgent concern at the top of the queue, tagged in red', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = as('lead');
    const { page } = p;
    await setUpAndSignIn(p, LEAD, links.lead, '/concerns');
    await page.locator('#concern-queue').waitFor();
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Safeguarding');
    const rows = page.locator('#concern-queue tbody tr');
    assert.equal(await rows.count(), 2);
    const first = rows.nth(0);
    assert.match(await first.innerText(), /Financial or material abuse/);
    assert.equal(await first.locator('.govuk-tag--red').innerText(), 'Immediate risk');
    assert.match(await rows.nth(1).innerText(), /Self-neglect/);
    assert.equal(await rows.nth(1).locator('.govuk-tag--red').count(), 0);
    await checkPage(p, 'the safeguarding queue', { apiErrors: ['401 GET /api/session'], file: 'queue' });
  });

  test('the lead triages it to a section 42 enquiry, records the enquiry, and closes it with the person’s view', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = as('lead');
    const { page } = p;
    await page.locator('#concern-queue tbody tr').nth(0).getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/concern');
    assert.equal(new URL(page.url()).searchParams.get('id'), concernId);
    await page.locator('#step-form').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Maya Okafor');
    assert.match(await page.locator('#concern-summary').innerText(), /bank card on pension day/);
    await checkPage(p, 'the concern waiting for triage', { file: 'concern' });

    // Nothing chosen: both questions are named.
    await page.getByRole('button', { name: 'Save the decision' }).click();
    const items = await errorSummaryItems(page);
    assert.deepEqual(items.map((item) => item.href).sort(), ['#decision', '#reasons']);
    await checkPage(p, 'the triage form with errors', {
      apiErrors: [`422 POST /api/concerns/${concernId}/triage`],
      file: 'triage-errors',
    });

    // "No further safeguarding action" says it closes the concern; the lead chooses an enquiry.
    await page.locator('#decision-3').check();
    await page.locator('#conditional-decision-3').waitFor({ state: 'visible' });
    await page.locator('#decision').check();
    assert.equal(await page.locator('#conditional-decision-3').isVisible(), false);
    await page.locator('#reasons').fill('Financial abuse by a family member; she cannot protect herself because of her memory.');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await page.locator('#triage-summary').waitFor();
    assert.match(await page.locator('.govuk-notification-banner__heading').innerText(), /Section 42 enquiry/);
    assert.match(await page.locator('#concern-tags').innerText(), /Triaged/);
    await page.locator('#led-by').waitFor();
    await checkPage(p, 'the triaged concern and the enquiry form', { file: 'triaged' });

    await page.locator('#led-by').fill('Sam Social-Worker, Westminster adult social care');
    await page.getByRole('button', { name: 'Save the enquiry' }).click();
    await page.locator('#enquiry-summary').waitFor();
    assert.match(await page.locator('#enquiry-summary').innerText(), /Sam Social-Worker/);
    await page.locator('#actions-taken').waitFor();
    await checkPage(p, 'the enquiry under way and the closing form', { file: 'enquiry' });

    await page.locator('#risk-2').check();  // reduced
    await page.locator('#actions-taken').fill('Bank card replaced; an appointee now manages her pension.');
    await page.locator('#outcomes-met-2').check();  // partly
    await page.locator('#persons-view').fill('I have my money now, but I miss seeing him.');
    await page.getByRole('button', { name: 'Close the concern' }).click();
    await page.locator('#closure-summary').waitFor();
    const closure = await page.locator('#closure-summary').innerText();
    assert.match(closure, /Risk reduced/);
    assert.match(closure, /Partly met/);
    assert.match(closure, /I miss seeing him/);
    assert.equal(await page.locator('#step-form').isHidden(), true);
    assert.match(await page.locator('#concern-tags').innerText(), /Closed/);
    await checkPage(p, 'the closed concern', { file: 'closed' });
  });

  test('the closed concern leaves the queue; the other stays', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = as('lead');
    const { page } = p;
    await page.getByRole('link', { name: 'Back to safeguarding concerns' }).click();
    await page.waitForURL((url) => url.pathname === '/concerns');
    await page.locator('#concern-queue').waitFor();
    const rows = page.locator('#concern-queue tbody tr');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.nth(0).innerText(), /Self-neglect/);
    await checkPage(p, 'the queue after closing');
  });

  test('the budget holder raises a concern about themselves from their own record, and the lead sees who raised it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = as('holder');
    const { page } = p;
    links.holder = await env.addUser(HOLDER, { person: personId });
    await setUpAndSignIn(p, HOLDER, links.holder, '/my-record');
    await page.locator('#record-section').waitFor();
    await page.getByRole('link', { name: 'Raise a safeguarding concern' }).click();
    await page.waitForURL((url) => url.pathname === '/concerns/new');
    await page.locator('#concern-form').waitFor();
    assert.equal(await page.locator('#person-caption').innerText(), 'About you');
    assert.equal(await page.locator('#immediate-risk').evaluate((input) => input.closest('fieldset').querySelector('legend').textContent), 'Are you in danger right now?');
    // Their record page asked for their budget first: there is none yet (404).
    await checkPage(p, 'the budget holder’s raise-a-concern form', { apiErrors: ['401 GET /api/session', `404 GET /api/people/${personId}/budget`], file: 'raise-own' });
    await page.locator('#immediate-risk-2').check();
    await page.locator('input[name="category"][value="domestic"]').check();
    await page.locator('#what-happened').fill('My partner shouts at me and will not let me see my friends.');
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    await page.locator('#concern-raised').waitFor();
    await page.getByRole('link', { name: 'Back to your record' }).waitFor();
    await checkPage(p, 'the budget holder’s concern raised', { file: 'raised-own' });

    const lead = as('lead');
    await lead.page.reload();
    await lead.page.locator('#concern-queue').waitFor();
    const rows = lead.page.locator('#concern-queue tbody tr');
    assert.equal(await rows.count(), 2);
    await rows.nth(1).getByRole('link').click();
    await lead.page.waitForURL((url) => url.pathname === '/concern');
    await lead.page.locator('#concern-summary').waitFor();
    assert.match(await lead.page.locator('#concern-summary').innerText(), /Raised by\s+The person themselves/);
    await checkPage(lead, 'a concern the person raised themselves');
  });
});
