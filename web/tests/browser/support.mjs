// What the browser tests share: a council, its users and a server of their own for each test
// file (useServerAndBrowser), starting and stopping a selfdirect server, running its command
// line, launching Debian's Chromium, signing in, watching a page for errors, axe checks and
// screenshots. Not a test file itself (node --test runs only *.test.mjs here).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(webDir, 'dist');
export const screenshotDir = join(webDir, 'test-output', 'screenshots');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const SERVER_START_TIMEOUT_MS = 30_000;
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The selfdirect binary the tests drive (SELFDIRECT_BIN), or undefined. */
export const bin = process.env.SELFDIRECT_BIN;
/** The council the tests add, unless a test names another. */
export const COUNCIL = { code: 'E09000033', name: 'Westminster City Council' };
/** The points-price budget model (models/points-price.yaml), for useServerAndBrowser's publishModel. */
export const POINTS_PRICE_MODEL = join(webDir, '..', 'models', 'points-price.yaml');

/**
 * The `skip` for a describe() that needs SELFDIRECT_BIN: false when it is set, otherwise
 * "needs SELFDIRECT_BIN: `why`".
 */
export function skipWithoutBin(why) {
  return bin ? false : `needs SELFDIRECT_BIN: ${why}`;
}

/**
 * Starts `bin serve` on a free port with `dataFile` as its database and web/dist as its
 * web root, and resolves with `{ url, stop }` once it prints http://127.0.0.1:PORT on
 * stdout. `stop()` sends SIGTERM and waits up to 10 s (then SIGKILLs and throws).
 * `extraArgs` are added to the command line (such as --allow-administrators-without-totp);
 * without them, administrators must set up two-step sign-in before they administer, as in
 * a real deployment. Passwords are hashed at argon2id's lowest cost
 * (--fast-password-hashing-for-tests): the tests sign in hundreds of times, and the cost of a
 * real hash is the C++ tests' business, not the pages'.
 */
export async function startServer(bin, dataFile, { extraArgs = [] } = {}) {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${distDir}/index.html does not exist: run \`npm run build\` in web/ first`);
  }
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--data', dataFile, '--web-root', distDir, '--fast-password-hashing-for-tests', ...extraArgs];
  // The server's own settings, not whatever the environment running the tests happens to hold.
  const env = { ...process.env };
  delete env.SELFDIRECT_REQUIRE_TOTP_FOR_ADMINISTRATORS;
  delete env.SELFDIRECT_ALLOW_ADMINISTRATORS_WITHOUT_TOTP;
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
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

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise((r) => setTimeout(() => r(true), 10_000).unref()),
    ]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
      throw new Error('server did not stop within 10 s of SIGTERM (it was killed)');
    }
  }

  const command = [bin, ...args].join(' ');
  const url = await new Promise((resolvePromise, rejectPromise) => {
    const describeOutput = () =>
      `\n--- server stderr ---\n${stderr || '(empty)'}\n--- server stdout ---\n${stdout || '(empty)'}`;
    const finish = (error, found) => {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) rejectPromise(error);
      else resolvePromise(found);
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
  }).catch(async (error) => {
    await stop().catch(() => {});
    throw error;
  });
  return { url, stop, output: () => ({ stdout, stderr }) };
}

/**
 * Gives a test file a database, a server and a browser of its own, with before() and after()
 * hooks registered where it is called (at the top of the file). Before the tests: a temporary
 * folder with test.db in it, `councils add` for `council` (none with `council: null`, for a
 * setUp that makes its own, such as `demo generate`), then `setUp(env)` (add users and
 * publish models with env.addUser and env.publishModel), then `selfdirect serve` on that
 * database with `serverArgs` (startServer), Debian's Chromium (launchBrowser), then
 * `whenStarted(env)` (such as opening pages). After them: the browser closed, the server
 * stopped and the folder removed. Nothing happens without SELFDIRECT_BIN (the tests skip).
 *
 * A failure in set-up is kept in `env.setupError` rather than thrown from the hook, and each
 * test then fails with it (node's runner would otherwise report the tests as cancelled, not
 * failed): env.ready(), env.newPage(), env.pageFor(), env.signIn() and env.as() throw it.
 * `env.people` holds the pages env.pageFor and env.signIn opened, by name.
 */
