// Browser tests of two-step sign-in on /account and of /my-record, the page where a budget
// holder chooses who can see their record and sees who has looked at it. One journey, in
// order, in Debian's Chromium driven by playwright-core, with axe-core checking every page
// state it shows and no console error allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council, a budget holder linked
// to a person's record and a representative with the command line, then starts
// `selfdirect serve` on that database. Build web/dist first (npm run build). Skipped with
// only SELFDIRECT_URL set.
//
// Screenshots go to web/test-output/screenshots/my-record-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkPageState,
  createPassword,
  errorSummaryItems,
  navigationLinks,
  skipWithoutBin,
  submitSignIn,
  totpCode,
  useServerAndBrowser,
  waitForAccountPage,
} from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests set up accounts with the selfdirect command line, on the database of the server they start');

const PERSON_ID = '01JD00000000000000000PER51';
const HOLDER = { email: 'beth@example.org', name: 'Beth Holder', role: 'budget-holder', password: 'saffron bicycle meadow thunder' };
const REP = { email: 'rita@example.org', name: 'Rita Rep', role: 'representative', password: 'lantern orchard velvet compass' };
const GRANTS_API = `/api/people/${PERSON_ID}/grants`;
// The budget holder's record page asks for their budget, then (there being none) for their
// record, to say what happens next. This test links the account to a record the council has
// not made (only the account matters here), so both answer 404 and the page says the record
// has not been started yet.
const NO_RECORD_YET = [`404 GET /api/people/${PERSON_ID}/budget`, `404 GET /api/people/${PERSON_ID}`];
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

const links = {};
const people = {};
/** What the journey learns: the two-step key, and the time step whose code confirmed it. */
const learnt = {};

const env = useServerAndBrowser('my-record', {
  async setUp() {
    links.holder = await env.addUser(HOLDER, { person: PERSON_ID });
    links.rep = await env.addUser(REP);
  },
  async whenStarted() {
    for (const who of ['holder', 'rep']) people[who] = await env.newPage();
  },
});

function person(who) {
  env.ready();
  return people[who];
}

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `my-record-${file}` });
}

async function signIn(p, user) {
  const { page } = p;
  await page.goto('/sign-in');
  await submitSignIn(page, user.email, user.password);
}

async function waitForRecordPage(page) {
  await page.waitForURL((url) => url.pathname === '/my-record');
  await page.locator('#record-section').waitFor();
  // Loaded: either some rows, or the "no one has looked" message.
  await page.waitForFunction(() =>
    document.getElementById('views-body')?.children.length > 0 ||
    document.getElementById('views-empty')?.hidden === false);
}

