// Browser tests of carers on a person's record: the social worker adds an unpaid carer known to
// the person by name (the form's own errors first, each linked to its field, by keyboard), then
// a carer who has their own record, by NHS number (linked both ways: the carer's record says whom
// they care for), then records that the first no longer cares (a confirmation page). The person's
// "someone cares for them unpaid" becomes Yes. An approver reads the record without the links.
// axe checks every page state; no console error is allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect (the council and staff are added with the command
// line; the people are recorded through the API: other tests drive those pages).
//
// Screenshots go to web/test-output/screenshots/carers-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, checkPageState, errorSummaryItems, skipWithoutBin, text, useServerAndBrowser } from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add users with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };

const links = {};
const ids = {};
let assessor;

const env = useServerAndBrowser('carers', {
  async setUp() {
    for (const user of [ASSESSOR, APPROVER]) links[user.role] = await env.addUser(user);
  },
});

function signIn(user) {
  return env.signIn(user.role, user, { link: links[user.role], password: PASSWORD });
}

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `carers-${file}` });
}

describe('carers on a person’s record', { skip }, () => {
  test('set up: the social worker records Maya, and Sam who has his own record', { timeout: STEP_TIMEOUT_MS }, async () => {
    assessor = await signIn(ASSESSOR);
    const person = (given, dob, nhs) => ({
      given_name: given, family_name: 'Okafor', date_of_birth: dob, nhs_number: nhs,
      has_unpaid_carer: 'not_known', contact: { route_of_access: 'community', asked_for: 'Help at home' },
    });
    const maya = await callApi(assessor.page, 'POST', '/api/people', person('Maya', '1950-04-01', '943 476 5919'));
    assert.equal(maya.status, 201, JSON.stringify(maya.body));
    ids.maya = maya.body.id;
    const sam = await callApi(assessor.page, 'POST', '/api/people', person('Sam', '1975-06-01', '485 777 3457'));
    assert.equal(sam.status, 201, JSON.stringify(sam.body));
    ids.sam = sam.body.id;
  });

  test('the record says no carer is recorded, and offers to add one', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor;
    await page.goto(`/person?id=${ids.maya}`);
    await page.locator('#no-carers').waitFor();
    assert.equal(await text(page, '#no-carers'), 'No unpaid carer is recorded.');
    await checkPage(assessor, 'the record with no carer', { file: 'record-none' });
    await page.locator('#add-carer').click();
    await page.waitForURL((url) => url.pathname === '/person/carer');
    await page.locator('#carer-form').waitFor();
    assert.equal(await text(page, '#person-caption'), 'Maya Okafor');
    await checkPage(assessor, 'the add-a-carer form', { file: 'form' });
  });

  test('an empty form is refused field by field; each error links to its field', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor;
    await page.locator('#save-carer').click();
    const items = await errorSummaryItems(page);
    assert.deepEqual(items.map((i) => i.href), ['#name', '#relationship', '#lives-with', '#assessment-offer']);
    await checkPage(assessor, 'the add-a-carer form with errors', { file: 'errors' });
    // The summary's first link takes the keyboard to the name box.
    await page.locator('.govuk-error-summary a').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');
  });

  test('a carer known by name is added, by keyboard', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor;
    await page.locator('#name').fill('Jo Bell');
    await page.locator('#relationship-5').focus(); // Friend or neighbour
    await page.keyboard.press('Space');
    await page.locator('#lives-with-2').check();
    await page.locator('#assessment-offer').check(); // Not offered yet
    await page.locator('#save-carer').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/person');
    await page.locator('#carers').waitFor();
    assert.match(await text(page, '#notification'), /Carer added/);
    assert.match(await text(page, '#carers'), /Jo Bell Friend or neighbour Not offered a carer’s assessment yet/);
    await checkPage(assessor, 'the record with a carer', { file: 'record-one' });
  });

  test('a carer with their own record is linked by NHS number, both ways', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor;
    await page.locator('#add-carer').click();
    await page.locator('#carer-form').waitFor();
    // A wrong check digit is refused by the server and shown on the field.
    await page.locator('#nhs-number').fill('485 777 3456');
    await page.locator('#relationship-3').check(); // Son or daughter
    await page.locator('#lives-with').check();
    await page.locator('#assessment-offer-3').check(); // Accepted
    await page.locator('#offered-on-day').fill('2');
    await page.locator('#offered-on-month').fill('11');
    await page.locator('#offered-on-year').fill('2026');
    await page.locator('#save-carer').click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.deepEqual((await errorSummaryItems(page)).map((i) => i.href), ['#nhs-number']);
    await checkPage(assessor, 'a wrong NHS number refused', { file: 'bad-nhs', apiErrors: [`422 POST /api/people/${ids.maya}/carers`] });
    await page.locator('#nhs-number').fill('485 777 3457');
    await page.locator('#save-carer').click();
    await page.waitForURL((url) => url.pathname === '/person');
    await page.locator('#carers').waitFor();
    assert.match(await text(page, '#notification'), /Their own record is linked/);
    const carers = await text(page, '#carers');
    assert.match(carers, /Sam Okafor Son or daughter, lives with them Offered a carer’s assessment on 2 November 2026: accepted/);
    assert.match(await text(page, '#person-summary'), /Someone cares for them unpaid Yes/);
    await checkPage(assessor, 'the record with two carers', { file: 'record-two' });
    await page.getByRole('link', { name: 'Sam Okafor’s own record' }).click();
    await page.waitForURL((url) => url.search.includes(ids.sam));
    await page.locator('#cares-for').waitFor();
    assert.equal(await text(page, '#cares-for'), 'Maya Okafor (son or daughter)');
    await checkPage(assessor, 'the carer’s own record', { file: 'carer-record' });
  });

  test('a carer who no longer cares is kept as past, after a confirmation', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = assessor;
    await page.goto(`/person?id=${ids.maya}`);
    await page.locator('#carers').waitFor();
    await page.locator('#carers a', { hasText: /No longer caring\W+Jo Bell/ }).click();
    await page.locator('#end-form').waitFor();
    assert.equal(await text(page, '#page-heading'), 'Does Jo Bell no longer care for Maya Okafor?');
    await checkPage(assessor, 'the confirmation', { file: 'end' });
    await page.locator('#end-carer').click();
    await page.waitForURL((url) => url.pathname === '/person');
    await page.locator('#carers').waitFor();
    assert.match(await text(page, '#notification'), /Jo Bell is now shown as a past carer/);
    assert.match(await text(page, '#carers'), /Jo Bell .*No longer caring since/);
    assert.equal(await page.locator('#carers a', { hasText: /No longer caring\W+Jo Bell/ }).count(), 0);
    await checkPage(assessor, 'the record with a past carer', { file: 'record-past' });
  });

  test('an approver reads the carers without the links to change them', { timeout: STEP_TIMEOUT_MS }, async () => {
    const approver = await signIn(APPROVER);
    const { page } = approver;
    await page.goto(`/person?id=${ids.maya}`);
    await page.locator('#carers').waitFor();
    assert.equal(await page.locator('#add-carer').count(), 0);
    assert.equal(await page.locator('#carers a', { hasText: 'No longer caring' }).count(), 0);
    await checkPage(approver, 'the record as the approver', { file: 'approver' });
    await approver.context.close();
  });
});
