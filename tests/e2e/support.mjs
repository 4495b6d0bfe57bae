// Shared by the end-to-end tests and the benchmark: a static file server for dist/ on 127.0.0.1
// and a headless Chromium driven by Playwright.

import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const DIST = join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The precompressed copy of `file` that a host configured for them sends to a browser whose
 * `Accept-Encoding` is `accepted`, as [encoding, path]; none if there is no such copy.
 */
async function precompressed(file, accepted = '') {
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!accepted.split(',').some((part) => part.trim().split(';')[0] === encoding)) continue;
    if ((await stat(file + suffix).catch(() => null))?.isFile()) return [encoding, file + suffix];
  }
  return null;
}

/**
 * Serves `dir` under `prefix` (e.g. '/' or '/some/sub/path/') on a loopback port (ephemeral unless
 * given, to serve the same origin again after a close), sending the build's precompressed copies
 * as a host set up for them does (unless `compressed` is false). Resolves to { url, port, close }.
 */
export async function serve({ dir = DIST, prefix = '/', port = 0, compressed = true } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!path.startsWith(prefix)) {
        res.writeHead(404).end();
        return;
      }
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (file !== dir && !file.startsWith(dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const copy = compressed ? await precompressed(file, req.headers['accept-encoding']) : null;
      const body = await readFile(copy?.[1] ?? file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'Accept-Encoding',
        ...(copy && { 'content-encoding': copy[0] }),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}${prefix}`,
    port: bound,
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        // Keep-alive connections would keep the port answering.
        server.closeAllConnections();
      }),
  };
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A browser context with a profile in `dir`: unlike off-the-record ones, it can install apps. */
export function launchWithProfile(dir) {
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Opens a page in a fresh context and records console errors and uncaught exceptions. */
export async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  await page.waitForSelector('[data-sid]');
  return { context, page, errors };
}

/**
 * For a test file or suite: serves dist/ and launches Chromium before its tests, closes both
 * after. The returned object's `server` and `browser` are set once the tests run.
 */
export function servedBrowser(options) {
  const env = {};
  before(async () => {
    env.server = await serve(options);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * A page in a fresh profile (or in `context`) at `url` (the served site by default), with the
 * article rendered. Records uncaught errors and any alert/confirm dialog (which a hostile file's
 * script would open) in `errors`.
 */
export async function openReader(env, { context, url, init, contextOptions } = {}) {
  context ??= await env.browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  if (init) await page.addInitScript(init);
  await page.goto(url ?? env.server.url);
  await shown(page);
  return { context, page, errors };
}

/**
 * Waits for the article, then for the side panel and the notices, whose code the release site
 * fetches after the first paint: what a test counts in them is then what the page shows.
 */
export async function shown(page) {
  await page.waitForSelector('[data-sid]');
  await page.waitForSelector('.panel');
  await page.waitForSelector('.notices', { state: 'attached' });
}

/** For `page.addInitScript`: records when the first sentence appears, as `window.__firstSentenceAt`. */
export const watchFirstSentence = () => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-sid]')) {
      window.__firstSentenceAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

/**
 * The paths that `page` (opened with `watchFirstSentence`) asked for before its first sentence
 * showed: the document, and what its resource timing says started before, on the page's clock.
 */
export async function requestedBeforeFirstSentence(page) {
  await page.waitForFunction(() => window.__firstSentenceAt !== undefined);
  return page.evaluate(() => [
    location.pathname,
    ...performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime < window.__firstSentenceAt)
      .map((entry) => new URL(entry.name).pathname),
  ]);
}

export const LONG_HEADLINE = 'A long report for the benchmark';

/**
 * A book-length article in Markdown of at least `bytes` (1 MB by default, about 7,000 sentences):
 * the seed article's body paragraphs again and again, in chapters under subheadings "Chapter N".
 */
export async function longArticle(bytes = 2 ** 20) {
  const seed = await readFile(join(ROOT, 'articles/assad-flees-damascus.txt'), 'utf8');
  const body = seed.split('\n\n').slice(1, -3).filter((p) => /[.!?”]$/.test(p.trim()));
  const chapter = (n) => `## Chapter ${n}\n\n${body.join('\n\n')}`;
  const chapters = Math.ceil(bytes / Buffer.byteLength(chapter(1)));
  return `# ${LONG_HEADLINE}\n\n${Array.from({ length: chapters }, (_, i) => chapter(i + 1)).join('\n\n')}\n`;
}
