// Offline, installable and locked down: the release build served from a sub-path works with no
// network after the first visit, never talks to another origin, breaks no Content Security Policy,
// is installable, updates only when the reader asks, and has a one-file version for file://.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DIST, ROOT, launch, launchWithProfile, serve, servedBrowser } from './support.mjs';

// The annotation UI's contract: click a sentence, press h, and it gets data-annotated. Set to true
// once that UI is on this branch; until then the steps that annotate are skipped, and a plain
// `scholia:` localStorage value stands in for the reader's data everywhere.
const ANNOTATION_UI = true;
const NO_ANNOTATION_UI = !ANNOTATION_UI && 'the annotation UI is not on this branch yet';

const SUB_PATH = '/readers/scholia/';
const SENTENCES = 34;
const UPDATE_BUTTON = { name: 'Reload to update' };

/** A fresh context whose pages record every request, console error and CSP violation. */
async function watchedContext(browser) {
  const context = await browser.newContext();
  const session = { requests: [], errors: [], violations: [] };
  context.on('request', (request) => session.requests.push(request.url()));
  context.on('console', (msg) => {
    if (msg.type() === 'error') session.errors.push(msg.text());
  });
  context.on('weberror', (error) => session.errors.push(String(error.error())));
  await context.exposeBinding('reportViolation', (_, violation) => session.violations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  return { context, session };
}

/** The CSP meta tag of an HTML file, as { directive: [sources] }. */
async function policyOf(file) {
  const html = await readFile(file, 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(policy, `${file} has a CSP meta tag`);
  // It must come before anything it governs.
  assert.ok(html.indexOf('Content-Security-Policy') < html.search(/<(script|style|link)\b/));
  const directives = Object.fromEntries(policy.split(/;\s*/).map((d) => d.split(' ')).map(([name, ...sources]) => [name, sources]));
  const sources = Object.values(directives).flat();
  for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', 'blob:']) {
    assert.ok(!sources.includes(loose), `${loose} in ${policy}`);
  }
  return directives;
}

const HASH = /^'sha256-[A-Za-z0-9+/]+=*'$/;

async function open(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-sid]');
  return page;
}

async function reload(page) {
  await page.reload();
  await page.waitForSelector('[data-sid]');
}

/** Waits until the service worker is active, and says which scope it serves. */
const workerReady = (page) => page.evaluate(async () => (await navigator.serviceWorker.ready).scope);

const controlled = (page) => page.evaluate(() => navigator.serviceWorker.controller !== null);

/** The precache version that the post-build step wrote into a build's sw.js. */
const workerVersion = async (dir) => (await readFile(join(dir, 'sw.js'), 'utf8')).match(/const VERSION = "(\w+)"/)?.[1];

const scholiaCaches = (page) => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('scholia ')));

async function annotateFirstSentence(page) {
  await page.locator('[data-sid="5"]').click();
  await page.keyboard.press('h');
  await page.waitForSelector('[data-sid="5"][data-annotated]');
}

/** Opens and closes the Export dialog and the shortcuts overlay: code fetched on demand. */
async function openExportAndShortcuts(page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.waitForSelector('#export-heading');
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await page.waitForSelector('#help-heading');
  await page.keyboard.press('Escape');
}

const isAnnotated = (page) => page.locator('[data-sid="5"][data-annotated]').count().then((n) => n === 1);

