/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// GOV.UK Frontend's precompiled CSS refers to its fonts and images by absolute URL, as if
// its assets folder were served at /assets/:
//   url(/assets/fonts/light-94a07e06a1-v2.woff2)  url(/assets/images/govuk-crest.svg)
// Point those URLs at node_modules/govuk-frontend/dist/govuk/assets/ so that Vite copies
// each file the CSS uses into dist/assets/ under a content-hashed name and rewrites the
// URL to match. The fonts then resolve wherever dist/ is served from, and can be cached
// for ever.
const govukAssets = join(root, 'node_modules/govuk-frontend/dist/govuk/assets');

// govuk-frontend.min.css still carries three Internet Explorer hacks, media queries such
// as `@media screen\0`, which are not valid CSS: modern browsers ignore their rules, and
// Vite's CSS minifier (Lightning CSS) complains about them. Replace each with `not all`,
// a valid query that, like the hack in a modern browser, never matches.
function govukFrontendCss(): Plugin {
  return {
    name: 'selfdirect:govuk-frontend-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/govuk-frontend\/dist\/govuk\/govuk-frontend\.min\.css(\?|$)/.test(id)) return null;
      return { code: code.replace(/@media[^{]*\\0[^{]*\{/g, '@media not all{'), map: null };
    },
  };
}

// Every page shares one header and footer, kept once in partials/ and written into each
// page where it says <!-- include: header --> or <!-- include: footer -->. Runs before Vite
// reads the page, so the result is handled exactly as if it had been typed there.
function htmlPartials(): Plugin {
  const partials = join(root, 'partials');
  return {
    name: 'selfdirect:html-partials',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        return html.replace(/<!-- include: ([a-z-]+) -->/g, (_whole, name: string) => {
          const file = join(partials, `${name}.html`);
          try {
            return readFileSync(file, 'utf8').trimEnd();
          } catch {
            throw new Error(`${context.filename}: no partial ${file}`);
          }
        });
      },
    },
    handleHotUpdate({ file, server }) {
      // Editing a partial changes every page: reload them all in the dev server.
      if (file.startsWith(partials)) server.ws.send({ type: 'full-reload' });
    },
  };
}

// The pages. Each is one HTML file; its address is its path without ".html" (the server
// serves /sign-in from sign-in.html, /users/turn-off from users/turn-off.html).
const pages = {
  index: 'index.html',
  notFound: '404.html',
  signIn: 'sign-in.html',
  setPassword: 'set-password.html',
  account: 'account.html',
  users: 'users.html',
  changeRoles: 'users/change-roles.html',
  turnOff: 'users/turn-off.html',
  audit: 'audit.html',
  myRecord: 'my-record.html',
  rasModels: 'ras-models.html',
  howBudgets: 'how-budgets-are-worked-out.html',
  estimate: 'how-budgets-are-worked-out/estimate.html',
  caseload: 'caseload.html',
  newPerson: 'people/new.html',
  person: 'person.html',
  eligibility: 'person/eligibility.html',
  assessment: 'person/assessment.html',
  newConcern: 'concerns/new.html',
  concerns: 'concerns.html',
  concern: 'concern.html',
  plan: 'person/plan.html',
  planCheck: 'person/plan/check.html',
  signOff: 'sign-off.html',
  decision: 'sign-off/decision.html',
  reviews: 'reviews.html',
  review: 'person/review.html',
  closeCase: 'person/close.html',
  carer: 'person/carer.html',
  contribution: 'person/contribution.html',
  budget: 'person/budget.html',
  myMoney: 'my-money.html',
  personalAssistants: 'personal-assistants.html',
  pools: 'pools.html',
  pool: 'pool.html',
  poolLeave: 'pool/leave.html',
  peopleIHelp: 'people-i-help.html',
  financeStatements: 'finance/statements.html',
  paymentRuns: 'finance/payment-runs.html',
  paymentRun: 'finance/payment-run.html',
  overpayment: 'finance/overpayment.html',
  paymentDetails: 'finance/payment-details.html',
  contributionPayments: 'finance/contribution-payments.html',
  contributionFile: 'finance/contribution-file.html',
  invoices: 'finance/invoices.html',
  surplusProposals: 'finance/surplus-proposals.html',
  financePools: 'finance/pools.html',
  alerts: 'alerts.html',
  financeOverview: 'finance/overview.html',
  financeSettings: 'finance/settings.html',
  findSupport: 'find-support.html',
  directoryProvider: 'find-support/provider.html',
  providers: 'market/providers.html',
  provider: 'market/provider.html',
  marketShaping: 'market/shaping.html',
  scenarios: 'scenarios.html',
};

export default defineConfig({
  root,
  base: '/',
  plugins: [htmlPartials(), govukFrontendCss()],
  resolve: {
    alias: [{ find: /^\/assets\/(fonts|images)\//, replacement: `${govukAssets}/$1/` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Never turn fonts or images into data: URLs inside the CSS; keep them as files.
    assetsInlineLimit: 0,
    sourcemap: true,
    rolldownOptions: {
      // Each page has its own small entry script; what they share (GOV.UK Frontend, the
      // stylesheet, src/api.ts...) goes into shared chunks.
      input: Object.fromEntries(Object.entries(pages).map(([name, file]) => [name, join(root, file)])),
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
