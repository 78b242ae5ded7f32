// Browser tests of the Resource Allocation System pages: the public page that explains a
// council's published model (/how-budgets-are-worked-out), its estimate form
// (/how-budgets-are-worked-out/estimate), and the administrator's page for checking and
// publishing a new version (/ras-models). One journey, in order, in Debian's Chromium driven
// by playwright-core, with axe-core checking every page state it shows and no console error
// allowed.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect: the test adds a council and an administrator
// with the command line, publishes models/points-price.yaml as version 1 with
// `selfdirect ras publish`, then starts `selfdirect serve` on that database. The
// administrator sets up two-step sign-in on the account page before using the models page,
// as the server requires. Build web/dist first (npm run build). Skipped with only
// SELFDIRECT_URL set.
//
// Screenshots go to web/test-output/screenshots/ras-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  checkPageState,
  COUNCIL,
  createPassword,
  errorSummaryItems,
  nextTotpCode,
  POINTS_PRICE_MODEL,
  screenshot,
  setUpTwoStepSignIn,
  skipWithoutBin,
  submitSignIn,
  useServerAndBrowser,
} from './support.mjs';

const STEP_TIMEOUT_MS = 90_000;
const skip = skipWithoutBin('these tests publish a model with the selfdirect command line, on the database of the server they start');

const ADMIN = { email: 'admin@example.org', name: 'Ada Admin', role: 'administrator', password: 'correct horse battery staple' };
const TITLE = 'Personal budget self-assessment questionnaire (points and price)';
const PUBLIC_PAGE = `/how-budgets-are-worked-out?council=${COUNCIL.code}`;
const ESTIMATE_PAGE = `/how-budgets-are-worked-out/estimate?council=${COUNCIL.code}&model=points-price`;

let adminLink;
/** The administrator's two-step sign-in key ({ secret, step }), once set up. */
let adminTwoStep;
/** The text of models/points-price.yaml (version 1, £4.35 a point). */
let modelText;

/** `text` with `from` replaced by `to`, which must be there. */
function replaced(text, from, to) {
  assert.ok(text.includes(from), `the model file no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** The 1-based number of the line of `text` that contains `fragment`. */
function lineOf(text, fragment) {
  const index = text.split('\n').findIndex((line) => line.includes(fragment));
  assert.ok(index >= 0, `no line contains ${JSON.stringify(fragment)}`);
  return index + 1;
}

/** Version 2: £4.50 a point. With `fixExamples`, the worked examples expect the new amounts. */
function versionTwo({ fixExamples }) {
  let text = replaced(modelText, '\nversion: 1\n', '\nversion: 2\n');
  text = replaced(text, 'value: 4.35, fit: true', 'value: 4.50, fit: true');
  text = replaced(text, 'the price of one point, £4.35 a week', 'the price of one point, £4.50 a week');
  // Text from the model is shown as text, never as markup.
  text = replaced(
    text,
    '  work out your budget with you.\n',
    '  work out your budget with you.\n\n  Prices are <b>not</b> final & are checked every year.\n',
  );
  if (fixExamples) {
    text = replaced(text, 'amount_pence: 23925', 'amount_pence: 24750');
    text = replaced(text, 'amount_pence: 23490', 'amount_pence: 24300');
  }
  return text;
}

const env = useServerAndBrowser('ras', {
  async setUp() {
    modelText = await readFile(POINTS_PRICE_MODEL, 'utf8');
    adminLink = await env.addUser(ADMIN);
    await env.publishModel(POINTS_PRICE_MODEL);
  },
});

/** A browser context (its own cookies) for `who`, watched for errors. */
function person(who) {
  return env.pageFor(who);
}

function checkPage(p, name, { apiErrors = [], file } = {}) {
  return checkPageState(p, name, { apiErrors, file: file && `ras-${file}` });
}

function focused(page) {
  return page.evaluate(() => ({
    tag: document.activeElement?.tagName,
    id: document.activeElement?.id ?? '',
    className: document.activeElement?.className ?? '',
    type: document.activeElement?.getAttribute('type') ?? '',
    name: document.activeElement?.getAttribute('name') ?? '',
    value: document.activeElement?.value ?? '',
    text: document.activeElement?.textContent?.trim() ?? '',
  }));
}

async function waitForPublicPage(page) {
  await page.locator('#model-section').waitFor();
}

async function waitForEstimateForm(page) {
  await page.locator('#estimate-section').waitFor();
}

/** The rows of the table with this id (or in the box with this id), each as its cells' text. */
function tableRows(page, id) {
  return page.locator(`#${id} tbody tr`).evaluateAll((rows) =>
    rows.map((row) => [...row.children].map((cell) => cell.textContent.trim().replace(/\s+/g, ' '))));
}