describe('served from a sub-path, then offline', () => {
  let server, port, browser, context, session, page;

  before(async () => {
    ({ port, ...server } = await serve({ prefix: SUB_PATH }));
    browser = await launch();
    ({ context, session } = await watchedContext(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the first visit renders the article and installs the service worker for the sub-path', async () => {
    page = await open(context, server.url);
    assert.equal(await page.locator('[data-sid]').count(), SENTENCES);
    assert.equal(await workerReady(page), server.url);
  });

  test('the service worker precaches every file of the build, in one versioned cache', async () => {
    const names = await scholiaCaches(page);
    assert.equal(names.length, 1);
    assert.equal(names[0], `scholia ${server.url} ${await workerVersion(DIST)}`);
    const cached = await page.evaluate(async (name) => {
      const keys = await (await caches.open(name)).keys();
      return keys.map((request) => request.url).sort();
    }, names[0]);
    const files = [];
    for (const name of await readdir(DIST, { recursive: true })) {
      const precached = !['sw.js', 'standalone.html'].includes(name) && !/\.(br|gz)$/.test(name);
      if (precached && (await stat(join(DIST, name))).isFile()) {
        files.push(new URL(name, server.url).href);
      }
    }
    files.sort();
    assert.deepEqual(cached, files);
  });

  test('a first visit offers no update', async () => {
    await reload(page);
    assert.equal(await controlled(page), true);
    assert.equal(await page.getByRole('button', UPDATE_BUTTON).count(), 0);
  });

  test('with the server gone and the network off, the page reloads and keeps what the reader stored', async () => {
    await server.close();
    await context.setOffline(true);
    await reload(page);
    assert.equal(await page.locator('[data-sid]').count(), SENTENCES);
    assert.equal(await page.evaluate(() => navigator.onLine), false);

    await page.evaluate(() => localStorage.setItem('scholia:offline-check', 'written offline'));
    await reload(page);
    assert.equal(await page.evaluate(() => localStorage.getItem('scholia:offline-check')), 'written offline');

    // A new tab, with a query string, opens offline too.
    const other = await open(context, `${server.url}?from=bookmark`);
    assert.equal(await other.locator('[data-sid]').count(), SENTENCES);
    await other.close();
  });

  test('offline: annotate, reload, the annotation is still there', { skip: NO_ANNOTATION_UI }, async () => {
    await annotateFirstSentence(page);
    await reload(page);
    assert.equal(await isAnnotated(page), true);
  });

  test('offline: the code fetched on demand comes from the cache (Export, the shortcuts)', async () => {
    await openExportAndShortcuts(page);
    assert.equal(await page.locator('[data-alert="unloaded"]').count(), 0);
  });

  test('back online, the page still works', async () => {
    await context.setOffline(false);
    server = await serve({ prefix: SUB_PATH, port });
    await reload(page);
    assert.equal(await page.locator('[data-sid]').count(), SENTENCES);
  });

  test('the whole session: no request outside the sub-path, no CSP violation, no console error', () => {
    assert.ok(session.requests.length > 0);
    assert.deepEqual(
      session.requests.filter((url) => !url.startsWith(server.url)),
      [],
    );
    assert.deepEqual(session.violations, []);
    assert.deepEqual(session.errors, []);
  });
});

describe('locked down and installable', () => {
  const env = servedBrowser();

  test('the Content Security Policy is strict', async () => {
    const directives = await policyOf(join(DIST, 'index.html'));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['style-src'], ["'self'"]);
    const [self, wasm, ...hashes] = directives['script-src'];
    assert.deepEqual([self, wasm], ["'self'", "'wasm-unsafe-eval'"]);
    assert.ok(hashes.length >= 1 && hashes.every((h) => HASH.test(h)), hashes.join(' '));
    // Everything else is this origin's, or nothing.
    for (const [name, sources] of Object.entries(directives)) {
      if (name !== 'script-src') assert.ok(sources.every((s) => ["'self'", "'none'"].includes(s)), name);
    }
  });

  test('the browser enforces it: an injected script and an inline style are refused', async () => {
    const { context, session } = await watchedContext(env.browser);
    const page = await open(context, env.server.url);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
      document.body.setAttribute('style', 'outline: 5px solid red');
      await new Promise((ok) => setTimeout(ok, 100));
      return window.injected === true;
    });
    assert.equal(ran, false);
    assert.ok(session.violations.some((v) => v.startsWith('script-src')), session.violations.join('; '));
    assert.ok(session.violations.some((v) => v.startsWith('style-src')), session.violations.join('; '));
    await context.close();
  });

  test('the manifest is valid, with relative URLs and icons made in the repo', async () => {
    const { context } = await watchedContext(env.browser);
    const page = await open(context, env.server.url);
    const cdp = await context.newCDPSession(page);
    const { url, errors, data } = await cdp.send('Page.getAppManifest');
    assert.equal(url, new URL('manifest.webmanifest', env.server.url).href);
    assert.deepEqual(errors, []);
    const manifest = JSON.parse(data);
    assert.equal(manifest.name, 'Scholia');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.scope, './');
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/);
    for (const icon of manifest.icons) {
      assert.doesNotMatch(icon.src, /^(\/|[a-z]+:)/, 'icon URLs are relative');
      const png = await readFile(join(DIST, icon.src));
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert.equal(`${width}x${height}`, icon.sizes, icon.src);
    }
    assert.deepEqual(
      manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort(),
      ['192x192 any', '512x512 any', '512x512 maskable'],
    );
    await context.close();
  });

  test('Chromium finds the page installable', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'scholia-profile-'));
    const context = await launchWithProfile(profile);
    try {
      const page = await open(context, env.server.url);
      await workerReady(page);
      const cdp = await context.newCDPSession(page);
      assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});