export function useServerAndBrowser(name, { council = COUNCIL, serverArgs = [], setUp, whenStarted } = {}) {
  const env = {
    council,
    tmp: undefined,
    data: undefined,
    server: undefined,
    browser: undefined,
    setupError: undefined,
    people: {},

    /** Throws the set-up's failure, if there was one. */
    ready() {
      if (env.setupError) throw env.setupError;
    },

    /** Runs the command line with `args` (runCli). */
    cli(args) {
      return runCli(bin, args);
    },

    /**
     * Adds `user` ({ email, name } and `role` or `roles`) to the council with `users add`, linked
     * to the person `person` when given; resolves with their one-time set-password path.
     */
    async addUser(user, { person } = {}) {
      const roles = (user.roles ?? [user.role]).flatMap((role) => ['--role', role]);
      return setPasswordPath(await runCli(bin, [
        'users', 'add', '--data', env.data, '--council', council.code,
        '--email', user.email, '--name', user.name, ...roles, ...(person ? ['--person', person] : []),
      ]));
    },

    /** Publishes the budget model in `file` for the council with `ras publish`. */
    async publishModel(file) {
      await runCli(bin, ['ras', 'publish', '--data', env.data, '--council', council.code, file]);
    },

    /** A page in a new browser context (its own cookies) on the server, watched (watchPage): { context, page, watch }. */
    async newPage() {
      env.ready();
      const context = await env.browser.newContext({ baseURL: env.server.url });
      // Every wait in these tests is for something that happens at once or not at all; 20 s
      // leaves room for a machine running two test files, each with its server and browser.
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      return { context, page, watch: watchPage(page) };
    },

    /**
     * The page kept as env.people[`name`], opened with env.newPage the first time it is asked
     * for: one person's browser, kept across a journey's steps.
     */
    async pageFor(name) {
      env.ready();
      env.people[name] ??= await env.newPage();
      return env.people[name];
    },

    /**
     * A new page (env.newPage) in which `user` has signed in with `password` on the sign-in
     * page and reached their account page, kept in env.people[`name`]. First, unless
     * `user.passwordSet`, creates the password through `link` (createPassword), sets
     * `user.passwordSet` and calls `afterPasswordCreated(p)`. `afterSignIn(p)` is called on
     * the account page, before the API errors seen so far are forgotten.
     */
    async signIn(name, user, { link, password, afterPasswordCreated, afterSignIn }) {
      const p = await env.newPage();
      const { page } = p;
      if (!user.passwordSet) {
        await createPassword(page, link, password);
        user.passwordSet = true;
        await afterPasswordCreated?.(p);
      }
      await page.goto('/sign-in');
      await submitSignIn(page, user.email, password);
      await page.waitForURL((url) => url.pathname === '/account');
      await afterSignIn?.(p);
      p.watch.apiErrors.length = 0;
      env.people[name] = p;
      return p;
    },

    /** The page env.signIn opened for `name`. */
    as(name) {
      env.ready();
      const p = env.people[name];
      assert.ok(p, `${name} has not signed in`);
      return p;
    },
  };

  before(async () => {
    if (!bin) return;
    try {
      env.tmp = await mkdtemp(join(tmpdir(), `selfdirect-${name}-test-`));
      env.data = join(env.tmp, 'test.db');
      if (council) await runCli(bin, ['councils', 'add', '--data', env.data, '--code', council.code, '--name', council.name]);
      await setUp?.(env);
      env.server = await startServer(bin, env.data, { extraArgs: serverArgs });
      env.browser = await launchBrowser();
      await whenStarted?.(env);
    } catch (error) {
      env.setupError = error;
    }
  });

  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
    if (env.tmp) await rm(env.tmp, { recursive: true, force: true });
  });

  return env;
}

/**
 * Follows the one-time set-password `link`, types `password` twice, presses "Create password"
 * and waits for the confirmation.
 */
export async function createPassword(page, link, password) {
  await page.goto(link);
  await page.locator('#password').fill(password);
  await page.locator('#confirm-password').fill(password);
  await page.getByRole('button', { name: 'Create password' }).click();
  await page.locator('#done').waitFor();
}

/** On the sign-in page (which `page` must be showing): types `email` and `password` and presses "Sign in". */
export async function submitSignIn(page, email, password) {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits for the account page (/account) to have loaded the account's details and council. */
export async function waitForAccountPage(page) {
  await page.waitForURL((url) => url.pathname === '/account');
  await page.locator('#account-details').waitFor();
  await page.waitForFunction(() => document.getElementById('account-council')?.textContent !== '');
}

/**
 * Calls the API from the page, as the page's own scripts do (with the session's CSRF token).
 * Resolves with { status, body }: the body parsed as JSON, or null when it is not JSON.
 */
export async function callApi(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const session = await (await fetch('/api/session')).json();
    const response = await fetch(path, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { method, path, body });
}

/** The text of the element `selector` picks, with runs of white space as one space, trimmed. */
export async function text(page, selector) {
  return (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
}

/** The id of the element that has the focus ('' when none has). */
export async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Presses Tab (Shift+Tab when `backwards`) until the element with id `id` has the focus. */
export async function tabTo(page, id, { backwards = false, limit = 200 } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if ((await focusedId(page)) === id) return;
  }
  assert.fail(`Tab never reached #${id}`);
}

/** Presses Tab until a link whose text starts with `words` has the focus. */
export async function tabToLink(page, words, { limit = 200 } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      return e?.tagName === 'A' ? e.textContent.replace(/\s+/g, ' ').trim() : '';
    });
    if (focused.startsWith(words)) return;
  }
  assert.fail(`Tab never reached the link “${words}”`);
}

