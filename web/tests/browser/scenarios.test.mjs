// Browser test of the policy scenarios page (/scenarios, analysts and commissioners): an analyst
// opens it from the navigation and runs each of the five example scenarios over a small synthetic
// council (300 people, to keep it quick); each time the page says in plain English what happens
// to the cost, draws the cost chart with its band and text alternative, shows the years table,
// the winners and losers by group (chart and tables) and the sufficiency test, and offers the
// years as a CSV download and the whole run as a spreadsheet (XLSX, fetched from the server with
// the keyboard: a zip file of the right type, named after the scenario). A scenario with a key that does not exist gets a GOV.UK error summary
// linked to the scenario's text, and nothing runs. axe-core checks every page state; the only
// console error allowed is the 422 the bad key gets.
//
// Needs SELFDIRECT_BIN=/path/to/selfdirect and web/dist built (npm run build).
//
// Screenshots go to web/test-output/screenshots/scenarios-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { checkPageState, errorSummaryItems, skipWithoutBin, text, useServerAndBrowser } from './support.mjs';

const STEP_TIMEOUT_MS = 120_000;
const skip = skipWithoutBin('these tests add a user with the selfdirect command line');

const PASSWORD = 'correct horse battery staple';
const ANALYST = { email: 'ana@example.org', name: 'Ana Analyst', role: 'analyst' };
const links = {};

const EXAMPLES = [
  { id: 'example', name: 'A 25% cut in the money for personal budgets', moves: /falls from £[0-9.,]+m a year today/ },
  { id: 'example-demand-doubles-in-20-years', name: 'Demand doubles in 20 years', moves: /^Over 20 years the cost to the council rises .*90% of runs between/ },
  { id: 'example-towards-cash', name: 'Towards cash transfers', moves: /rises/ },
  { id: 'example-best-of-both', name: 'Best of both worlds', moves: /rises/ },
  { id: 'example-responsibility-shift', name: 'Responsibility shifts to the individual', moves: /falls/ },
];

const env = useServerAndBrowser('scenarios', {
  async setUp() {
    links.analyst = await env.addUser(ANALYST);
  },
});

describe('policy scenarios', { skip }, () => {
  test('an analyst opens Policy scenarios from the navigation and runs each example', { timeout: STEP_TIMEOUT_MS * 3 }, async () => {
    const analyst = await env.signIn('analyst', ANALYST, { link: links.analyst, password: PASSWORD });
    const { page } = analyst;
    await page.locator('#navigation').getByRole('link', { name: 'Policy scenarios' }).click();
    await page.waitForURL((url) => url.pathname === '/scenarios');
    await page.locator('#scenario-form').waitFor();
    assert.equal(await page.locator('#navigation [aria-current=page]').innerText(), 'Policy scenarios');
    assert.equal(await page.locator('#examples input[type=radio]').count(), 5);
    assert.match(await page.locator('#scenario-yaml').inputValue(), /funding_change_percent: -25/);
    await checkPageState(analyst, 'policy scenarios, before a run', { file: 'scenarios-start' });

    await page.locator('#people').fill('300');
    for (const [i, example] of EXAMPLES.entries()) {
      await page.getByLabel(example.name).check();
      const yaml = await page.locator('#scenario-yaml').inputValue();
      assert.match(yaml, new RegExp(`^name: ${example.name}`, 'm'), `the ${example.name} file is in the box`);
      await page.getByRole('button', { name: 'Run the scenario' }).click();
      await page.locator('#results-heading').waitFor();
      assert.equal(await text(page, '#results-heading'), example.name);
      assert.match(await text(page, '#run-status'), /^Done: the results of/);
      assert.match(await text(page, '#headline'), example.moves, example.name);
      // The chart: a band, a line, and words for those who cannot see it.
      assert.equal(await page.locator('#cost-chart #cost-band').count(), 1);
      assert.equal(await page.locator('#cost-chart #cost-line').count(), 1);
      assert.match(await page.locator('#cost-chart-desc').textContent(), /^The cost to the council each year/);
      assert.ok((await page.locator('#years-table tbody tr').count()) >= 11, 'a row for today and each year');
      assert.ok((await page.locator('#groups-age tbody tr').count()) > 0);
      assert.ok((await page.locator('#groups-reason tbody tr').count()) > 0);
      assert.equal(await page.locator('#groups-chart').count(), 1);
      assert.match(await text(page, '#sufficiency-sentence'), /would have a budget below what their current plan costs|Nobody’s new budget would fall below/);
      assert.match(await page.locator('#download-csv').getAttribute('href'), /^blob:/);
      if (i === 0) {
        // A 25% cut leaves everyone with a budget short of their plan's cost.
        assert.match(await text(page, '#sufficiency-sentence'), /\(100\.0% of the [0-9,]+ with a plan\)/);
        const download = page.waitForEvent('download');
        await page.locator('#download-csv').click();
        const file = await download;
        assert.equal(file.suggestedFilename(), 'scenario-years.csv');

        // The spreadsheet, from the keyboard.
        const xlsxResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/scenarios/runs.xlsx');
        const xlsxDownload = page.waitForEvent('download');
        await page.locator('#download-xlsx').focus();
        await page.keyboard.press('Enter');
        const response = await xlsxResponse;
        assert.equal(response.status(), 200);
        assert.equal(response.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        const book = await xlsxDownload;
        assert.equal(book.suggestedFilename(), 'a-25-cut-in-the-money-for-personal-budgets.xlsx');
        const bytes = await readFile(await book.path());
        assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip file');
        assert.ok(bytes.includes('xl/worksheets/sheet4.xml'), 'four sheets');
        await page.locator('#download-status', { hasText: 'has been downloaded' }).waitFor();
        assert.equal(await text(page, '#download-status'), 'The spreadsheet a-25-cut-in-the-money-for-personal-budgets.xlsx has been downloaded.');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'download-xlsx', 'the focus stays on the button');
      }
      if (example.id === 'example-responsibility-shift') {
        assert.match(await text(page, '#top-up-sentence'), /would pay the difference themselves/);
      }
      await checkPageState(analyst, `policy scenarios, ${example.name}`, { file: i === 0 || i === 4 ? `scenarios-${example.id}` : undefined });
    }
  });

  test('a key that does not exist is an error linked to the scenario, and nothing runs', { timeout: STEP_TIMEOUT_MS }, async () => {
    const analyst = env.as('analyst');
    const { page } = analyst;
    await page.locator('#scenario-yaml').fill('name: A cut\nfunding_cut_percent: -25\n');
    await page.getByRole('button', { name: 'Run the scenario' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    const items = await errorSummaryItems(page);
    assert.equal(items.length, 1);
    assert.equal(items[0].href, '#scenario-yaml');
    assert.match(items[0].text, /funding_cut_percent/);
    assert.equal(await page.locator('#results-heading').count(), 0);
    assert.equal(await text(page, '#run-status'), 'The scenario was not run.');
    assert.match(await page.title(), /^Error: /);
    await checkPageState(analyst, 'policy scenarios, a bad key', { apiErrors: ['422 POST /api/scenarios/runs'], file: 'scenarios-error' });
  });
});
