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
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const distDir = join(webDir, 'dist');
const screenshotDir = join(webDir, 'test-output', 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const SERVER_START_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 60_000;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const START_PAGE_H1 = 'Personal budgets for adult social care';

let baseUrl;
let server; // the child process, when this file started one
let serverTmpDir;
let browser;

/**
 * Starts `$SELFDIRECT_BIN serve` on a free port and resolves with the first
 * http://127.0.0.1:PORT it prints on stdout.
 */
async function startServer(bin) {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${distDir}/index.html does not exist: run \`npm run build\` in web/ first`);
  }
  serverTmpDir = await mkdtemp(join(tmpdir(), 'selfdirect-browser-test-'));
  const args = [
    'serve',
    '--host', '127.0.0.1',
    '--port', '0',
    '--data', join(serverTmpDir, 'test.db'),
    '--web-root', distDir,
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  let stdout = '';
  let stderr = '';
  // Keep reading both pipes for the server's whole life so it never blocks on a full pipe;
  // keep only the first 64 KiB of each for error messages.
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    if (stdout.length < 65536) stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    if (stderr.length < 65536) stderr += chunk;
  });

  const command = [bin, ...args].join(' ');
  return new Promise((resolvePromise, rejectPromise) => {
    const describeOutput = () =>
      `\n--- server stderr ---\n${stderr || '(empty)'}\n--- server stdout ---\n${stdout || '(empty)'}`;
    const finish = (error, url) => {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) rejectPromise(error);
      else resolvePromise(url);
    };
    const onExit = (code, signal) =>
      finish(new Error(`server exited (code ${code}, signal ${signal}) before printing its URL.\n` +
        `command: ${command}${describeOutput()}`));
    const onError = (error) =>
      finish(new Error(`could not start the server: ${error.message}\ncommand: ${command}`));
    const timer = setTimeout(
      () => finish(new Error(`server did not print http://127.0.0.1:PORT on stdout within ` +
        `${SERVER_START_TIMEOUT_MS / 1000} s.\ncommand: ${command}${describeOutput()}`)),
      SERVER_START_TIMEOUT_MS,
    );
    const poll = setInterval(() => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match && Number(match[1]) > 0) finish(null, `http://127.0.0.1:${match[1]}`);
    }, 50);
    child.on('exit', onExit);
    child.on('error', onError);
  });
}

async function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise((r) => setTimeout(() => r(true), 10_000).unref()),
    ]);
    if (timedOut) {
      server.kill('SIGKILL');
      await exited;
      throw new Error('server did not stop within 10 s of SIGTERM (it was killed)');
    }
  }
  if (serverTmpDir) await rm(serverTmpDir, { recursive: true, force: true });
}

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
  const problems = [];
  const responses = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location()?.url ?? '';
    // Chromium reports the page's own deliberate 404 as a console error; that one is
    // expected, and is checked directly by the test that asks for it.
    if (location === url && /status of 404/.test(message.text())) return;
    problems.push(`console error: ${message.text()} ${location}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    responses.push(response);
    if (response.url() !== url && response.status() >= 400) {
      problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  // Fonts are fetched lazily, when text first needs them: wait until they have been.
  await page.evaluate(() => document.fonts.ready);
  return { context, page, response, problems, responses, url };
}

async function checkAccessibility(page, name) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    at ${node.target.join(' ')}\n      ${node.failureSummary?.replaceAll('\n', '\n      ')}`)
        .join('\n');
      return `  [${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
  assert.equal(
    results.violations.length,
    0,
    `axe found ${results.violations.length} accessibility violation(s) on ${name}:\n${report}`,
  );
  // axe must actually have checked something.
  assert.ok(results.passes.length >= 5, `axe reported only ${results.passes.length} passing rules on ${name}`);
}

async function screenshot(page, fileName) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, fileName), fullPage: true });
}

// Set up once for the whole file. A failure here is recorded rather than thrown, and every
// test then fails with it: node's runner would otherwise report the tests as "cancelled",
// not failed, and a summary that counts "# fail" would see none.
let setupError;

async function setUp() {
  if (process.env.SELFDIRECT_URL) {
    baseUrl = process.env.SELFDIRECT_URL;
  } else if (process.env.SELFDIRECT_BIN) {
    baseUrl = await startServer(process.env.SELFDIRECT_BIN);
  } else {
    throw new Error(
      'Set SELFDIRECT_URL to the base URL of a running selfdirect server, or SELFDIRECT_BIN ' +
        'to the selfdirect binary so that this test can start one on web/dist.',
    );
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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
  await stopServer();
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