describe('the standalone file, opened from file://', () => {
  let dir, browser, context, session, page;

  before(async () => {
    // Alone in a folder: it must need nothing next to it.
    dir = await mkdtemp(join(tmpdir(), 'scholia-standalone-'));
    await cp(join(DIST, 'standalone.html'), join(dir, 'Scholia.html'));
    browser = await launch();
    ({ context, session } = await watchedContext(browser));
    page = await open(context, pathToFileURL(join(dir, 'Scholia.html')).href);
  });

  after(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('renders the article', async () => {
    assert.equal(await page.locator('[data-sid]').count(), SENTENCES);
    assert.match(await page.title(), /^Bashar al-Assad has fled Damascus/);
  });

  test('keeps what the reader stored across a reload', async () => {
    await page.evaluate(() => localStorage.setItem('scholia:standalone-check', 'kept'));
    await reload(page);
    assert.equal(await page.evaluate(() => localStorage.getItem('scholia:standalone-check')), 'kept');
  });

  test('keeps an annotation across a reload', { skip: NO_ANNOTATION_UI }, async () => {
    await annotateFirstSentence(page);
    await reload(page);
    assert.equal(await isAnnotated(page), true);
  });

  test('opens an article of the reader’s own and keeps it across a reload', async () => {
    await page.setInputFiles('#open-article', {
      name: 'notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('# Standalone notes\n\nKept without a server. Even from a file.\n'),
    });
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Standalone notes');
    // Kept once the page says so (from file:// the article's text goes to localStorage).
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('scholia:article:')));
    await reload(page);
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Standalone notes');
    await page.getByRole('button', { name: 'Articles', exact: true }).click();
    await page.getByRole('button', { name: 'The default article' }).click();
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent.startsWith('Bashar al-Assad'));
  });

  test('carries everything, unsplit: Export and the shortcuts open with nothing to fetch', async () => {
    const before = session.requests.length;
    await openExportAndShortcuts(page);
    assert.deepEqual(session.requests.slice(before), []);
  });

  test('loads nothing but itself, under its own strict CSP', async () => {
    const directives = await policyOf(join(DIST, 'standalone.html'));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.equal(directives['script-src'].length, 2);
    assert.ok(HASH.test(directives['script-src'][0]));
    assert.equal(directives['script-src'][1], "'wasm-unsafe-eval'");
    assert.equal(directives['style-src'].length, 1);
    assert.ok(HASH.test(directives['style-src'][0]));
    assert.deepEqual(directives['img-src'], ['data:'], 'only the inlined favicon');
    // The inlined stylesheet and favicon are really there, and the policy lets the styles apply.
    assert.ok(await page.evaluate(() => document.styleSheets[0]?.cssRules.length > 20));
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.sentence')).cursor), 'pointer');
    assert.deepEqual(
      await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => l.href.slice(0, 19))),
      ['data:image/svg+xml,'],
    );
    const own = pathToFileURL(join(dir, 'Scholia.html')).href;
    assert.deepEqual(
      session.requests.filter((url) => url !== own && !url.startsWith('data:')),
      [],
    );
    assert.deepEqual(session.violations, []);
    assert.deepEqual(session.errors, []);
  });
});

