// Browser test of pooled budgets (/pools and /pool): two budget holders form a pool and each
// sees its statement. Set up through the API: an adult social care scheme, Maya Okafor and Bo
// Okafor each with a signed-off plan paid by direct payment (£800.00 and £400.00 every four
// weeks), their bank details, a payment run today released by a finance officer, and an
// account for each linked to their record. Then Bo reads his reference on his pooled budgets
// page; Maya finds Pooled budgets from My money and proposes a pool with Bo by keyboard alone
// (first with shares that do not add up, which is refused naming both figures); Bo signs in,
// reads the invitation and consents; a finance officer collects the shares through the API;
// and each sees the pool's statement. axe-core checks every page state with no console error
// allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build). The server runs
// with --allow-administrators-without-totp so the administrator can add the scheme.
//
// Screenshots go to web/test-output/screenshots/pools-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, errorSummaryItems, skipWithoutBin, tabTo, text } from './support.mjs';
import { addScheme, ADMIN, APPROVER, ASSESSOR, BO, FINANCE, MAYA, poolPageCheck, poolServer, signedOffPerson, today, typeInto } from './pools-support.mjs';

const STEP_TIMEOUT_MS = 120_000;
const skip = skipWithoutBin('these tests add users and publish a model with the selfdirect command line');

const checkPage = poolPageCheck('pools');
const links = {};
const people = {};
let poolId;

const { env, signIn } = poolServer('pools', links);

