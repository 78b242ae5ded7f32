// What the pooled budget browser tests (pools.test.mjs, pool-money.test.mjs) share: their
// users, keyboard helpers, a page check that also refuses an id used twice, and budget holders
// with a signed-off plan paid by direct payment.
//
//   const links = {};
//   const { env, signIn } = poolServer('pools', links);
//   const checkPage = poolPageCheck('pools');
//   const councilId = await addScheme(admin);
//   const personId = await signedOffPerson(env, assessor, approver, 'Maya', '943 476 5919', 10);

import assert from 'node:assert/strict';
import { callApi, checkPageState, POINTS_PRICE_MODEL, submitAndApprove, tabTo, useServerAndBrowser } from './support.mjs';
import { recordPersonToIndicativeBudget, setApprovalLimit } from './casework-support.mjs';

export const PASSWORD = 'correct horse battery staple';
export const ASSESSOR = { email: 'sam@example.org', name: 'Sam Social-Worker', role: 'assessor' };
export const APPROVER = { email: 'ade@example.org', name: 'Ade Approver', role: 'approver' };
export const ADMIN = { email: 'kim@example.org', name: 'Kim Administrator', role: 'administrator' };
export const FINANCE = { email: 'fin@example.org', name: 'Fin Finance-Officer', role: 'finance-officer' };
export const MAYA = { email: 'maya@example.org', name: 'Maya Okafor', role: 'budget-holder' };
export const BO = { email: 'bo@example.org', name: 'Bo Okafor', role: 'budget-holder' };

/**
 * The server and browser for a pooled budget test: the staff users added (their set-password
 * links kept in `links` by email; add the budget holders' there too) and the points model
 * published. The server runs with --allow-administrators-without-totp so the administrator can
 * add the scheme. `signIn(name, user)` signs a user in with the shared password.
 */
export function poolServer(name, links) {
  const env = useServerAndBrowser(name, {
    serverArgs: ['--allow-administrators-without-totp'],
    async setUp() {
      for (const user of [ASSESSOR, APPROVER, ADMIN, FINANCE]) links[user.email] = await env.addUser(user);
      await env.publishModel(POINTS_PRICE_MODEL);
    },
  });
  const signIn = (who, user) => env.signIn(who, user, { link: links[user.email], password: PASSWORD });
  return { env, signIn };
}

export function today() {
  return new Date().toISOString().slice(0, 10);
}

/** checkPageState, after checking no id is used twice; screenshots are named `${prefix}-${file}`. */
export function poolPageCheck(prefix) {
  return async (p, name, { apiErrors = [], file } = {}) => {
    const duplicates = await p.page.evaluate(() => {
      const seen = new Set();
      return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
    });
    assert.deepEqual(duplicates, [], `ids used twice on ${name}`);
    return checkPageState(p, name, { apiErrors, file: file && `${prefix}-${file}` });
  };
}

/** Tabs to the field `id` and types `value` into it, replacing what was there. */
export async function typeInto(page, id, value) {
  await tabTo(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(value);
}

/** Tabs to the button or link `id` and presses Enter. */
export async function press(page, id) {
  await tabTo(page, id);
  await page.keyboard.press('Enter');
}

/** A person with a signed-off plan of `hours` a week at £20.00 by direct payment. */
export async function signedOffPerson(env, assessor, approver, givenName, nhsNumber, hours) {
  const personId = await recordPersonToIndicativeBudget(assessor.page, env.council.code, { givenName, nhsNumber });
  const plan = await callApi(assessor.page, 'POST', `/api/people/${personId}/plans`, {
    outcomes: [{ id: 'o1', words: 'I want to go to the art group every week' }],
    items: [{
      what: 'Help to get out', supplier: 'personal_assistant', supplier_name: 'Sam', unit: 'hour',
      unit_price: '20', quantity: String(hours), frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment',
    }],
    written_with: ['person', 'social_worker'],
    risks: [{ risk: 'Her assistant is ill', how_managed: 'Her daughter helps' }],
    emergency: 'Call her daughter on 07700 900123',
  });
  await submitAndApprove(assessor, approver, plan);
  return personId;
}

/**
 * As the administrator: adds the adult social care scheme and lets the approver sign off plans
 * up to £30,000. Returns the council's id.
 */
export async function addScheme(admin) {
  const session = (await callApi(admin.page, 'GET', '/api/session')).body;
  const councilId = session.user.council_id;
  const scheme = await callApi(admin.page, 'POST', `/api/councils/${councilId}/schemes`, { name: 'Adult social care', kind: 'adult-social-care' });
  assert.equal(scheme.status, 201, JSON.stringify(scheme.body));
  await setApprovalLimit(admin.page, APPROVER.email, '30000');
  return councilId;
}
