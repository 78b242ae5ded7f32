// Browser test of the directory (docs/market.md): the public "Find support" search and a
// provider's page, and the commissioner's provider register. Set up with the command line: the
// sample provider list (docs/samples/providers.csv) imported with `selfdirect providers import`.
//
// Someone who is not signed in, by keyboard alone, opens Find support, chooses the council,
// searches for "sitting" with a highest price, sees Acorn Home Care's night sitting with its price
// per unit, CQC rating and areas, and opens the provider's page with its services. A search of
// 10,000 characters is refused with an error summary naming the search box; FTS syntax is just
// words. A commissioner reaches Providers from the navigation, sees the documents expiring, adds a
// provider (a duplicate CQC location id is refused, naming the field) and a service (a price of
// £0.00 is refused, naming the price). axe-core checks every page state, no console error allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build).
//
// Screenshots go to web/test-output/screenshots/directory-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkPageState, errorSummaryItems, navigationLinks, skipWithoutBin, tabTo, tabToLink, text, useServerAndBrowser, webDir } from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests import providers and add a user with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const COMMISSIONER = { email: 'cal@example.org', name: 'Cal Commissioner', role: 'commissioner' };
const links = {};

const env = useServerAndBrowser('directory', {
  async setUp() {
    await env.cli(['providers', 'import', '--data', env.data, '--council', env.council.code, join(webDir, '..', 'docs', 'samples', 'providers.csv')]);
    links.commissioner = await env.addUser(COMMISSIONER);
  },
});

/** Checks the page state (support.mjs), and that no two elements share an id. */
async function checkPage(p, name, { apiErrors = [], file } = {}) {
  const duplicates = await p.page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  assert.deepEqual(duplicates, [], `ids used twice on ${name}`);
  return checkPageState(p, name, { apiErrors, file: file && `directory-${file}` });
}

/** Types `value` into the focused control, replacing what is there. */
async function typeHere(page, value) {
  await page.keyboard.press('ControlOrMeta+A');
  if (value) await page.keyboard.type(value);
  else await page.keyboard.press('Delete');
}