/** The one-time set-password path (/set-password?council=…&token=…) in the CLI's output. */
export function setPasswordPath(stdout) {
  const match = /\/set-password\?council=[^&\s]+&token=[A-Za-z0-9_-]+/.exec(stdout);
  assert.ok(match, `no /set-password?council=...&token=... in:\n${stdout}`);
  return match[0];
}

/**
 * The header's navigation links, once the page has drawn them: a page draws its navigation
 * after it has read who is signed in, so reading the links straight after a navigation can
 * find none yet.
 */
export async function navigationLinks(page) {
  await page.locator('#navigation a').first().waitFor();
  return page.locator('#navigation a').allInnerTexts();
}

/** Runs the selfdirect command line and resolves with its stdout; rejects if it fails. */
export async function runCli(bin, args) {
  try {
    const { stdout } = await promisify(execFile)(bin, args, { timeout: 30_000 });
    return stdout;
  } catch (error) {
    throw new Error(`${bin} ${args.join(' ')} failed: ${error.message}\n${error.stderr ?? ''}`);
  }
}

/** Launches Debian's Chromium, headless. Never downloads a browser. */
export async function launchBrowser() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
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

/**
 * Records what goes wrong on `page` from now on: console errors (a CSP violation is one),
 * uncaught exceptions, failed requests and HTTP errors.
 *
 * An API call that answers 4xx is often expected (a wrong password is a 401), and Chromium
 * logs each one to the console as "Failed to load resource: the server responded with a
 * status of ...". Those are kept apart, in `apiErrors` ("401 POST /api/session"), for the
 * test to compare with what it expected; the console line Chromium logs for each is then
 * not counted as a problem. Everything else is in `problems`.
 *
 * `allowDocumentStatus` lets a test ask for a page that answers with an error status
 * (the 404 page) without that counting as a problem. With `apiErrorsAreProblems`, API
 * errors count as problems too (for pages that should call no API).
 */
