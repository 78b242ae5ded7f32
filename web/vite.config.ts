/// <reference types="vitest/config" />
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

export default defineConfig({
  root,
  base: '/',
  plugins: [govukFrontendCss()],
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
      // Two pages, one shared entry script and stylesheet.
      input: {
        index: join(root, 'index.html'),
        notFound: join(root, '404.html'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
