// Browser tests of what each role sees: one user for each of the eleven roles signs in on
// the sign-in page; the header's navigation shows exactly the pages the access policy
// (src/selfdirect/access/policy.cc, tests/access_matrix_test.cc) lets that role use; every
// staff page either shows its main heading (allowed) or the site's "You do not have
// permission" page (refused), never a half-drawn page or a JavaScript error; and the API
// behind each page answers as the policy says (200, 403, or 404 for a record the role has no
// standing with). "Your record" shows the budget holder their record and tells everyone else
// their account is not linked to one. axe-core checks every page state shown. In Debian's
// Chromium, driven by playwright-core.
//
// The person's record page (/person) is the social worker's to work from; the approver and the
// safeguarding lead may read it (without the links to forms they cannot use), and the API then
// decides: the approver stands to every person in the council; the lead only to someone with a
// concern on record, so for this person the record does not exist (404). Every other role is
// refused before the API is asked (the budget holder's own record is at /my-record).
//
// The server is started as a real deployment is, so the administrator sets up two-step
// sign-in on the account page (the real way) and signs in again with a code before their
// pages are checked.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council and the users with the
// command line, then starts `selfdirect serve` on that database. Build web/dist first
// (npm run build). Skipped with only SELFDIRECT_URL set.
//
// Screenshots go to web/test-output/screenshots/roles-<role>-<page>.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkPageState,
  createPassword,
  navigationLinks,
  nextTotpCode,
  setUpTwoStepSignIn,
  skipWithoutBin,
  submitSignIn,
  useServerAndBrowser,
  waitForAccountPage,
} from './support.mjs';
import { fillNewPersonForm } from './casework-support.mjs';

// Each role visits every staff page (twelve), with axe and a screenshot on each: on a busy
// machine that takes more than two minutes.
const STEP_TIMEOUT_MS = 240_000;
const skip = skipWithoutBin('these tests add a user for each role with the selfdirect command line, on the database of the server they start');

const PASSWORD = 'correct horse battery staple';
const NO_PERMISSION = 'You do not have permission to see this page';

/** Every role, in the order of src/selfdirect/access/roles.h, with its user. */
const ROLES = [
  'budget-holder', 'representative', 'support-planner', 'assessor', 'approver', 'finance-officer',
  'commissioner', 'safeguarding-lead', 'analyst', 'administrator', 'auditor',
].map((role) => ({ role, email: `${role}@example.org`, name: `Test ${role.replace('-', ' ')}` }));

/**
 * The header's links for each role, from the access policy: everyone has their account; a
 * budget holder whose account is linked to a person's record has "Your record"; each staff
 * page's link goes to the one role the policy lets read what that page shows
 * (caseload.read and reviews-queue.read: assessor; sign-off-queue.read: approver; concerns.read:
 * safeguarding lead; users.manage and ras-models.publish: administrator; audit.read: auditor;
 * statements.import, payments.manage, invoices.manage and surplus-proposals.manage: finance
 * officer). "Money alerts" goes to every role alerts.read allows: finance officer, assessor,
 * support planner and safeguarding lead. A representative has "People you help" (the grants they
 * hold). "Finance overview" goes to finance officers and commissioners (finance-overview.read), and
 * "Providers" (the provider register, market.manage) and "Market shaping" to commissioners.
 * "Policy scenarios" (scenarios.run) goes to analysts and commissioners.
 */
const NAVIGATION = {
  'budget-holder': ['Your account', 'Your record', 'Your money'],
  'representative': ['Your account', 'People you help'],
  'support-planner': ['Your account', 'Money alerts'],
  'assessor': ['Your account', 'Your caseload', 'Reviews', 'Money alerts'],
  'approver': ['Your account', 'Plans to sign off'],
  'finance-officer': ['Your account', 'Payment runs', 'Statements', 'Provider invoices', 'Surplus proposals', 'Pooled budgets', 'Finance overview', 'Money alerts'],
  'commissioner': ['Your account', 'Finance overview', 'Providers', 'Market shaping', 'Policy scenarios'],
  'analyst': ['Your account', 'Policy scenarios'],
  'safeguarding-lead': ['Your account', 'Safeguarding', 'Money alerts'],
  'administrator': ['Your account', 'Users', 'Budget models', 'Finance settings'],
  'auditor': ['Your account', 'Audit log'],
};