describe('your record', { skip }, () => {
  test('the budget holder and the representative create their passwords', { timeout: STEP_TIMEOUT_MS }, async () => {
    for (const [who, user] of [['holder', HOLDER], ['rep', REP]]) {
      const p = person(who);
      await createPassword(p.page, links[who], user.password);
      await checkPage(p, `${user.name}’s set-password confirmation`);
    }
  });

  test('the budget holder signs in and turns on two-step sign-in on the account page', { timeout: STEP_TIMEOUT_MS }, async () => {
    const holder = person('holder');
    const { page } = holder;
    await signIn(holder, HOLDER);
    await waitForAccountPage(page);
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Your record', 'Your money']);
    assert.match(await page.locator('#account-pages').innerText(), /Your record – choose who can see your record/);
    assert.match(await page.locator('#two-step-status').innerText(), /^Two-step sign-in is off/);
    assert.equal(await page.locator('#two-step-required').isVisible(), false, 'a budget holder is not made to');
    await checkPage(holder, 'the account page with two-step sign-in off', { file: 'two-step-off' });

    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await page.locator('#two-step-setup').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'two-step-steps-heading');
    const shown = await page.locator('#totp-secret').innerText();
    assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, `the key in groups of 4: ${shown}`);
    learnt.secret = shown.replaceAll(' ', '');
    const href = await page.getByRole('link', { name: 'Open in an authenticator app on this device' }).getAttribute('href');
    assert.ok(href.startsWith('otpauth://totp/'), href);
    assert.equal(new URL(href).searchParams.get('secret'), learnt.secret);
    const code = page.getByLabel('Security code');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    assert.match(await code.getAttribute('class'), /govuk-input--width-5/);
    assert.equal(await page.locator('#two-step-start').isVisible(), false);
    await checkPage(holder, 'the account page setting up two-step sign-in', { file: 'two-step-setup' });

    // Too short: caught on the page, nothing sent.
    await code.fill('12345');
    await page.getByRole('button', { name: 'Confirm' }).click();
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'The code must be 6 digits, like 123456', href: '#totp-code' }]);
    await checkPage(holder, 'the account page with a short security code');

    learnt.step = Math.floor(Date.now() / 1000 / 30);
    await code.fill(totpCode(learnt.secret, learnt.step));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'Two-step sign-in is on');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.equal(await page.locator('#two-step-setup').isVisible(), false);
    assert.match(await page.locator('#two-step-status').innerText(), /^Two-step sign-in is on/);
    await checkPage(holder, 'the account page after turning on two-step sign-in', { file: 'two-step-on' });
  });

  test('giving access: a bad date is caught on the page, a past one by the server, then a good one works', { timeout: STEP_TIMEOUT_MS }, async () => {
    const holder = person('holder');
    const { page } = holder;
    await page.locator('#navigation').getByRole('link', { name: 'Your record' }).click();
    await waitForRecordPage(page);
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Your record');
    assert.equal(await page.locator('#grants-empty').innerText(), 'No one has been given access to your record.');
    assert.match(await page.locator('#what-happens-next').innerText(), /^The council has not started your record yet\./);
    await checkPage(holder, 'the record page with no one given access', { apiErrors: NO_RECORD_YET, file: 'empty' });

    await page.getByLabel('Their email address').fill(REP.email);
    await page.getByRole('checkbox', { name: 'See your record' }).check();
    await page.getByRole('checkbox', { name: 'Write your support plan' }).check();
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('March');
    await page.getByLabel('Year').fill('2020');
    await page.getByRole('button', { name: 'Give access' }).click();
    assert.deepEqual(await errorSummaryItems(page), [
      { text: 'The last day must be a real date, like 31 3 2027', href: '#ends-on-day' },
    ]);
    // The message is inside the date's fieldset, and all three boxes are marked.
    assert.equal(await page.locator('fieldset #ends-on-day-error').count(), 1);
    assert.equal(await page.locator('.govuk-date-input__input.govuk-input--error').count(), 3);
    await checkPage(holder, 'the record page with a date that is not a number');

    await page.getByLabel('Month').fill('1');
    await page.getByRole('button', { name: 'Give access' }).click();
    await page.waitForFunction(() => /today or later/.test(document.querySelector('.govuk-error-summary')?.textContent ?? ''));
    assert.deepEqual(await errorSummaryItems(page), [
      { text: 'The last day must be today or later', href: '#ends-on-day' },
    ]);
    assert.match(await page.title(), /^Error: /);
    await checkPage(holder, 'the record page with a date in the past', {
      apiErrors: [`422 POST ${GRANTS_API}`],
      file: 'past-date',
    });

    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill(String(NEXT_YEAR));
    await page.getByLabel('Why (optional)').fill('Rita helps me plan my support');
    await page.getByRole('button', { name: 'Give access' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'You have given someone access to your record');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.doesNotMatch(await page.title(), /Error/);
    const row = page.locator('#grants-body').getByRole('row', { name: /Rita Rep/ });
    const text = await row.innerText();
    for (const expected of [REP.email, 'See your record', 'Write your support plan', `31 March ${NEXT_YEAR}`, 'Active']) {
      assert.ok(text.includes(expected), `"${expected}" in the row: ${text}`);
    }
    assert.ok(!text.includes('Manage your money'), text);
    assert.equal(await page.getByLabel('Their email address').inputValue(), '', 'the form is emptied');
    await checkPage(holder, 'the record page after giving access', { file: 'access-given' });
  });

  test('the representative signs in with no code, and has no record of their own', { timeout: STEP_TIMEOUT_MS }, async () => {
    const rep = person('rep');
    const { page } = rep;
    await signIn(rep, REP);
    await waitForAccountPage(page);
    assert.deepEqual(await navigationLinks(page), ['Your account', 'People you help']);
    assert.match(await page.locator('#two-step-status').innerText(), /^Two-step sign-in is off/);
    await checkPage(rep, 'the representative’s account page');

    // They look at who can see Beth's record (there is no page for that yet: the API).
    const status = await page.evaluate(async (path) => (await fetch(path)).status, GRANTS_API);
    assert.equal(status, 200);

    await page.goto('/my-record');
    await page.locator('#not-linked').waitFor();
    assert.equal(await page.locator('#record-section').isVisible(), false);
    await checkPage(rep, 'the record page for an account with no record', { file: 'not-linked' });
  });

  test('the budget holder signs in again with a code, sees who looked, and takes the access away', { timeout: STEP_TIMEOUT_MS }, async () => {
    const holder = person('holder');
    const { page } = holder;
    await page.locator('#navigation').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.locator('.govuk-notification-banner--success').waitFor();
    await signIn(holder, HOLDER);
    await page.locator('#code-group').waitFor();
    await checkPage(holder, 'the sign-in page asking the budget holder for a code', { apiErrors: ['401 POST /api/session'] });
    // A code is used once: not the one that confirmed the setup.
    const step = Math.max(Math.floor(Date.now() / 1000 / 30), learnt.step + 1);
    await page.locator('#code').fill(totpCode(learnt.secret, step));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForAccountPage(page);
    assert.match(await page.locator('#two-step-status').innerText(), /^Two-step sign-in is on/);
    assert.equal(await page.locator('#two-step-start').isVisible(), false);
    await checkPage(holder, 'the account page with two-step sign-in on');

    await page.goto('/my-record');
    await waitForRecordPage(page);
    const views = page.locator('#views-body tr');
    const gave = views.filter({ hasText: 'Gave someone access' });
    assert.equal(await gave.count(), 1);
    assert.match(await gave.innerText(), new RegExp(`\\d{4} at (\\d{1,2}:\\d{2}[ap]m|midday|midnight)\\s+${HOLDER.name}\\s+Budget holder\\s+Gave someone access\\s+Done`));
    const looked = views.filter({ hasText: REP.name });
    assert.ok(await looked.count() >= 1, 'the representative’s look is listed');
    assert.match(await looked.first().innerText(), /Representative\s+Looked at who can see your record\s+Done/);
    await checkPage(holder, 'the record page showing who has looked', { apiErrors: NO_RECORD_YET, file: 'who-looked' });

    // Ask, then change one's mind: focus goes back to the button.
    await page.getByRole('button', { name: 'Take away access from Rita Rep' }).click();
    await page.locator('#revoke-confirm').waitFor();
    assert.equal(await page.locator('#revoke-heading').innerText(), 'Are you sure you want to take away Rita Rep’s access to your record?');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'revoke-heading');
    await checkPage(holder, 'the record page asking to confirm taking access away', { file: 'confirm-take-away' });
    await page.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await page.locator('#revoke-confirm').isVisible(), false);
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /Take away access/);

    await page.getByRole('button', { name: 'Take away access from Rita Rep' }).click();
    await page.getByRole('button', { name: 'Yes, take away access' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').innerText(), 'Rita Rep’s access has been taken away');
    const row = page.locator('#grants-body').getByRole('row', { name: /Rita Rep/ });
    assert.match(await row.innerText(), /Taken away/);
    assert.equal(await row.getByRole('button').count(), 0, 'nothing to take away now');
    await page.waitForFunction(() => /Took access away/.test(document.getElementById('views-body')?.textContent ?? ''));
    await checkPage(holder, 'the record page after taking access away', { file: 'access-taken-away' });

    // The representative can no longer look: the server answers as if there were nothing
    // there (404), telling them nothing about the record.
    const rep = person('rep');
    const status = await rep.page.evaluate(async (path) => (await fetch(path)).status, GRANTS_API);
    assert.equal(status, 404);
    assert.deepEqual(rep.watch.apiErrors, [`404 GET ${GRANTS_API}`]);
    rep.watch.apiErrors.length = 0;
    await page.reload();
    await waitForRecordPage(page);
    // ...and the refused look is on the budget holder's list, in plain words.
    const refused = page.locator('#views-body tr').filter({ hasText: 'Tried, but was not allowed' });
    assert.equal(await refused.count(), 1);
    assert.match(await refused.innerText(), /Rita Rep\s+Representative\s+Looked at who can see your record\s+Tried, but was not allowed/);
    await checkPage(holder, 'the record page showing a refused look', { apiErrors: NO_RECORD_YET, file: 'refused-look' });
  });
});