describe('updating to a new version', () => {
  let dir, site, server, browser, context, session, page;

  /** Points the served folder at another version, at once, as a deploy would. */
  async function deploy(version) {
    await symlink(join(dir, version), join(dir, 'next'));
    await rename(join(dir, 'next'), site);
  }

  before(async () => {
    // Version 2 is version 1 with a changed page: the post-build step gives it a new precache
    // version, with no second wasm build.
    dir = await mkdtemp(join(tmpdir(), 'scholia-update-'));
    site = join(dir, 'site');
    await cp(DIST, join(dir, 'v1'), { recursive: true });
    await cp(DIST, join(dir, 'v2'), { recursive: true });
    const page2 = join(dir, 'v2', 'index.html');
    const html = await readFile(page2, 'utf8');
    await writeFile(page2, html.replace('<title>', '<meta name="scholia-test-build" content="2" />\n    <title>'));
    await promisify(execFile)('node', [join(ROOT, 'scripts/lib/post-build.mjs'), join(dir, 'v2')]);
    await deploy('v1');
    server = await serve({ dir: site, prefix: SUB_PATH });
    browser = await launch();
    ({ context, session } = await watchedContext(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const build = () => page.locator('meta[name="scholia-test-build"]').count().then((n) => (n ? 2 : 1));

  test('the two versions have different service workers', async () => {
    assert.notEqual(await workerVersion(join(dir, 'v1')), await workerVersion(join(dir, 'v2')));
  });

  test('a returning reader on version 1 stores something', async () => {
    page = await open(context, server.url);
    await workerReady(page);
    await reload(page);
    assert.equal(await controlled(page), true);
    await page.evaluate(() => localStorage.setItem('scholia:before-update', 'kept'));
    if (ANNOTATION_UI) await annotateFirstSentence(page);
    assert.equal(await build(), 1);
  });

  test('after a deploy, the next visit stays on version 1 and offers the update', async () => {
    await deploy('v2');
    await reload(page);
    const banner = page.getByRole('status').filter({ has: page.getByRole('button', UPDATE_BUTTON) });
    await banner.waitFor();
    assert.match(await banner.textContent(), /new version/);
    assert.equal(await build(), 1, 'no mix: the page is still all version 1');
  });

  test('"Reload to update" reloads once, into version 2, with the reader’s data intact', async () => {
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await page.getByRole('button', UPDATE_BUTTON).click();
    await page.waitForSelector('meta[name="scholia-test-build"]', { state: 'attached' });
    await page.waitForSelector('[data-sid]');
    // Time for a second reload, if there were one.
    await page.waitForTimeout(1000);
    assert.equal(navigations, 1);
    assert.equal(await build(), 2);
    assert.equal(await page.locator('[data-sid]').count(), SENTENCES);
    assert.equal(await page.evaluate(() => localStorage.getItem('scholia:before-update')), 'kept');
    if (ANNOTATION_UI) assert.equal(await isAnnotated(page), true);
    assert.equal(await page.getByRole('button', UPDATE_BUTTON).count(), 0);
  });

  test('the old version’s cache is gone', async () => {
    const v2 = await workerVersion(join(dir, 'v2'));
    assert.deepEqual(await scholiaCaches(page), [`scholia ${server.url} ${v2}`]);
  });

  test('no CSP violation and no console error throughout', () => {
    assert.deepEqual(session.violations, []);
    assert.deepEqual(session.errors, []);
  });
});
