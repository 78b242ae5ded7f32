// Browser test of a running pooled budget's money and members (/pool, /pool/leave, /pools):
// collecting the shares and paying out (a finance officer), another member joining with
// consent, and a member leaving with what they take from the balance. Set up through the API:
// an adult social care scheme; Maya, Bo and Cal Okafor each with a signed-off plan paid by
// direct payment (£800.00, £400.00 and £400.00 every four weeks), their bank details and an
// account linked to their record; a pool "Tuesday art group" (£240.00 every 4 weeks, £120.00
// each, a leaver takes their part) proposed by Maya and consented to by Bo, so it is running.
// No payment has been made into anyone's account yet.
//
// Then, by keyboard where a form is filled: a finance officer finds the pool from Maya's money
// page, collects the shares and is refused (Maya's account holds £0.00, less than her share),
// the payment run is released (through the API), collects again, is refused a payment of more
// than the pool holds, and pays £60.00 to the art tutor; Maya's statement shows the money in and
// out; Cal joins the pool with his consent (first with a share larger than his direct payment,
// refused naming both amounts); Bo leaves, is told first that he will take £90.00, and his
// statement then shows he took it. axe-core checks every page state with no console error
// allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build). The server runs
// with --allow-administrators-without-totp so the administrator can add the scheme.
//
// Screenshots go to web/test-output/screenshots/pool-money-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, errorSummaryItems, skipWithoutBin, tabTo, tableRows, text } from './support.mjs';
import { addScheme, ADMIN, APPROVER, ASSESSOR, BO, FINANCE, MAYA, poolPageCheck, poolServer, press, signedOffPerson, today, typeInto } from './pools-support.mjs';

const STEP_TIMEOUT_MS = 120_000;
const skip = skipWithoutBin('these tests add users and publish a model with the selfdirect command line');

const CAL = { email: 'cal@example.org', name: 'Cal Okafor', role: 'budget-holder' };

const checkPage = poolPageCheck('pool-money');
const links = {};
const people = {};
let poolId;
let runId;

const { env, signIn } = poolServer('pool-money', links);