describe('the directory', { skip }, () => {
  test('anyone finds a service and opens its provider, by keyboard alone', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await env.pageFor('public');
    const { page } = p;
    await page.goto('/find-support');
    await page.locator('#council-links').waitFor();
    // Not signed in and no council in the address: the search asks which council (422).
    await checkPage(p, 'the choice of council', { apiErrors: ['422 GET /api/directory/search'], file: 'councils' });
    await tabToLink(page, env.council.name);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('council') === env.council.code);
    await page.locator('#results-heading').waitFor();
    assert.equal(await text(page, '#council-caption'), env.council.name);
    assert.equal(await text(page, '#results-heading'), '8 services found');
    await checkPage(p, 'the whole directory', { file: 'all' });

    await tabTo(page, 'q');
    await typeHere(page, 'sitting');
    await tabTo(page, 'max-price');
    await typeHere(page, '20');
    await tabTo(page, 'search');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'sitting');
    await page.locator('#results-heading').waitFor();
    assert.equal(await text(page, '#results-heading'), '1 service found');
    const result = await text(page, '#result-list li');
    assert.match(result, /Night sitting/);
    assert.match(result, /From Acorn Home Care/);
    assert.match(result, /£19\.00 an hour/);
    assert.match(result, /Good \(rated 1 June 2025\)/);
    assert.match(result, /north, central/);
    assert.equal(await page.locator('#q').inputValue(), 'sitting');
    await checkPage(p, 'the search results', { file: 'results' });

    await tabToLink(page, 'Night sitting');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/find-support/provider');
    await page.locator('#services-table').waitFor();
    assert.equal(await text(page, '#page-heading'), 'Acorn Home Care');
    assert.match(await text(page, '#provider-facts'), /Good \(rated 1 June 2025\)/);
    assert.match(await text(page, '#provider-facts'), /01632 960 001/);
    const services = await page.locator('#services-table tbody tr').allInnerTexts();
    assert.equal(services.length, 2);
    assert.match(services.join('\n'), /£21\.50 an hour/);
    assert.doesNotMatch(await page.locator('main').innerText(), /insurance|Framework/i);
    await checkPage(p, 'the provider page', { file: 'provider' });
  });

  test('an absurd search is refused naming the search box, and search syntax is just words', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = env.as('public');
    const { page } = p;
    await page.goto(`/find-support?council=${env.council.code}&q=${'a'.repeat(10_000)}`);
    const items = await errorSummaryItems(page);
    assert.deepEqual(items.map((i) => i.href), ['#q']);
    assert.match(items[0].text, /at most 200 characters/);
    await checkPage(p, 'a search too long', { apiErrors: ['422 GET /api/directory/search'] });

    await page.goto(`/find-support?council=${env.council.code}&q=${encodeURIComponent('"help" OR (home*) NEAR:')}`);
    await page.locator('#results-heading').waitFor();
    assert.equal(await text(page, '#results-heading'), 'No services found');
    await checkPage(p, 'a search with syntax in it');
  });

  test('a commissioner keeps the register: documents expiring, a provider and a service added', { timeout: STEP_TIMEOUT_MS }, async () => {
    const c = await env.signIn('commissioner', COMMISSIONER, { link: links.commissioner, password: PASSWORD });
    const { page } = c;
    assert.deepEqual(await navigationLinks(page), ['Your account', 'Finance overview', 'Providers', 'Market shaping', 'Policy scenarios']);
    await tabToLink(page, 'Providers');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/market/providers');
    await page.locator('#providers-table').waitFor();
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Providers');
    assert.equal(await page.locator('#providers-table tbody tr').count(), 6);
    await checkPage(c, 'the provider register', { file: 'register' });

    // A CQC location id another provider has.
    await tabTo(page, 'provider-name');
    await typeHere(page, 'Dunes Care');
    await tabTo(page, 'cqc-location-id');
    await typeHere(page, '1-1000000101');
    await tabTo(page, 'phone');
    await typeHere(page, '01632 960 777');
    await tabTo(page, 'add-provider');
    await page.keyboard.press('Enter');
    const duplicate = await errorSummaryItems(page);
    assert.deepEqual(duplicate.map((i) => i.href), ['#cqc-location-id']);
    await checkPage(c, 'a duplicate CQC id', { apiErrors: ['409 POST /api/providers'] });

    await page.locator('#cqc-location-id').focus();
    await typeHere(page, '1-1000000999');
    await tabTo(page, 'add-provider');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/market/provider');
    await page.locator('#no-services').waitFor();
    assert.equal(await text(page, '#page-heading'), 'Dunes Care');
    assert.match(await text(page, '#notification'), /Provider added/);

    // A service at £0.00, then at £18.00.
    await tabTo(page, 'service-what');
    await typeHere(page, 'Beach walks');
    await tabTo(page, 'price');
    await typeHere(page, '0');
    await tabTo(page, 'need-recreation');
    await page.keyboard.press('Space');
    await tabTo(page, 'service-type');
    await page.locator('#service-type').selectOption('community_activity');
    await tabTo(page, 'save-service');
    await page.keyboard.press('Enter');
    const zero = await errorSummaryItems(page);
    assert.deepEqual(zero.map((i) => i.href), ['#price']);
    assert.match(zero[0].text, /cannot be £0\.00/);
    const providerId = new URL(page.url()).searchParams.get('provider');
    await checkPage(c, 'a price of nothing', { apiErrors: [`422 POST /api/providers/${providerId}/services`], file: 'zero-price' });

    await page.locator('#price').focus();
    await typeHere(page, '18');
    await tabTo(page, 'save-service');
    await page.keyboard.press('Enter');
    await page.locator('#services-table').waitFor();
    assert.match(await text(page, '#services-table'), /Beach walks/);
    assert.match(await text(page, '#services-table'), /£18\.00 an hour/);
    await checkPage(c, 'the provider with its service', { file: 'service-added' });
  });
});