/**
 * The staff pages: the heading each shows when allowed, the role whose page it is (or `roles`,
 * any of which may use it), and the API it reads (whose answer to every other role is a 403).
 * `screenshot` marks the pages saved for every role.
 */
const PAGES = [
  { path: '/caseload', name: 'caseload', heading: 'Your caseload', role: 'assessor', api: () => '/api/queues/caseload', screenshot: true },
  { path: '/people/new', name: 'new-person', heading: 'Add a person', role: 'assessor' },
  { path: '/reviews', name: 'reviews', heading: 'Reviews', role: 'assessor', api: () => '/api/queues/reviews-due' },
  { path: '/sign-off', name: 'sign-off', heading: 'Plans to sign off', role: 'approver', api: () => '/api/queues/awaiting-sign-off' },
  { path: '/finance/payment-runs', name: 'payment-runs', heading: 'Payment runs', role: 'finance-officer', api: () => '/api/payment-runs' },
  { path: '/concerns', name: 'concerns', heading: 'Safeguarding concerns', role: 'safeguarding-lead', api: () => '/api/concerns' },
  { path: '/users', name: 'users', heading: 'Users', role: 'administrator', api: () => `/api/councils/${ids.council}/users`, screenshot: true },
  { path: '/ras-models', name: 'ras-models', heading: 'Budget models', role: 'administrator' },
  { path: '/finance/settings', name: 'finance-settings', heading: 'Finance settings', role: 'administrator' },
  { path: '/audit', name: 'audit', heading: 'Audit log', role: 'auditor', api: () => `/api/councils/${ids.council}/audit?limit=10` },
  { path: '/finance/statements', name: 'statements', heading: 'Import a statement', role: 'finance-officer', api: () => '/api/statement-formats' },
  { path: '/finance/invoices', name: 'invoices', heading: 'Provider invoices', role: 'finance-officer', api: () => '/api/invoices' },
  { path: '/finance/surplus-proposals', name: 'surplus-proposals', heading: 'Surplus proposals', role: 'finance-officer', api: () => '/api/surplus-proposals' },
  { path: '/alerts', name: 'alerts', heading: 'Money alerts', roles: ['finance-officer', 'assessor', 'support-planner', 'safeguarding-lead'], api: () => '/api/alerts' },
  { path: '/finance/overview', name: 'finance-overview', heading: 'Finance overview', roles: ['finance-officer', 'commissioner'], api: () => '/api/finance/overview' },
  { path: '/market/providers', name: 'providers', heading: 'Providers', role: 'commissioner', api: () => '/api/providers' },
  { path: '/market/shaping', name: 'market-shaping', heading: 'Market shaping', role: 'commissioner', api: () => '/api/market/shaping' },
  { path: '/scenarios', name: 'scenarios', heading: 'Policy scenarios', roles: ['analyst', 'commissioner'], api: () => '/api/scenarios/examples' },
];

/**
 * What GET /api/people/{id} answers each role for the person the assessor adds (the budget
 * holder's own record), by the policy's person rules: the budget holder (self), the assessor
 * (the unallocated are in their caseload) and the approver (the council's people) may see it;
 * the finance officer has standing (the money) but not the case record, so 403; the rest have
 * no relationship to the person, so the record does not exist for them (404).
 */
const PERSON_API = {
  'budget-holder': 200,
  'assessor': 200,
  'approver': 200,
  'finance-officer': 403,
};

const links = {};
const ids = {};
/** The administrator's two-step key, once set up. */
let adminTwoStep;

// Started as a real deployment is (no serverArgs): administrators must set up two-step sign-in.
const env = useServerAndBrowser('roles', {
  async setUp() {
    // The budget holder is added once the assessor has added their person's record.
    for (const user of ROLES.filter((u) => u.role !== 'budget-holder')) links[user.role] = await env.addUser(user);
  },
});

/** A browser context (its own cookies) for `role`, watched for errors. */
function person(role) {
  return env.pageFor(role);
}

function user(role) {
  return ROLES.find((u) => u.role === role);
}

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `roles-${file}` });
}