describe('a running pooled budget: money, joining and leaving', { skip }, () => {
  test('set up: three budget holders paid by direct payment, and a running pool of two', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await signIn('admin', ADMIN);
    const councilId = await addScheme(admin);

    const assessor = await signIn('assessor', ASSESSOR);
    const approver = await signIn('approver', APPROVER);
    people.maya = await signedOffPerson(env, assessor, approver, 'Maya', '943 476 5919', 10);
    people.bo = await signedOffPerson(env, assessor, approver, 'Bo', '401 023 2137', 5);
    people.cal = await signedOffPerson(env, assessor, approver, 'Cal', '485 777 3457', 5);
    await approver.context.close();
    await assessor.context.close();

    const finance = await signIn('finance', FINANCE);
    for (const [who, user, account] of [['maya', MAYA, '00733445'], ['bo', BO, '00733446'], ['cal', CAL, '00733447']]) {
      const details = await callApi(finance.page, 'PUT', `/api/people/${people[who]}/payment-details`, {
        route: 'direct_payment', payee_name: user.name, sort_code: '30-94-30', account_number: account,
      });
      assert.equal(details.status, 200, JSON.stringify(details.body));
    }
    // The run is made now and released later: until then no one's account holds anything.
    const run = await callApi(finance.page, 'POST', '/api/payment-runs', { date: today() });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    assert.equal(run.body.total_pence, 160000);
    runId = run.body.id;

    for (const [who, user] of [['maya', MAYA], ['bo', BO], ['cal', CAL]]) {
      const added = await callApi(admin.page, 'POST', `/api/councils/${councilId}/users`, {
        email: user.email, display_name: user.name, roles: ['budget-holder'], person_id: people[who],
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      links[user.email] = added.body.set_password_path;
    }
    await admin.context.close();

    const maya = await signIn('maya', MAYA);
    const proposed = await callApi(maya.page, 'POST', '/api/pools', {
      name: 'Tuesday art group', pays_for: 'A tutor and the room for a weekly art group', cost: '240.00',
      leaving_rule: 'shared_by_contributions',
      members: [{ person: people.maya, share: '120.00', consent: true }, { person: people.bo, share: '120.00' }],
    });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
    poolId = proposed.body.id;
    const bo = await signIn('bo', BO);
    const consented = await callApi(bo.page, 'POST', `/api/pools/${poolId}/consents`, { person: people.bo });
    assert.equal(consented.status, 200, JSON.stringify(consented.body));
    assert.equal(consented.body.status, 'active');
  });

  test('a finance officer finds the pool, is refused while an account is empty, then collects the shares', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    await page.goto(`/my-money?person=${people.maya}`);
    await page.locator('#pools-link').click();
    await page.waitForURL((url) => url.pathname === '/pools');
    await page.locator(`#open-${poolId}`).waitFor();
    assert.equal(await page.locator('#proposal-form').count(), 0, 'a finance officer cannot propose for a person');
    assert.equal(await page.locator('#join-form').count(), 0, 'a finance officer cannot join a person to a pool');
    await checkPage(finance, 'Maya’s pooled budgets, as a finance officer', { file: 'finance-list' });
    await page.locator(`#open-${poolId}`).click();
    await page.waitForURL((url) => url.pathname === '/pool');
    await page.locator('#collect-form').waitFor();
    assert.match(await text(page, '#due-shares'), /Maya Okafor\s*£120\.00/);
    assert.match(await text(page, '#due-shares'), /Bo Okafor\s*£120\.00/);
    assert.match(await text(page, '#due-shares'), /Total\s*£240\.00/);
    assert.equal(await page.locator('#leave-link').count(), 0, 'a finance officer cannot take a member out');
    await checkPage(finance, 'the pool, as a finance officer', { file: 'finance-pool' });

    await press(page, 'collect');
    const items = await errorSummaryItems(page);
    assert.equal(items.length, 1, JSON.stringify(items));
    assert.match(items[0].text, /^Maya Okafor's direct payment \(account [0-9A-Z]{26}\) holds £0\.00, less than Maya Okafor's share of £120\.00 for .*Nothing was collected from anyone/);
    assert.equal(items[0].href, '#collect');
    assert.match(await page.title(), /^Error: /);
    assert.match(await text(page, '#pool-summary'), /In the pool now\s*£0\.00/);
    await checkPage(finance, 'collecting refused: an account holds less than the share', { apiErrors: [`409 POST /api/pools/${poolId}/contributions`], file: 'collect-refused' });

    const released = await callApi(page, 'POST', `/api/payment-runs/${runId}/release`, {});
    assert.equal(released.status, 200, JSON.stringify(released.body));
    await press(page, 'collect');
    await page.locator('#success-banner-title').waitFor();
    assert.match(await text(page, '.govuk-notification-banner'), /Shares collected/);
    assert.match(await text(page, '.govuk-notification-banner'), /\(£240\.00 in all\) were taken from 2 members’ direct payment accounts\. The pool now holds £240\.00\./);
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.doesNotMatch(await page.title(), /^Error: /);
    assert.match(await text(page, '#pool-summary'), /In the pool now\s*£240\.00/);
    await checkPage(finance, 'the shares collected', { file: 'collected' });

    // The finance officers' list of pools says this period's shares are in, and opens the pool.
    await page.goto('/finance/pools');
    await page.locator('#pools-table').waitFor();
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Pooled budgets');
    assert.match(await text(page, '#to-collect'), /^Every running pool’s shares have been collected for this period \(1 pool\)\.$/);
    const rows = await tableRows(page, '#pools-table');
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].slice(1, 5), ['Running', '2 members', '£240.00', '£240.00']);
    assert.match(rows[0][5], /^\d{1,2} \w+ (\d{4} )?to \d{1,2} \w+ \d{4}: Collected$/);
    await checkPage(finance, 'the finance officers’ list of pools', { file: 'finance-pools' });
    await page.locator(`#open-${poolId}`).click();
    await page.waitForURL((url) => url.pathname === '/pool');
    await page.locator('#collect-form').waitFor();
  });

  test('the finance officer pays the art tutor out of the pool, and Maya’s statement shows it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const finance = env.as('finance');
    const { page } = finance;
    await typeInto(page, 'amount', '500.00');
    await typeInto(page, 'reference', 'Art tutor, first week');
    await typeInto(page, 'key', 'INV-001');
    await press(page, 'pay');
    assert.equal(await page.locator('#success-banner-title').count(), 0, 'the collection’s message is gone');
    const items = await errorSummaryItems(page);
    assert.deepEqual(items, [{ text: 'The pooled budget holds £240.00, less than the payment of £500.00. Nothing was paid', href: '#amount' }]);
    await checkPage(finance, 'a payment larger than the pool refused', { apiErrors: [`409 POST /api/pools/${poolId}/payments`], file: 'pay-refused' });

    await typeInto(page, 'amount', '60.00');
    await press(page, 'pay');
    await page.locator('.govuk-notification-banner', { hasText: 'Payment made' }).waitFor();
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.match(await text(page, '.govuk-notification-banner'), /Payment made\s*£60\.00 was paid out of the pool: Art tutor, first week\. The pool now holds £180\.00\./);
    assert.match(await text(page, '#money-out'), /Art tutor, first week\s*£60\.00/);
    await checkPage(finance, 'paid out of the pool', { file: 'paid' });
    await finance.context.close();

    const maya = env.as('maya');
    await maya.page.goto(`/pool?id=${poolId}&person=${people.maya}`);
    await maya.page.locator('#statement-summary').waitFor();
    const summary = await text(maya.page, '#statement-summary');
    assert.match(summary, /You have put in\s*£120\.00/);
    assert.match(summary, /Money in from all members\s*£240\.00/);
    assert.match(summary, /Money paid out\s*£60\.00/);
    assert.match(summary, /In the pool now\s*£180\.00/);
    assert.match(summary, /Your part of what is in the pool\s*£90\.00/);
    assert.match(await text(maya.page, '#periods'), /£240\.00\s*£120\.00/);
    assert.match(await text(maya.page, '#money-out'), /Art tutor, first week\s*£60\.00/);
    assert.equal(await maya.page.locator('#collect-form').count(), 0, 'a member does not move the pool’s money');
    assert.match(await text(maya.page, '#pool-summary'), new RegExp(`Pool reference\\s*${poolId}`));
    await checkPage(maya, 'Maya’s statement after the payment', { file: 'maya-statement' });
  });

  test('Cal joins the pool with his consent, by keyboard: first a share larger than his direct payment', { timeout: STEP_TIMEOUT_MS }, async () => {
    const cal = await signIn('cal', CAL);
    const { page } = cal;
    await page.goto('/pools');
    await page.locator('#join-form').waitFor();
    await checkPage(cal, 'Cal’s pooled budgets with the join form', { file: 'cal-form' });

    await typeInto(page, 'pool_reference', poolId.toLowerCase());
    await typeInto(page, 'join_share', '500.00');
    await typeInto(page, 'join_cost', '740.00');
    await press(page, 'join');
    let items = await errorSummaryItems(page);
    assert.deepEqual(items.map((i) => i.href), ['#join_consent']);
    assert.match(items[0].text, /without consenting/);
    await checkPage(cal, 'joining without consent refused before sending', { file: 'cal-no-consent' });

    await tabTo(page, 'join_consent');
    await page.keyboard.press('Space');
    await press(page, 'join');
    await page.locator('.govuk-error-summary a[href="#join_share"]').waitFor();
    items = await errorSummaryItems(page);
    assert.deepEqual(items, [{ text: 'The share of £500.00 every 4 weeks is more than the £400.00 the member\'s direct payment pays every 4 weeks', href: '#join_share' }]);
    assert.match(await text(page, '#join_share-error'), /£500\.00.*£400\.00/);
    await checkPage(cal, 'a share larger than Cal’s direct payment refused', { apiErrors: [`422 POST /api/pools/${poolId}/members`], file: 'cal-refused' });

    await typeInto(page, 'join_share', '120.00');
    await typeInto(page, 'join_cost', '360.00');
    await press(page, 'join');
    await page.waitForURL((url) => url.pathname === '/pool');
    await page.locator('#success-banner-title').waitFor();
    assert.match(await text(page, '.govuk-notification-banner'), /You have joined Tuesday art group/);
    assert.match(await text(page, '#members'), /Cal Okafor\s*£120\.00\s*In the pool/);
    assert.match(await text(page, '#pool-summary'), /Cost every 4 weeks\s*£360\.00/);
    assert.match(await text(page, '#statement-summary'), /You have put in\s*£0\.00/);
    await checkPage(cal, 'Cal in the pool', { file: 'cal-joined' });
    await cal.context.close();
  });

  test('Bo leaves: he is told first what he takes, then his statement shows he took it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const bo = env.as('bo');
    const { page } = bo;
    await page.goto(`/pool?id=${poolId}&person=${people.bo}`);
    await page.locator('#leave-link').waitFor();
    await press(page, 'leave-link');
    await page.waitForURL((url) => url.pathname === '/pool/leave');
    await page.locator('#leave-form').waitFor();
    assert.equal(await text(page, '#page-heading'), 'Are you sure you want to leave Tuesday art group?');
    assert.match(await text(page, '#leave-warning'), /You will take £90\.00 from the pool: your part of the £180\.00 in it, in proportion to what each member has put in\. It will be paid back into your direct payment account\./);
    assert.match(await text(page, '#leave-content'), /Your share of £120\.00 will no longer be taken every 4 weeks\./);
    assert.doesNotMatch(await text(page, '#leave-content'), /will close/);
    await checkPage(bo, 'the confirmation before leaving', { file: 'bo-leave' });

    await press(page, 'leave');
    await page.waitForURL((url) => url.pathname === '/pool');
    await page.locator('#success-banner-title').waitFor();
    assert.match(await text(page, '.govuk-notification-banner'), /You have left Tuesday art group\s*You took £90\.00 from the pool\. It has been paid back into your direct payment account\./);
    assert.match(await text(page, '#statement-summary'), /You took when you left\s*£90\.00/);
    assert.match(await text(page, '#members'), /Bo Okafor\s*£120\.00\s*Left/);
    assert.match(await text(page, '#pool-summary'), /Running/);
    assert.equal(await page.locator('#leave-link').count(), 0);
    await checkPage(bo, 'Bo has left', { file: 'bo-left' });

    const maya = env.as('maya');
    await maya.page.goto(`/pool?id=${poolId}&person=${people.maya}`);
    await maya.page.locator('#statement-summary').waitFor();
    assert.match(await text(maya.page, '#statement-summary'), /In the pool now\s*£90\.00/);
    assert.match(await text(maya.page, '#money-out'), /£90\.00/);
    await checkPage(maya, 'Maya’s statement after Bo left', { file: 'maya-after' });
  });
});