describe('Resource Allocation System pages', { skip }, () => {
  test('the public page explains the model in plain English: prices, bands, questions by outcome area, examples', { timeout: STEP_TIMEOUT_MS }, async () => {
    const visitor = await person('visitor');
    const { page } = visitor;
    await page.goto(PUBLIC_PAGE);
    await waitForPublicPage(page);
    assert.equal(await page.locator('h1').innerText(), TITLE);
    assert.equal(await page.locator('#council-caption').innerText(), COUNCIL.name);
    assert.equal(await page.title(), `${TITLE} – ${COUNCIL.name} – selfdirect`);
    assert.match(await page.locator('#model-facts').innerText(), /Version\s+1\s+In use from\s+1 April 2026\s+Amounts are for\s+one week/);
    assert.match(await page.locator('#model-description').innerText(), /^This questionnaire gives you an early idea/);

    // How the score becomes money.
    const steps = await page.locator('#allocation-steps li').allInnerTexts();
    assert.deepEqual(steps, [
      'Your answers give an amount in pounds a week: “Total points” × “Price of one point a week”.',
      'Add “Extra for very high needs”.',
      'If the amount is less than £50 a week, it is raised to £50 (“Minimum budget”).',
      'If the amount is more than £600 a week, it is lowered to £600 (“Most the questionnaire can give”).',
      'The amount is rounded to the nearest penny (half a penny is rounded up).',
    ]);
    assert.match(await page.locator('#parameters').innerText(), /Price of one point a week\s+£4\.35\s+Extra a week from 85 points\s+£55\s+Extra a week from 100 points\s+£120/);
    assert.deepEqual(await tableRows(page, 'band-upper_band'), [
      ['below 85', 'No extra', '£0'],
      ['from 85 to below 100', 'Upper band 1', '£55'],
      ['100 or more', 'Upper band 2', '£120'],
    ]);
    assert.deepEqual((await tableRows(page, 'band-carer_reduction'))[1], ['from 1 to below 2', 'A little of the help', '15']);

    // Every question, grouped by outcome area, with each answer's points.
    const headings = await page.locator('#question-sections h3').allInnerTexts();
    assert.equal(headings[0], 'Maintaining personal hygiene');
    assert.ok(headings.includes('Other questions'), `${headings}`);
    assert.equal(headings.at(-1), 'About you');
    assert.equal(await page.locator('#question-washing caption').innerText(), 'Washing, bathing or showering');
    assert.deepEqual(await tableRows(page, 'question-washing'), [
      ['I can do this myself', '0'],
      ['I can do this if someone reminds me or gets things ready for me', '2'],
      ['I need someone to help me with some of it most days', '5'],
      ['I need someone to help me with all of it every day', '8'],
    ]);
    assert.match(await page.locator('#question-nights_help').innerText(), /a whole number from 0 to 7/);
    assert.equal(await page.locator('table[id^="question-"]').count(), 25, 'every question with options has its table');

    // The worked examples.
    const examples = await tableRows(page, 'examples');
    assert.equal(examples.length, 3);
    assert.match(examples[0][0], /^Older person with memory loss/);
    assert.equal(examples[0][1], '£239.25');
    assert.equal(examples[2][1], '£50.00');
    await page.locator('#derived-details summary').click();
    assert.match(await page.locator('#derived-details').innerText(), /Total points\s+“Personal care, eating and drinking and your home, after help from family or friends” \+/);
    await checkPage(visitor, 'the public page', { file: 'public' });

    // At 320 CSS pixels wide (WCAG's reflow width) the page does not scroll sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
    await screenshot(page, 'ras-public-narrow.png');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  test('the public page says clearly when the council or model does not exist', { timeout: STEP_TIMEOUT_MS }, async () => {
    const visitor = await person('visitor');
    const { page } = visitor;
    await page.goto('/how-budgets-are-worked-out?council=E00000000');
    await page.getByRole('heading', { name: 'We could not find that council' }).waitFor();
    await page.locator('#council-links').waitFor();
    assert.equal(await page.locator('#council-links a').innerText(), COUNCIL.name);
    await checkPage(visitor, 'the public page for no such council', {
      apiErrors: ['404 GET /api/ras/models'],
      file: 'public-no-council',
    });

    await page.goto(`${PUBLIC_PAGE}&model=no-such-model`);
    await page.getByRole('heading', { name: 'We could not find that questionnaire' }).waitFor();
    assert.equal(await page.locator('#model-links a').innerText(), TITLE);
    await checkPage(visitor, 'the public page for no such model');

    await page.goto(`${PUBLIC_PAGE}&model=points-price&version=9`);
    await page.getByRole('heading', { name: 'There is no version 9 of this questionnaire' }).waitFor();
    await checkPage(visitor, 'the public page for no such version', {
      apiErrors: ['404 GET /api/ras/models/points-price/versions/9'],
    });

    // With no council named, the page offers the list.
    await page.goto('/how-budgets-are-worked-out');
    await page.locator('#council-links').waitFor();
    await page.locator('#council-links a').click();
    await waitForPublicPage(page);
    assert.equal(await page.locator('h1').innerText(), TITLE);
    await checkPage(visitor, 'the public page reached from the list of councils');
  });

  test('the estimate form refuses a missing answer with an error summary, then gives an amount and explains it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const visitor = await person('visitor');
    const { page } = visitor;
    await page.goto(PUBLIC_PAGE);
    await waitForPublicPage(page);
    await page.getByRole('button', { name: 'Work out an estimate' }).click();
    await waitForEstimateForm(page);
    assert.equal(new URL(page.url()).pathname, '/how-budgets-are-worked-out/estimate');
    assert.equal(await page.locator('fieldset').count(), 28, '25 questions with options and 3 choices about the person');
    assert.equal(await page.locator('#estimate-form input[type=text]').count(), 2, 'nights and age');
    await checkPage(visitor, 'the estimate form', { file: 'estimate' });

    // Nothing answered: every question is named, in order, each linking to its first control.
    await page.getByRole('button', { name: 'Work out the estimate' }).click();
    const all = await errorSummaryItems(page);
    assert.equal(all.length, 30);
    assert.deepEqual(all[0], { text: 'Select an answer for “Washing, bathing or showering”', href: '#answer-washing' });
    assert.deepEqual(all.at(-1), { text: 'Select the main reason you need support', href: '#answer-support_reason' });
    assert.ok(all.some((item) => item.text === 'Enter your age' && item.href === '#answer-age'));
    assert.match((await focused(page)).className, /govuk-error-summary/, 'the error summary takes focus');
    assert.match(await page.title(), /^Error: /);
    await checkPage(visitor, 'the estimate form with nothing answered', { file: 'estimate-errors' });

    // A worked example's answers, with one taken away: only that one is named.
    await page.goto(PUBLIC_PAGE);
    await waitForPublicPage(page);
    await page.getByRole('link', { name: 'Try these answers (example 2)' }).click();
    await waitForEstimateForm(page);
    assert.match(await page.locator('#example-note').innerText(), /worked example 2 are filled in: Young man/);
    assert.equal(await page.locator('#answer-washing-3').isChecked(), true);
    assert.equal(await page.locator('#answer-age').inputValue(), '23');
    await page.locator('#answer-age').fill('');
    await page.getByRole('button', { name: 'Work out the estimate' }).click();
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Enter your age', href: '#answer-age' }]);
    assert.match(await page.locator('#answer-age-error').innerText(), /Enter your age/);
    assert.match(await page.locator('#answer-age').getAttribute('aria-describedby'), /answer-age-error/);
    await checkPage(visitor, 'the estimate form with the age missing');

    // Out of range: the server names the field, and the page shows it there.
    await page.locator('#answer-age').fill('200');
    await page.getByRole('button', { name: 'Work out the estimate' }).click();
    await page.waitForFunction(() => !/Enter your age/.test(document.querySelector('.govuk-error-summary')?.textContent ?? 'Enter your age'));
    const server422 = await errorSummaryItems(page);
    assert.equal(server422.length, 1);
    assert.equal(server422[0].href, '#answer-age');
    assert.match(await page.locator('#answer-age-error').innerText(), /\S/);
    await checkPage(visitor, 'the estimate form with an age out of range', {
      apiErrors: ['422 POST /api/ras/evaluate'],
      file: 'estimate-server-error',
    });

    await page.locator('#answer-age').fill('23');
    await page.getByRole('button', { name: 'Work out the estimate' }).click();
    await page.locator('#result-section').waitFor();
    assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Estimated budget');
    assert.equal(await page.locator('#result-amount').innerText(), '£234.90 a week');
    assert.equal((await focused(page)).id, 'result-heading');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.doesNotMatch(await page.title(), /Error/);
    const money = await tableRows(page, 'explanation-money');
    assert.equal(money.length, 26, 'one money line per question');
    assert.deepEqual(money[0], ['Washing, bathing or showering: I need someone to help me with some of it most days — 5 points, £15.23 a week', '£15.23']);
    assert.match(await page.locator('#explanation-money tfoot').innerText(), /Estimated budget\s+£234\.90/);
    const steps = await page.locator('#explanation-steps li').allInnerTexts();
    assert.ok(steps.includes('Total points: 54'), `${steps}`);
    await checkPage(visitor, 'the estimate', { file: 'estimate-result' });
    await page.setViewportSize({ width: 320, height: 800 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
    await screenshot(page, 'ras-estimate-result-narrow.png');
    await page.setViewportSize({ width: 1280, height: 720 });

    // Changing the answers keeps them.
    await page.getByRole('button', { name: 'Change your answers' }).click();
    await waitForEstimateForm(page);
    assert.equal(await page.locator('#result-section').isVisible(), false);
    assert.equal(await page.locator('#answer-age').inputValue(), '23');
    await checkPage(visitor, 'the estimate form, to change the answers');
  });

  test('keyboard only: the estimate form is completed with Tab, Space, arrow keys and typing, then Enter', { timeout: STEP_TIMEOUT_MS }, async () => {
    const keyboard = await person('keyboard');
    const { page } = keyboard;
    await page.goto(ESTIMATE_PAGE);
    await waitForEstimateForm(page);
    await page.waitForLoadState('networkidle');

    const typed = { nights_help: '0', age: '67' };
    const answered = new Set();
    let submitted = false;
    for (let presses = 0; presses < 120 && !submitted; presses += 1) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now.tag === 'INPUT' && now.type === 'radio' && !answered.has(now.name)) {
        // The first radio of a group takes focus; Space chooses it. "Someone helps me
        // without being paid": the right arrow moves to No, and chooses it.
        if (now.name === 'has_unpaid_carer') await page.keyboard.press('ArrowRight');
        else await page.keyboard.press('Space');
        answered.add(now.name);
      } else if (now.tag === 'INPUT' && now.type === 'text' && now.name in typed) {
        await page.keyboard.type(typed[now.name]);
        answered.add(now.name);
        // The focus indicator is visible on the box.
        assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'none');
      } else if (now.tag === 'BUTTON' && now.text === 'Work out the estimate') {
        await page.keyboard.press('Enter');
        submitted = true;
      }
    }
    assert.ok(submitted, 'Tab reached the button');
    assert.equal(answered.size, 30, `answered ${[...answered]}`);
    await page.locator('#result-section').waitFor();
    assert.equal(await page.locator('#result-amount').innerText(), '£50.00 a week', 'no needs: the £50 floor');
    assert.equal((await focused(page)).id, 'result-heading', 'focus moves to the result');
    assert.match(await page.locator('#explanation-money').innerText(), /Minimum budget/);
    assert.equal(await page.locator('input[name=has_unpaid_carer][value=no]').isChecked(), true);
    await checkPage(keyboard, 'the estimate worked out with the keyboard', { file: 'estimate-keyboard' });
  });

  test('an administrator checks a broken model, a version whose examples fail, then a good version 2, and publishes it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const admin = await person('admin');
    const { page } = admin;
    // Someone not signed in is asked to sign in first. (The start page first, so that the
    // fonts are in the cache: the move to the sign-in page would otherwise cancel them.)
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    await page.goto('/ras-models');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('return'), '/ras-models');
    await checkPage(admin, 'the sign-in page after asking for /ras-models', { apiErrors: ['401 GET /api/session'] });

    await createPassword(page, adminLink, ADMIN.password);
    await page.goto('/sign-in?return=%2Fras-models');
    await submitSignIn(page, ADMIN.email, ADMIN.password);
    // Administrators must set up two-step sign-in first: the account page, then back.
    await page.waitForURL((url) => url.pathname === '/account' && url.searchParams.get('return') === '/ras-models');
    await page.locator('#two-step-required').waitFor();
    adminTwoStep = await setUpTwoStepSignIn(page);
    await page.getByRole('link', { name: 'Continue to Budget models' }).click();
    await page.waitForURL((url) => url.pathname === '/ras-models');
    await page.locator('#check-section').waitFor();
    assert.equal(await page.locator('#two-step-banner').count(), 0, 'no banner once two-step sign-in is on');
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Budget models');
    assert.equal(await page.locator('#council-name').innerText(), COUNCIL.name);
    assert.equal(await page.locator('#models-list h3').innerText(), TITLE);
    const versions = await tableRows(page, 'versions-points-price');
    assert.equal(versions.length, 1);
    assert.equal(versions[0][0], '1');
    assert.equal(versions[0][1], '1 April 2026');
    assert.equal(versions[0][4], 'In use');
    const publicLink = page.getByRole('link', { name: /^How budgets are worked out/ });
    assert.equal(await publicLink.textContent(), `How budgets are worked out: ${TITLE}`, 'the link names the model to a screen reader');
    assert.equal(await publicLink.getAttribute('href'), `/how-budgets-are-worked-out?council=${COUNCIL.code}&model=points-price`);
    await checkPage(admin, 'the models page', { file: 'models' });

    // Nothing chosen or pasted.
    await page.getByRole('button', { name: 'Check this model' }).click();
    assert.deepEqual(await errorSummaryItems(page), [{ text: 'Choose a model file, or paste the model', href: '#model-yaml' }]);
    await checkPage(admin, 'the models page with no model');

    // A broken model, chosen as a file: each problem with its line and column.
    const broken = replaced(
      replaced(modelText, '  value: total_points * price_per_point', '  value: total_pointz * price_per_point'),
      '      - {code: b, text: "I need a little help, for example with phone calls or travel", score: 1}',
      '      - {code: b, text: "I need a little help, for example with phone calls or travel"}',
    );
    await page.locator('#model-file').setInputFiles({ name: 'points-price.yaml', mimeType: 'text/yaml', buffer: Buffer.from(broken) });
    await page.waitForFunction(() => document.getElementById('model-yaml').value.startsWith('format: selfdirect-ras/1'));
    await page.getByRole('button', { name: 'Check this model' }).click();
    await page.locator('#result-section').waitFor();
    const problems = await errorSummaryItems(page);
    assert.deepEqual(problems.map((item) => item.text), [
      `Line ${lineOf(broken, 'phone calls or travel"}')}, column 9: Option "b" of question "family_contact" has no score`,
      `Line ${lineOf(broken, 'total_pointz')}, column 10: There is nothing called "total_pointz" in this model. Did you mean "total_points"?`,
    ]);
    assert.ok(problems.every((item) => item.href === '#model-yaml'));
    assert.equal(await page.locator('#result-heading').innerText(), 'This model cannot be published yet');
    assert.equal(await page.locator('#publish-form').count(), 0, 'no publish button');
    assert.match(await page.locator('#model-yaml-error').innerText(), /The model has 2 problems/);
    await checkPage(admin, 'the models page with a broken model', { file: 'models-problems' });
    // The summary's link goes to the box.
    await page.locator('.govuk-error-summary a').last().click();
    assert.equal((await focused(page)).id, 'model-yaml');

    // Version 2 at a new price, but the worked examples still expect the old amounts.
    await page.locator('#model-yaml').fill(versionTwo({ fixExamples: false }));
    assert.equal(await page.locator('#result-section').isVisible(), false, 'changing the text hides the old result');
    await page.getByRole('button', { name: 'Check this model' }).click();
    await page.waitForFunction(() => /examples do/.test(document.querySelector('.govuk-error-summary')?.textContent ?? ''));
    assert.deepEqual(await errorSummaryItems(page), [
      { text: '2 worked examples do not give the amount the file expects', href: '#checked-examples' },
    ]);
    assert.equal(await page.locator('#model-file').inputValue(), '', 'the file chosen is forgotten once the text is changed');
    const failed = await tableRows(page, 'checked-examples');
    assert.deepEqual(failed.map((row) => row.slice(1)), [
      ['£239.25', '£247.50', 'Failed'],
      ['£234.90', '£243.00', 'Failed'],
      ['£50.00', '£50.00', 'Passed'],
    ]);
    assert.equal(await page.locator('#publish-form').count(), 0, 'a model whose examples fail cannot be published');
    await checkPage(admin, 'the models page with failing examples', { file: 'models-examples-failed' });

    // The session ends while the good version 2 is being pasted: the page goes to sign in,
    // and the text is back in the box afterwards.
    await admin.context.clearCookies();
    await page.locator('#model-yaml').fill(versionTwo({ fixExamples: true }));
    await page.getByRole('button', { name: 'Check this model' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('return'), '/ras-models');
    await page.locator('#email').fill(ADMIN.email);
    await page.locator('#password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#code-group').waitFor();
    await page.locator('#code').fill(await nextTotpCode(adminTwoStep));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/ras-models');
    await page.locator('#draft-restored .govuk-inset-text').waitFor();
    assert.equal(await page.locator('#model-yaml').inputValue(), versionTwo({ fixExamples: true }));
    await checkPage(admin, 'the models page after signing in again', {
      apiErrors: ['401 POST /api/ras/models/check', '401 POST /api/session'],
    });

    // The good version 2: examples pass, the comparison shows each change.
    await page.getByRole('button', { name: 'Check this model' }).click();
    await page.getByRole('heading', { name: 'This model passed the check' }).waitFor();
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.equal((await focused(page)).id, 'result-heading');
    assert.match(await page.locator('#checked-model').innerText(), /Version\s+2\s+In use now\s+Version 1/);
    assert.deepEqual((await tableRows(page, 'checked-examples')).map((row) => row.at(-1)), ['Passed', 'Passed', 'Passed']);
    assert.equal(await page.locator('#comparison caption').innerText(), 'How the amounts change from version 1 to version 2');
    assert.deepEqual((await tableRows(page, 'comparison')).map((row) => row.slice(1)), [
      ['£239.25', '£247.50', '+£8.25 (+3.4%)'],
      ['£234.90', '£243.00', '+£8.10 (+3.4%)'],
      ['£50.00', '£50.00', 'No change'],
    ]);
    await checkPage(admin, 'the models page with a model that passed', { file: 'models-checked' });
    await page.setViewportSize({ width: 320, height: 800 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
    await screenshot(page, 'ras-models-checked-narrow.png');
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByRole('button', { name: 'Publish version 2' }).click();
    const banner = page.locator('.govuk-notification-banner--success');
    await banner.waitFor();
    assert.equal(await banner.locator('.govuk-notification-banner__heading').innerText(), `Version 2 of ${TITLE} has been published`);
    assert.match((await focused(page)).className, /govuk-notification-banner/, 'the banner takes focus');
    assert.equal(await page.locator('#result-section').isVisible(), false);
    assert.equal(await page.locator('#model-yaml').inputValue(), '');
    await page.waitForFunction(() => document.querySelectorAll('#versions-points-price tbody tr').length === 2);
    assert.deepEqual((await tableRows(page, 'versions-points-price')).map((row) => [row[0], row[4]]), [
      ['2', 'In use'],
      ['1', 'Replaced'],
    ]);
    await checkPage(admin, 'the models page after publishing', { file: 'models-published' });

    // The same version again cannot be published.
    await page.locator('#model-yaml').fill(versionTwo({ fixExamples: true }));
    await page.getByRole('button', { name: 'Check this model' }).click();
    await page.locator('#result-section').waitFor();
    await page.locator('#result-publish .govuk-warning-text').waitFor();
    assert.match(await page.locator('#result-publish').innerText(), /Version 2 cannot be published, because version 2 is already in use/);
    assert.equal(await page.locator('#publish-form').count(), 0);
    await checkPage(admin, 'the models page with a version that is not newer');
  });

  test('the public page shows the new version, and the model’s text as text', { timeout: STEP_TIMEOUT_MS }, async () => {
    const visitor = await person('visitor');
    const { page } = visitor;
    await page.goto(PUBLIC_PAGE);
    await waitForPublicPage(page);
    assert.match(await page.locator('#model-facts').innerText(), /Version\s+2/);
    assert.match(await page.locator('#parameters').innerText(), /Price of one point a week\s+£4\.50/);
    const description = page.locator('#model-description');
    assert.match(await description.innerText(), /Prices are <b>not<\/b> final & are checked every year\./);
    assert.equal(await description.locator('b').count(), 0, 'no markup from the model');
    assert.equal((await tableRows(page, 'examples'))[0][1], '£247.50');
    await checkPage(visitor, 'the public page for version 2');

    // Version 1 can still be read, and says it is not the one in use.
    await page.goto(`${PUBLIC_PAGE}&model=points-price&version=1`);
    await waitForPublicPage(page);
    assert.match(await page.locator('#version-note').innerText(), /This is version 1\. Version 2 is the one in use now\./);
    assert.match(await page.locator('#parameters').innerText(), /£4\.35/);
    await checkPage(visitor, 'the public page for version 1', { file: 'public-old-version' });
  });
});
