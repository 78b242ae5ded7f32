// Browser test of the marketplace journey (issue #7): a planner writing a support plan finds a
// service in the council's directory and adds it to the plan. From the plan builder, "Save and
// find a service in the directory" saves the plan and opens Find support, which says whose plan
// the service is for; "Add to the plan" under a service goes back to the builder with the service
// as a new item (its provider, unit and price filled in, where it came from said); the planner
// says how many and which outcome, saves, and the saved plan names the directory's service and
// its kind of support. By keyboard alone from the search to the saved item. axe-core checks
// every page state, and no console error is allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build). The providers come
// from docs/samples/providers.csv through `selfdirect providers import`.
//
// Screenshots go to web/test-output/screenshots/marketplace-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { callApi, checkPageState, focusedId, POINTS_PRICE_MODEL, skipWithoutBin, tabTo, text, useServerAndBrowser, webDir } from './support.mjs';
import { recordPersonToIndicativeBudget } from './casework-support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests import providers, add a user and publish a model with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const PLANNER = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
const links = {};
let personId;
let planId;

const env = useServerAndBrowser('marketplace', {
  async setUp() {
    await env.cli(['providers', 'import', '--data', env.data, '--council', env.council.code, join(webDir, '..', 'docs', 'samples', 'providers.csv')]);
    links.planner = await env.addUser(PLANNER);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `marketplace-${file}` });
}

describe('the marketplace', { skip }, () => {
  test('a planner starts a plan and goes from the builder to the directory, which says whose plan it is', { timeout: STEP_TIMEOUT_MS }, async () => {
    const planner = await env.signIn('planner', PLANNER, { link: links.planner, password: PASSWORD });
    const { page } = planner;
    personId = await recordPersonToIndicativeBudget(page, env.council.code);
    await page.goto(`/person/plan?person=${personId}`);
    await page.locator('#plan-section').waitFor();
    await page.locator('#outcome-o1').fill('To sleep through the night while someone keeps an eye on Mum');
    await page.locator('#find-service').click();
    await page.waitForURL((url) => url.pathname === '/find-support' && url.searchParams.has('plan'));
    planId = new URL(page.url()).searchParams.get('plan');
    await page.locator('#choosing-for-text').waitFor();
    assert.match(await text(page, '#choosing-for-text'), /You are choosing a service for .+’s support plan \(version 1\)/);
    assert.equal(await page.locator('#back-to-plan').getAttribute('href'), `/person/plan?plan=${planId}`);
    // The plan was saved on the way, with its outcome.
    const saved = await callApi(page, 'GET', `/api/plans/${planId}`);
    assert.equal(saved.status, 200);
    assert.equal(saved.body.outcomes[0].words, 'To sleep through the night while someone keeps an eye on Mum');
    await checkPage(planner, 'Find support, choosing for a plan', { file: 'choosing' });
  });

  test('by keyboard: a search keeps the plan, and "Add to the plan" brings the service back to the builder as a new item', { timeout: STEP_TIMEOUT_MS }, async () => {
    const planner = env.as('planner');
    const { page } = planner;
    await page.locator('#q').focus();
    await page.keyboard.type('sitting');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'sitting' && url.searchParams.get('plan') === planId);
    await page.locator('#result-list').waitFor();
    await page.locator('#choosing-for-text').waitFor();
    const link = page.getByRole('link', { name: /^Add to the plan\s?: Night sitting from Acorn Home Care$/ });
    const href = await link.getAttribute('href');
    const linkId = await link.getAttribute('id');
    assert.match(href, new RegExp(`^/person/plan\\?plan=${planId}&add_service=[0-9A-Z]{26}&provider=[0-9A-Z]{26}$`));
    await checkPage(planner, 'search results with "Add to the plan"', { file: 'results' });
    await tabTo(page, linkId, { limit: 300 });
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/person/plan' && !url.searchParams.has('add_service'));
    await page.locator('.govuk-notification-banner--success').waitFor();
    assert.match(await text(page, '.govuk-notification-banner--success'), /Night sitting from Acorn Home Care has been added/);
    const item = page.locator('[data-item]').last();
    const key = await item.getAttribute('data-item');
    assert.equal(await focusedId(page), `item-${key}-heading`);
    assert.equal(await page.locator(`#item-${key}-what`).inputValue(), 'Night sitting');
    assert.equal(await page.locator(`#item-${key}-supplier-name`).inputValue(), 'Acorn Home Care');
    assert.equal(await page.locator(`#item-${key}-unit-price`).inputValue(), '19.00');
    assert.match(await text(page, `#item-${key}-from-directory`), /Chosen from the council’s directory \(Acorn Home Care\)\. Kind of support: Home care\./);
    await checkPage(planner, 'the builder with the service added', { file: 'added' });

    // How many and which outcome, by keyboard, then save as a draft.
    await tabTo(page, `item-${key}-quantity`, { limit: 300 });
    await page.keyboard.type('3');
    await tabTo(page, `item-${key}-outcomes`, { limit: 300 });
    await page.keyboard.press('Space');
    await tabTo(page, 'save-draft', { limit: 300 });
    await page.keyboard.press('Enter');
    // "As last saved" was £0.00 (the plan had no item when it was saved on the way out).
    await page.waitForFunction(() => /\(£57\.00 a week\)/.test(document.getElementById('saved-cost')?.textContent ?? ''));
    assert.equal(await text(page, '#saved-cost'), '£2,964.00 a year (£57.00 a week)');
    await checkPage(planner, 'the plan saved with the service', { file: 'saved' });

    const saved = await callApi(page, 'GET', `/api/plans/${planId}`);
    assert.equal(saved.status, 200);
    assert.equal(saved.body.items.length, 1);
    const [chosen] = saved.body.items;
    assert.equal(chosen.service_id, href.match(/add_service=([0-9A-Z]{26})/)[1]);
    assert.equal(chosen.supplier, 'provider');
    assert.equal(chosen.supplier_name, 'Acorn Home Care');
    assert.equal(chosen.service_type, 'home_care');
    assert.equal(chosen.quantity, '3.00');
    assert.deepEqual(chosen.outcomes, ['o1']);
    assert.deepEqual(chosen.approval, { allowed: true });
  });

  test('reloading the builder does not add the service twice, and the plan summary names the kind of support', { timeout: STEP_TIMEOUT_MS }, async () => {
    const planner = env.as('planner');
    const { page } = planner;
    await page.reload();
    await page.locator('#plan-section').waitFor();
    assert.equal(await page.locator('[data-item]').count(), 1);
    await page.goto(`/person/plan/check?plan=${planId}`);
    await page.locator('#summary-item-1').waitFor();
    assert.match(await text(page, '#summary-item-1'), /Kind of support\s*Home care/);
    await checkPage(planner, 'the plan check page', { file: 'check' });
  });
});
