// Browser test of the commissioners' market-shaping page (/market/shaping): reached from the
// navigation, it says plainly when there is nothing to show in each part; a number of days that
// is not from 1 to 365 gets an error summary linked to the box, by keyboard alone, and the view
// under it stays; a good number is kept in the address. axe-core checks every page state, and no
// console error is allowed other than the 422 the bad number gets. (Which services are declining
// and what is unmet is worked out in src/selfdirect/market/shaping.cc and tested there, over
// years of plans that a browser test cannot wait for.)
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build).
//
// Screenshots go to web/test-output/screenshots/market-shaping-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPageState, errorSummaryItems, focusedId, skipWithoutBin, text, useServerAndBrowser } from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests add a user with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const COMMISSIONER = { email: 'cal@example.org', name: 'Cal Commissioner', role: 'commissioner' };
const links = {};

const env = useServerAndBrowser('market-shaping', {
  async setUp() {
    links.commissioner = await env.addUser(COMMISSIONER);
  },
});

describe('market shaping', { skip }, () => {
  test('a commissioner opens Market shaping from the navigation; each part says plainly it is empty', { timeout: STEP_TIMEOUT_MS }, async () => {
    const commissioner = await env.signIn('commissioner', COMMISSIONER, { link: links.commissioner, password: PASSWORD });
    const { page } = commissioner;
    await page.locator('#navigation').getByRole('link', { name: 'Market shaping' }).click();
    await page.waitForURL((url) => url.pathname === '/market/shaping');
    await page.locator('#in-force').waitFor();
    assert.match(await text(page, '#in-force'), /^Nobody has an agreed support plan in force today/);
    assert.equal(await text(page, '#declining-none'), 'No service has lost a fifth or more of its people in the past year.');
    assert.equal(await text(page, '#unmet-none'), 'Nothing has been waiting more than 28 days.');
    assert.equal(await text(page, '#demand-none'), 'No agreed plan yet.');
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Market shaping');
    await checkPageState(commissioner, 'market shaping, empty', { file: 'market-shaping-empty' });
  });

  test('by keyboard: 0 days is an error linked to the box; 60 days is kept in the address', { timeout: STEP_TIMEOUT_MS }, async () => {
    const commissioner = env.as('commissioner');
    const { page } = commissioner;
    await page.locator('#unmet-after-days').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('unmet_after_days') === '0');
    await page.locator('.govuk-error-summary').waitFor();
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Enter a number of days from 1 to 365', href: '#unmet-after-days' }]);
    assert.equal(await page.locator('#unmet-after-days').inputValue(), '0');
    // The usual view is still there under the message.
    assert.equal(await text(page, '#unmet-none'), 'Nothing has been waiting more than 28 days.');
    await checkPageState(commissioner, 'market shaping, a bad number of days', { apiErrors: ['422 GET /api/market/shaping'], file: 'market-shaping-error' });
    // Follow the error's link to the box, and put it right.
    await page.locator('.govuk-error-summary a').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'unmet-after-days');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('60');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('unmet_after_days') === '60');
    await page.locator('#unmet-none').waitFor();
    assert.equal(await text(page, '#unmet-none'), 'Nothing has been waiting more than 60 days.');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    await checkPageState(commissioner, 'market shaping, 60 days', { file: 'market-shaping-60' });
  });
});