describe('pooled budgets', { skip }, () => {
  test('set up: two budget holders paid by direct payment, each with an account', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn('admin', ADMIN);
    const councilId = await addScheme(admin);

    const assessor = await signIn('assessor', ASSESSOR);
    const approver = await signIn('approver', APPROVER);
    people.maya = await signedOffPerson(env, assessor, approver, 'Maya', '943 476 5919', 10);
    people.bo = await signedOffPerson(env, assessor, approver, 'Bo', '401 023 2137', 5);
    await approver.context.close();
    await assessor.context.close();

    const finance = await signIn('finance', FINANCE);
    for (const [who, account] of [['maya', '00733445'], ['bo', '00733446']]) {
      const details = await callApi(finance.page, 'PUT', `/api/people/${people[who]}/payment-details`, {
        route: 'direct_payment', payee_name: who === 'maya' ? MAYA.name : BO.name, sort_code: '30-94-30', account_number: account,
      });
      assert.equal(details.status, 200, JSON.stringify(details.body));
    }
    const run = await callApi(finance.page, 'POST', '/api/payment-runs', { date: today() });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    assert.equal(run.body.total_pence, 120000);
    const released = await callApi(finance.page, 'POST', `/api/payment-runs/${run.body.id}/release`, {});
    assert.equal(released.status, 200, JSON.stringify(released.body));

    for (const [who, user] of [['maya', MAYA], ['bo', BO]]) {
      const added = await callApi(admin.page, 'POST', `/api/councils/${councilId}/users`, {
        email: user.email, display_name: user.name, roles: ['budget-holder'], person_id: people[who],
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      links[user.email] = added.body.set_password_path;
    }
    await admin.context.close();
  });

  test('Bo finds his reference on his pooled budgets page', { timeout: STEP_TIMEOUT_MS }, async () => {
    const bo = await signIn('bo', BO);
    await bo.page.goto(`/my-money?person=${people.bo}`);
    await bo.page.locator('#pools-link').click();
    await bo.page.waitForURL((url) => url.pathname === '/pools');
    await bo.page.locator('#reference').waitFor();
    assert.equal(await text(bo.page, '#page-heading'), 'Pooled budgets');
    assert.equal(await text(bo.page, '#reference'), people.bo);
    assert.equal(await text(bo.page, '#pools-none'), 'You are not in a pooled budget.');
    await checkPage(bo, 'Bo’s pooled budgets, empty', { file: 'bo-empty' });
  });

  test('Maya proposes a pool with Bo by keyboard: first shares that do not add up, then right', { timeout: STEP_TIMEOUT_MS }, async () => {
    const maya = await signIn('maya', MAYA);
    const { page } = maya;
    await page.goto(`/my-money?person=${people.maya}`);
    await page.locator('#pools-link').waitFor();
    await tabTo(page, 'pools-link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/pools');
    await page.locator('#proposal-form').waitFor();
    await checkPage(maya, 'Maya’s pooled budgets with the form', { file: 'maya-form' });

    await typeInto(page, 'name', 'Tuesday art group');
    await typeInto(page, 'pays_for', 'A tutor and the room for a weekly art group');
    await typeInto(page, 'cost', '240.00');
    await tabTo(page, 'leaving_rule');
    await page.keyboard.press('Space');
    await typeInto(page, 'your_share', '120.00');
    await typeInto(page, 'other_reference', people.bo);
    await typeInto(page, 'other_share', '100.00');
    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    await tabTo(page, 'propose');
    await page.keyboard.press('Enter');

    const items = await errorSummaryItems(page);
    assert.equal(items.length, 1, JSON.stringify(items));
    assert.match(items[0].text, /add up to £220\.00 every 4 weeks, but the pool costs £240\.00/);
    assert.equal(items[0].href, '#cost');
    assert.match(await page.title(), /^Error: /);
    await checkPage(maya, 'the proposal refused: shares do not add up', { apiErrors: ['422 POST /api/pools'], file: 'maya-refused' });

    await typeInto(page, 'other_share', '120.00');
    await tabTo(page, 'propose');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/pool');
    await page.locator('#pool-summary').waitFor();
    poolId = new URL(page.url()).searchParams.get('id');
    assert.ok(poolId);
    assert.equal(await text(page, '#page-heading'), 'Tuesday art group');
    assert.match(await text(page, '#members'), /Maya Okafor/);
    assert.match(await text(page, '#members'), /Invited member \(waiting for their consent\)/);
    assert.doesNotMatch(await text(page, '#members'), /Bo Okafor/);
    assert.match(await text(page, '#pool-summary'), /Waiting for every member to consent/);
    await checkPage(maya, 'the proposed pool', { file: 'maya-proposed' });
  });

  test('Bo reads the invitation and consents', { timeout: STEP_TIMEOUT_MS }, async () => {
    const bo = env.as('bo');
    const { page } = bo;
    await page.goto(`/pools?person=${people.bo}`);
    await page.locator('#invitations').waitFor();
    assert.match(await text(page, '#invitations'), /Tuesday art group/);
    await checkPage(bo, 'Bo’s invitation', { file: 'bo-invited' });
    await tabTo(page, `open-${poolId}`);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/pool');
    await page.locator('#consent-form').waitFor();
    assert.match(await text(page, '#consent-form'), /£120\.00 will be taken from your direct payment account every 4 weeks/);
    assert.equal(await text(page, '#leave-link'), 'Say no to this pool');
    await checkPage(bo, 'the consent form', { file: 'bo-consent' });
    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    await tabTo(page, 'give-consent');
    await page.keyboard.press('Enter');
    await page.locator('#success-banner-title').waitFor();
    assert.match(await text(page, '.govuk-notification-banner'), /the pool has started/);
    assert.match(await text(page, '#pool-summary'), /Running/);
    assert.equal(await page.locator('#consent-form').count(), 0);
    await checkPage(bo, 'the pool after Bo consented', { file: 'bo-consented' });
  });

  test('a finance officer collects the shares, and each member sees the statement', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = await signIn('finance2', FINANCE);
    const collected = await callApi(finance.page, 'POST', `/api/pools/${poolId}/contributions`, {});
    assert.equal(collected.status, 200, JSON.stringify(collected.body));
    assert.equal(collected.body.collected, 2);
    assert.equal(collected.body.balance_pence, 24000);
    const again = await callApi(finance.page, 'POST', `/api/pools/${poolId}/contributions`, {});
    assert.equal(again.body.collected, 0);
    await finance.context.close();

    for (const [name, who, other] of [['maya', 'maya', 'Bo Okafor'], ['bo', 'bo', 'Maya Okafor']]) {
      const p = env.as(name);
      await p.page.goto(`/pool?id=${poolId}&person=${people[who]}`);
      await p.page.locator('#statement-summary').waitFor();
      const summary = await text(p.page, '#statement-summary');
      assert.match(summary, /Your share every 4 weeks\s*£120\.00/);
      assert.match(summary, /You have put in\s*£120\.00/);
      assert.match(summary, /In the pool now\s*£240\.00/);
      assert.match(summary, /Your part of what is in the pool\s*£120\.00/);
      assert.match(await text(p.page, '#periods'), /£240\.00\s*£120\.00/);
      assert.match(await text(p.page, '#members'), new RegExp(other));
      await checkPage(p, `${name}’s statement`, { file: `${name}-statement` });
    }
  });
});