export function watchPage(page, { allowDocumentStatus = [], apiErrorsAreProblems = false } = {}) {
  const problems = [];
  const apiErrors = [];
  const responses = [];
  const isApi = (url) => new URL(url).pathname.startsWith('/api/');
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location()?.url ?? '';
    const status = /the server responded with a status of (\d{3})/.exec(message.text());
    if (status && location) {
      // An expected API error (recorded in apiErrors from its response), or the page's own
      // deliberate error status.
      if (isApi(location) && Number(status[1]) < 500) return;
      if (allowDocumentStatus.includes(Number(status[1])) && !isApi(location) && !/\/assets\//.test(location)) return;
    }
    problems.push(`console error: ${message.text()} ${location}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A page that sends the browser elsewhere at once (to the sign-in page) cancels what it
    // was still loading, such as its icon or an API call; not a fault.
    const path = new URL(request.url()).pathname;
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && (isApi(request.url()) || path === '/favicon.svg')) return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    responses.push(response);
    const status = response.status();
    if (status < 400) return;
    const url = response.url();
    if (isApi(url) && status < 500) {
      const line = `${status} ${response.request().method()} ${new URL(url).pathname}`;
      if (apiErrorsAreProblems) problems.push(`API error: ${line}`);
      else apiErrors.push(line);
    } else if (!(response.request().isNavigationRequest() && allowDocumentStatus.includes(status))) {
      problems.push(`HTTP ${status} for ${url}`);
    }
  });
  return { problems, apiErrors, responses };
}

/** Asserts axe finds no WCAG 2.0/2.1/2.2 A or AA violation on the page as it is now. */
export async function checkAccessibility(page, name) {
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

/** Saves a full-page screenshot as web/test-output/screenshots/`fileName`. */
export async function screenshot(page, fileName) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, fileName), fullPage: true });
}

/**
 * Checks the page as it is now: axe finds nothing, nothing went wrong (console errors,
 * failed requests...), nothing inline that the CSP would block, and exactly the expected
 * API errors happened since the last check ("401 POST /api/session"). Then saves a
 * screenshot when `file` is given (web/test-output/screenshots/`file`.png).
 * `p` is { page, watch } with `watch` from watchPage.
 */
export async function checkPageState(p, name, { apiErrors = [], file } = {}) {
  await p.page.evaluate(() => document.fonts.ready);
  const inline = await p.page.evaluate(() => ({
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    // An empty style="" appears on inputs Playwright has filled in: not a style, so not counted.
    styleAttributes: [...document.querySelectorAll('[style]:not([style=""])')].map((e) => `${e.id || e.tagName}: ${e.getAttribute('style')}`),
    styleElements: document.querySelectorAll('style').length,
  }));
  assert.deepEqual(inline, { inlineScripts: 0, styleAttributes: [], styleElements: 0 }, `inline script or style on ${name}`);
  // After the check above: axe may leave style attributes of its own behind.
  await checkAccessibility(p.page, name);
  assert.deepEqual(p.watch.problems, [], `problems on ${name}:\n  ${p.watch.problems.join('\n  ')}`);
  assert.deepEqual(p.watch.apiErrors, apiErrors, `API errors on ${name}`);
  p.watch.problems.length = 0;
  p.watch.apiErrors.length = 0;
  if (file) await screenshot(p.page, `${file}.png`);
}

/** The error summary's lines and where each links. Waits for it to appear. */
export async function errorSummaryItems(page) {
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  return summary.locator('li').evaluateAll((items) =>
    items.map((li) => ({ text: li.textContent.trim(), href: li.querySelector('a')?.getAttribute('href') ?? null })));
}

/** Bytes from RFC 4648 base32 text. */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let value = 0;
  let bits = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(c);
    assert.ok(index >= 0, `not base32: ${text}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s steps) for time step `step`. */
export function totpCode(secret, step) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(number % 1_000_000).padStart(6, '0');
}


/** The current RFC 6238 time step (30 seconds). */
export function currentStep() {
  return Math.floor(Date.now() / 1000 / 30);
}

/**
 * Turns on two-step sign-in the way a person does, on the account page (which `page` must be
 * showing): "Set up two-step sign-in", the key read from the page (as if typed into an
 * authenticator app), the app's code for now, "Confirm", and the "Two-step sign-in is on"
 * banner. Resolves with `{ secret, step }`: the key, and the time step whose code was used.
 * Pass it to nextTotpCode for the next sign-in.
 */
export async function setUpTwoStepSignIn(page) {
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  await page.locator('#two-step-setup').waitFor();
  const secret = (await page.locator('#totp-secret').innerText()).replaceAll(' ', '');
  assert.match(secret, /^[A-Z2-7]{16,}$/, `the key on the page: ${secret}`);
  const step = currentStep();
  await page.getByLabel('Security code').fill(totpCode(secret, step));
  await page.getByRole('button', { name: 'Confirm' }).click();
  const banner = page.locator('.govuk-notification-banner--success');
  await banner.waitFor();
  assert.equal(await banner.locator('.govuk-notification-banner__heading').innerText(), 'Two-step sign-in is on');
  return { secret, step };
}

/**
 * The code to sign in with next, for `twoStep` from setUpTwoStepSignIn (whose step it moves
 * on). A code works once, so this is never the last one used: it is the code for now, or for
 * the next step, which the server also accepts; when even that was used, it waits for the
 * clock to catch up.
 */
export async function nextTotpCode(twoStep) {
  const step = Math.max(currentStep(), twoStep.step + 1);
  while (step > currentStep() + 1) await new Promise((r) => setTimeout(r, 1000));
  twoStep.step = step;
  return totpCode(twoStep.secret, step);
}

/** The text of each cell of each body row of the table at `selector`, spaces run together. */
export function tableRows(page, selector) {
  return page.locator(`${selector} tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((td) => td.textContent.replace(/\s+/g, ' ').trim())));
}

/**
 * Submits a plan the assessor has just created (`plan`: the 201 response) and signs it off as
 * the approver, at the person's choice of assistant; asserts each step.
 */
export async function submitAndApprove(assessor, approver, plan) {
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const submitted = await callApi(assessor.page, 'POST', `/api/plans/${plan.body.id}/submit`, { revision: plan.body.revision });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  const decided = await callApi(approver.page, 'POST', `/api/plans/${plan.body.id}/decision`, {
    decision: 'approve', revision: submitted.body.revision, variance_category: 'persons_choice', variance_words: 'Their choice of assistant.',
  });
  assert.equal(decided.status, 200, JSON.stringify(decided.body));
  return decided;
}
