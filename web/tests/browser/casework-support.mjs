// The casework steps several browser tests take on the way to what they test: a social
// worker adding Maya Okafor (through the add-a-person form, or through the API), deciding her
// eligibility and recording her assessment (£239.25 a week with the points-price model's first
// worked example), agreeing a support plan (written, submitted and approved), and an
// administrator setting an approver's limit. Not a test file itself
// (node --test runs only *.test.mjs here).
import assert from 'node:assert/strict';
import { callApi } from './support.mjs';

/** Fills the add-a-person form (/people/new, which `page` must be showing) in for Maya Okafor. */
export async function fillNewPersonForm(page, { birthYear = '1950', nhsNumber = '943 476 5919' } = {}) {
  await page.locator('#given-name').fill('Maya');
  await page.locator('#family-name').fill('Okafor');
  await page.locator('#date-of-birth-day').fill('1');
  await page.locator('#date-of-birth-month').fill('4');
  await page.locator('#date-of-birth-year').fill(birthYear);
  await page.locator('#nhs-number').fill(nhsNumber);
  await page.locator('#address').fill('12 Example Street\nLondon');
  await page.locator('#postcode').fill('SW1A 1AA');
  await page.locator('#gender').selectOption('female');
  await page.locator('#ethnicity').selectOption('A');
  await page.locator('#primary-support-reason').selectOption('memory_cognition');
  await page.locator('#accommodation').selectOption('owner_occupier');
  await page.locator('#employment').selectOption('not_seeking_work');
  await page.locator('#has-unpaid-carer-2').check();
  await page.locator('#route-of-access').selectOption('community');
  await page.locator('#asked-for').fill('Help at home after a fall');
  await page.locator('#contact-outcome').selectOption('to_assessment');
}

/**
 * Records Maya Okafor up to an indicative budget through the API, as the social worker signed
 * in on `page`: adds her, decides she is eligible (the first two outcomes not achieved, each
 * for the first reason; the rest achieved), and records an assessment with the points-price
 * model's first worked example for `councilCode` (£239.25 a week, which it checks). Resolves
 * with her id. `person` records someone else the same way: their given and family names, and
 * their NHS number (null for none).
 */
export async function recordPersonToIndicativeBudget(page, councilCode, person = {}) {
  const { givenName = 'Maya', familyName = 'Okafor', nhsNumber = '943 476 5919' } = person;
  const created = await callApi(page, 'POST', '/api/people', {
    given_name: givenName, family_name: familyName, date_of_birth: '1950-04-01', ...(nhsNumber ? { nhs_number: nhsNumber } : {}),
    address: '12 Example Street\nLondon', postcode: 'SW1A 1AA', gender: 'female', ethnicity: 'A',
    primary_support_reason: 'memory_cognition', accommodation: 'owner_occupier', employment: 'not_seeking_work',
    has_unpaid_carer: 'no', contact: { route_of_access: 'community', asked_for: 'Help at home after a fall', outcome: 'to_assessment' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const personId = created.body.id;
  const codes = (await callApi(page, 'GET', '/api/casework/codes')).body;
  const eligibility = await callApi(page, 'POST', `/api/people/${personId}/eligibility`, {
    kind: 'adult', needs_arise_from_condition: true, significant_impact_on_wellbeing: true, summary: 'Needs help at home',
    outcomes: codes.adult_outcomes.map((o, i) => (i < 2
      ? { outcome: o.code, achieved: false, reason: codes.unable_reasons[0].code, notes: '' }
      : { outcome: o.code, achieved: true, notes: '' })),
  });
  assert.equal(eligibility.status, 201, JSON.stringify(eligibility.body));
  assert.equal(eligibility.body.eligible, true);
  const model = (await callApi(page, 'GET', `/api/ras/models/points-price/versions/current?council=${councilCode}`)).body;
  const assessment = await callApi(page, 'POST', `/api/people/${personId}/assessments`, {
    model: 'points-price', completed_by: 'with_assessor',
    // The worked example writes numbers as text; the questionnaire sends them as numbers.
    answers: Object.fromEntries(Object.entries(model.examples[0].answers).map(([id, answer]) =>
      [id, typeof answer === 'string' && /^-?\d+(\.\d+)?$/.test(answer) ? Number(answer) : answer])),
  });
  assert.equal(assessment.status, 201, JSON.stringify(assessment.body));
  assert.equal(assessment.body.amount_pence, 23925);
  return personId;
}

/**
 * Agrees a support plan through the API: the social worker on `assessorPage` writes `plan` (the
 * body of POST /api/people/{person}/plans) for `personId` and submits it, and the approver on
 * `approverPage` approves it with `variance_words` as the reason for any difference from the
 * indicative budget (category persons_choice). Checks each step; resolves with the plan's id.
 */
export async function agreePlan(assessorPage, approverPage, personId, plan, varianceWords) {
  const created = await callApi(assessorPage, 'POST', `/api/people/${personId}/plans`, plan);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const submitted = await callApi(assessorPage, 'POST', `/api/plans/${created.body.id}/submit`, { revision: created.body.revision });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  const decided = await callApi(approverPage, 'POST', `/api/plans/${created.body.id}/decision`, {
    decision: 'approve', revision: submitted.body.revision, variance_category: 'persons_choice', variance_words: varianceWords,
  });
  assert.equal(decided.status, 200, JSON.stringify(decided.body));
  return created.body.id;
}

/**
 * As the administrator signed in on `page`, sets the approval limit of the user whose email is
 * `approverEmail` to `limit` (pounds a year, as text) through the API, and checks it was set.
 */
export async function setApprovalLimit(page, approverEmail, limit) {
  const session = (await callApi(page, 'GET', '/api/session')).body;
  const users = (await callApi(page, 'GET', `/api/councils/${session.user.council_id}/users`)).body.users;
  const approverId = users.find((u) => u.email === approverEmail).id;
  const set = await callApi(page, 'PUT', `/api/users/${approverId}/approval-limit`, { limit });
  assert.equal(set.status, 200, JSON.stringify(set.body));
}

/** The task list's rows on the person's record: each task's name and status. */
export function tasks(page) {
  return page.locator('#case-tasks li').evaluateAll((items) => items.map((li) => [
    li.querySelector('.govuk-task-list__name-and-hint > :first-child').textContent.trim(),
    li.querySelector('.govuk-task-list__status').textContent.trim(),
  ]));
}

/**
 * Fills the assessment form (which `page` must be showing) with the first worked example of
 * `councilCode`'s points-price model (£239.25 a week).
 */
export async function fillWithFirstExample(page, councilCode) {
  const answers = await page.evaluate(async (council) => {
    const response = await fetch(`/api/ras/models/points-price/versions/current?council=${council}`);
    return (await response.json()).examples[0].answers;
  }, councilCode);
  for (const [id, answer] of Object.entries(answers)) {
    const value = answer === true ? 'yes' : answer === false ? 'no' : String(answer);
    const radio = page.locator(`input[type=radio][name="${id}"][value="${value}"]`);
    if (await radio.count()) await radio.check();
    else await page.locator(`input[type=text][name="${id}"]`).fill(value);
  }
}
