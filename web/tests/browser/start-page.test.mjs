// Browser tests of the start page and the 404 page, in Debian's Chromium driven by
// playwright-core, with axe-core for accessibility.
//
// Which server is tested:
//   SELFDIRECT_URL=http://127.0.0.1:8080   test a server that is already running there; or
//   SELFDIRECT_BIN=/path/to/selfdirect     start `selfdirect serve` on a free port with a
//                                          fresh database and web/dist as its web root.
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
//
// Screenshots go to web/test-output/screenshots/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  startServer,
  watchPage,
} from './support.mjs';

const TEST_TIMEOUT_MS = 60_000;
const START_PAGE_H1 = 'Personal budgets for adult social care';

let baseUrl;
let server; // { url, stop } when this file started one
let serverTmpDir;
let browser;

/**
 * Opens `path` in a fresh browser context and records everything that went wrong while
 * loading it: console errors (a CSP violation is one), uncaught exceptions, failed
 * requests and HTTP error responses for anything but the page itself.
 */
async function openPage(path, contextOptions = {}) {
  requireSetUp();
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const url = new URL(path, baseUrl).href;
  // The page's own deliberate 404 is expected, and is checked directly by the test that
  // asks for it.
  // These pages call no API, so an API error would be a problem too.
  const { problems, responses } = watchPage(page, { allowDocumentStatus: [404], apiErrorsAreProblems: true });
  const response = await page.goto(url, { waitUntil: 'load' });
  // Fonts are fetched lazily, when text first needs them: wait until they have been.
  await page.evaluate(() => document.fonts.ready);
  return { context, page, response, problems, responses, url };
}

// Set up once for the whole file. A failure here is recorded rather than thrown, and every
// test then fails with it: node's runner would otherwise report the tests as "cancelled",
// not failed, and a summary that counts "# fail" would see none.
let setupError;

async function setUp() {
  if (process.env.SELFDIRECT_URL) {
    baseUrl = process.env.SELFDIRECT_URL;
  } else if (process.env.SELFDIRECT_BIN) {
    serverTmpDir = await mkdtemp(join(tmpdir(), 'selfdirect-browser-test-'));
    server = await startServer(process.env.SELFDIRECT_BIN, join(serverTmpDir, 'test.db'));
    baseUrl = server.url;
  } else {
    throw new Error(
      'Set SELFDIRECT_URL to the base URL of a running selfdirect server, or SELFDIRECT_BIN ' +
        'to the selfdirect binary so that this test can start one on web/dist.',
    );
  }
  browser = await launchBrowser();
}

before(async () => {
  try {
    await setUp();
  } catch (error) {
    setupError = error;
  }
});

/** Fails the calling test with the setup error, if setup failed. */
function requireSetUp() {
  if (setupError) throw setupError;
}

after(async () => {
  await browser?.close();
  await server?.stop();
  if (serverTmpDir) await rm(serverTmpDir, { recursive: true, force: true });
});