/** The account page (support.mjs), once nothing more is loading. */
async function waitForAccountLoaded(page) {
  await waitForAccountPage(page);
  await page.waitForLoadState('networkidle');
}

/** Signs in on the sign-in page, with a security code when `twoStep` is given. */
async function signIn(p, role, twoStep) {
  const { page } = p;
  await page.goto('/sign-in');
  await submitSignIn(page, user(role).email, PASSWORD);
  if (twoStep) {
    await page.locator('#code-group').waitFor();
    await checkPage(p, `the sign-in page asking the ${role} for a code`, { apiErrors: ['401 POST /api/session'] });
    await page.locator('#code').fill(await nextTotpCode(twoStep));
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await waitForAccountLoaded(page);
}

/** The main heading, once the page has finished loading (the page's own or its refusal). */
async function mainHeading(page) {
  await page.waitForLoadState('networkidle');
  return (await page.locator('main h1').first().innerText()).trim();
}

/** The status the API answers `role` for GET `path`, with their session cookie. */
async function apiStatus(p, path) {
  const response = await p.context.request.get(path);
  return response.status();
}

/** Visits every staff page and the person's record as `role` and checks each. */
async function checkStaffPages(p, role) {
  const { page } = p;
  for (const staffPage of PAGES) {
    const allowed = staffPage.roles ? staffPage.roles.includes(role) : staffPage.role === role;
    if (staffPage.api) {
      assert.equal(await apiStatus(p, staffPage.api()), allowed ? 200 : 403, `GET ${staffPage.api()} as the ${role}`);
    }
    await page.goto(staffPage.path);
    assert.equal(new URL(page.url()).pathname, staffPage.path, `${staffPage.path} as the ${role} stays at its address`);
    const heading = await mainHeading(page);
    assert.equal(heading, allowed ? staffPage.heading : NO_PERMISSION, `${staffPage.path} as the ${role}`);
    if (!allowed) {
      assert.match(await page.locator('#page-content').innerText(), /ask your council’s selfdirect administrator/);
      assert.equal(await page.title(), `${NO_PERMISSION} – selfdirect`);
    }
    assert.deepEqual(await navigationLinks(page), NAVIGATION[role] ?? ['Your account'],
      `the navigation on ${staffPage.path} as the ${role}`);
    await checkPage(p, `${staffPage.path} as the ${role}`, {
      file: (allowed || staffPage.screenshot) && `${role}-${staffPage.name}`,
    });
  }

  // The person's record. The API decides by the person rules; the page lets social workers,
  // approvers and the safeguarding lead ask it, and refuses everyone else first.
  const expectedApi = PERSON_API[role] ?? 404;
  assert.equal(await apiStatus(p, `/api/people/${ids.person}`), expectedApi, `GET /api/people/{id} as the ${role}`);
  await page.goto(`/person?id=${ids.person}`);
  const heading = await mainHeading(page);
  const expectedHeading = { 'assessor': 'Maya Okafor', 'approver': 'Maya Okafor', 'safeguarding-lead': 'Page not found' }[role] ?? NO_PERMISSION;
  assert.equal(heading, expectedHeading, `the person's record as the ${role}`);
  if (role === 'approver') {
    // Read only: the statuses, no links to the social worker's forms.
    await page.locator('#read-only').waitFor();
    assert.equal(await page.locator('#case-tasks a').count(), 0, 'the approver has no links to the case forms');
  }
  if (role === 'assessor') assert.ok((await page.locator('#case-tasks a').count()) > 0, 'the social worker has the case forms');
  await checkPage(p, `the person's record as the ${role}`, {
    file: `${role}-person`,
    apiErrors: role === 'safeguarding-lead' ? [`404 GET /api/people/${ids.person}`] : [],
  });

  // "Your record" is for an account linked to a person's record; anyone else who goes there
  // is told their account is not linked to one.
  await page.goto('/my-record');
  assert.equal(await mainHeading(page), 'Your record');
  if (role === 'budget-holder') {
    await page.locator('#record-section').waitFor();
    assert.equal(await page.locator('#not-linked').isVisible(), false);
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Your record');
  } else {
    await page.locator('#not-linked').waitFor();
    assert.equal(await page.locator('#record-section').isVisible(), false);
  }
  await checkPage(p, `the record page as the ${role}`, {
    // The budget holder's record asks for their budget, which is not in place yet.
    apiErrors: role === 'budget-holder' ? [`404 GET /api/people/${ids.person}/budget`] : [],
    file: ['budget-holder', 'representative'].includes(role) && `${role}-my-record`,
  });

  // "Your money" before any money is paid says so, under the navigation, rather than "not found".
  if (role === 'budget-holder') {
    await page.locator('#navigation').getByRole('link', { name: 'Your money' }).click();
    await page.waitForURL((url) => url.pathname === '/my-money' && url.searchParams.get('person') === ids.person);
    await page.locator('#no-money').waitFor();
    assert.equal(await mainHeading(page), 'My money');
    assert.match(await page.locator('#no-money').innerText(), /^No money is being paid yet/);
    assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Your money');
    await checkPage(p, 'my money before any is paid', {
      apiErrors: [`404 GET /api/people/${ids.person}/money`],
      file: 'budget-holder-my-money',
    });
  }
}

/** Checks the account page's navigation for `role` and saves it. */
async function checkNavigation(p, role) {
  const { page } = p;
  assert.deepEqual(await navigationLinks(page), NAVIGATION[role] ?? ['Your account'],
    `the navigation for the ${role}`);
  assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Your account');
  await page.locator('#navigation').getByRole('button', { name: 'Sign out' }).waitFor();
}

describe('what each role sees', { skip }, () => {
  test('the assessor signs in and adds a person; that person becomes a budget holder', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await person('assessor');
    const { page } = p;
    await createPassword(p.page, links.assessor, PASSWORD);
    await signIn(p, 'assessor');
    ids.council = await page.evaluate(async () => (await (await fetch('/api/session')).json()).user.council_id);
    await checkNavigation(p, 'assessor');
    await checkPage(p, 'the account page as the assessor', { file: 'assessor-account' });

    await page.goto('/people/new');
    await page.locator('#person-form').waitFor();
    await fillNewPersonForm(page);
    await page.getByRole('button', { name: 'Add this person' }).click();
    await page.waitForURL((url) => url.pathname === '/person');
    ids.person = new URL(page.url()).searchParams.get('id');
    await page.locator('#case-tasks').waitFor();
    await checkPage(p, 'the new person’s record');

    links['budget-holder'] = await env.addUser(user('budget-holder'), { person: ids.person });
  });

  test('the administrator signs in, is sent to set up two-step sign-in, and signs in again with a code', { timeout: STEP_TIMEOUT_MS }, async () => {
    const p = await person('administrator');
    const { page } = p;
    await createPassword(p.page, links.administrator, PASSWORD);
    await signIn(p, 'administrator');
    await checkNavigation(p, 'administrator');
    await page.locator('#two-step-required').waitFor();
    await checkPage(p, 'the account page as an administrator without two-step sign-in', { file: 'administrator-account-no-totp' });

    // Before two-step sign-in, the users page says why it cannot be used.
    await page.goto('/users');
    await page.locator('#two-step-banner').waitFor();
    assert.equal(await mainHeading(page), 'You need to set up two-step sign-in first');
    await checkPage(p, 'the users page before two-step sign-in', {
      apiErrors: [`403 GET /api/councils/${ids.council}/users`],
      file: 'administrator-users-no-totp',
    });

    await page.goto('/account');
    await waitForAccountLoaded(page);
    adminTwoStep = await setUpTwoStepSignIn(page);
    await page.locator('#navigation').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(p, 'administrator', adminTwoStep);
    await checkNavigation(p, 'administrator');
    await checkPage(p, 'the account page as the administrator, signed in with a code', { file: 'administrator-account' });
  });

  for (const { role } of ROLES) {
    test(`the ${role}: the navigation, every staff page and “Your record”`, { timeout: STEP_TIMEOUT_MS }, async () => {
      const p = await person(role);
      if (role !== 'assessor' && role !== 'administrator') {
        await createPassword(p.page, links[role], PASSWORD);
        await signIn(p, role);
        await checkNavigation(p, role);
        await checkPage(p, `the account page as the ${role}`, { file: `${role}-account` });
      }
      await checkStaffPages(p, role);
    });
  }
});