describe('start page', { timeout: TEST_TIMEOUT_MS }, () => {
  test('loads with status 200, the service name in the title and the right heading', async () => {
    const { context, page, response } = await openPage('/');
    try {
      assert.equal(response?.status(), 200);
      assert.match(await page.title(), /selfdirect/);
      const headings = await page.locator('h1').allTextContents();
      assert.deepEqual(headings.map((h) => h.trim()), [START_PAGE_H1]);
      assert.equal((await page.locator('.govuk-phase-banner .govuk-tag').innerText()).trim(), 'Alpha');
      assert.match(await page.locator('.govuk-phase-banner__text').innerText(), /^This is a new service\./);
      assert.match(await page.locator('.govuk-inset-text').innerText(), /no real personal|not enter any real personal/i);
      await screenshot(page, 'start-page.png');
    } finally {
      await context.close();
    }
  });

  test('has no axe accessibility violations (WCAG 2.2 AA)', async () => {
    const { context, page } = await openPage('/');
    try {
      await checkAccessibility(page, 'the start page');
    } finally {
      await context.close();
    }
  });

  test('Tab first focuses the skip link, and Enter on it moves focus to the main content', async () => {
    const { context, page } = await openPage('/');
    try {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        text: document.activeElement?.textContent?.trim(),
        href: document.activeElement?.getAttribute('href'),
      }));
      assert.deepEqual(focused, { tag: 'A', text: 'Skip to main content', href: '#main-content' });
      // A focused skip link must be visible, not just present for screen readers.
      const box = await page.locator('.govuk-skip-link').boundingBox();
      assert.ok(box && box.width > 10 && box.height > 10, `skip link is not visible when focused: ${JSON.stringify(box)}`);

      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main-content', null, { timeout: 5000 });
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN');
    } finally {
      await context.close();
    }
  });

  test('loads the GOV.UK styles, fonts and script with no errors under the CSP', async () => {
    const { context, page, problems, responses } = await openPage('/');
    try {
      assert.deepEqual(problems, [], `problems while loading the start page:\n  ${problems.join('\n  ')}`);

      const ok = (predicate) => responses.filter((r) => predicate(new URL(r.url()).pathname) && r.status() === 200);
      const css = ok((p) => p.endsWith('.css'));
      assert.ok(css.length >= 1, 'no stylesheet was loaded');
      assert.match(css[0].headers()['content-type'] ?? '', /^text\/css/);
      const js = ok((p) => p.endsWith('.js'));
      assert.ok(js.length >= 1, 'no script was loaded');
      assert.match(js[0].headers()['content-type'] ?? '', /^(text|application)\/javascript/);
      const fonts = ok((p) => p.startsWith('/assets/') && p.endsWith('.woff2'));
      for (const font of fonts) assert.match(font.headers()['content-type'] ?? '', /^font\/woff2/);
      assert.ok(fonts.length >= 2, `expected the light and bold GDS Transport fonts, got: ${fonts.map((r) => r.url())}`);

      // The styles applied, the fonts are really in use, and the module script ran
      // (it sets the classes that GOV.UK's inline template script would have set).
      const state = await page.evaluate(() => ({
        bodyClasses: [...document.body.classList],
        h1Font: getComputedStyle(document.querySelector('h1')).fontFamily,
        h1Size: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
        boldLoaded: document.fonts.check('700 16px "GDS Transport"'),
        loadedFaces: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`),
      }));
      assert.ok(state.bodyClasses.includes('js-enabled'), `body classes: ${state.bodyClasses}`);
      assert.ok(state.bodyClasses.includes('govuk-frontend-supported'), `body classes: ${state.bodyClasses}`);
      assert.match(state.h1Font, /GDS Transport/);
      assert.ok(state.h1Size >= 30, `h1 font size ${state.h1Size}px: GOV.UK styles not applied`);
      assert.ok(state.boldLoaded, `bold font not loaded; loaded faces: ${state.loadedFaces}`);
      assert.ok(state.loadedFaces.length >= 2, `loaded faces: ${state.loadedFaces}`);

      // Nothing inline: the page would break under a strict Content-Security-Policy.
      const inline = await page.evaluate(() => ({
        inlineScripts: [...document.scripts].filter((s) => !s.src).length,
        styleAttributes: document.querySelectorAll('[style]').length,
        styleElements: document.querySelectorAll('style').length,
      }));
      assert.deepEqual(inline, { inlineScripts: 0, styleAttributes: 0, styleElements: 0 });
    } finally {
      await context.close();
    }
  });
});

describe('unknown page', { timeout: TEST_TIMEOUT_MS }, () => {
  test('returns 404 with the "Page not found" page, styled and accessible', async () => {
    const { context, page, response, problems } = await openPage('/no/such/page-anywhere');
    try {
      assert.equal(response?.status(), 404);
      assert.match(response?.headers()['content-type'] ?? '', /^text\/html/);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Page not found');
      assert.match(await page.title(), /Page not found/);
      assert.match(await page.title(), /selfdirect/);
      // Its styles and script load from a nested path too (asset URLs are absolute).
      assert.deepEqual(problems, [], `problems while loading the 404 page:\n  ${problems.join('\n  ')}`);
      assert.match(await page.evaluate(() => getComputedStyle(document.querySelector('h1')).fontFamily), /GDS Transport/);
      await checkAccessibility(page, 'the 404 page');
      await screenshot(page, '404.png');
    } finally {
      await context.close();
    }
  });
});
