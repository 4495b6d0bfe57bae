// Lighthouse's performance, accessibility and best-practices scores of the release build, on the
// seed article and on the 1 MB article, as a phone (Lighthouse's default: a mid-range phone on a
// slow 4G network, simulated) and as a desktop. The long article is opened once with "Open
// article…"; the page then shows it on every load (the library keeps the article being read), so
// Lighthouse loads it like a reader coming back to it. For each category below 100, the audits
// that cost points are named.
//
// Lighthouse lives in its own package (bench/lighthouse/), which only this benchmark installs.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CHROMIUM_ARGS, LONG_HEADLINE, ROOT, longArticle, serve } from '../tests/e2e/support.mjs';
import { chromium } from 'playwright-core';
import { record } from './report.mjs';

const PACKAGE = join(ROOT, 'bench/lighthouse');
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const PORT = 9333;
const SEED_BUDGET = 100;
const LONG_BUDGET = 95;

if (!existsSync(join(PACKAGE, 'node_modules/lighthouse'))) {
  const installed = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PACKAGE, stdio: 'inherit' });
  if (installed.status !== 0) throw new Error('could not install Lighthouse (bench/lighthouse)');
}
const require = createRequire(join(PACKAGE, 'package.json'));
const { default: lighthouse } = await import(require.resolve('lighthouse'));
const { default: desktopConfig } = await import(require.resolve('lighthouse/core/config/desktop-config.js'));

const FORMS = { phone: undefined, desktop: desktopConfig };

/** Lighthouse's scores (0–100) for `url` in the browser listening on PORT. */
async function scores(url, config, { keepStorage = false } = {}) {
  const result = await lighthouse(url, { port: PORT, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, disableStorageReset: keepStorage }, config);
  const { categories, audits } = result.lhr;
  const failing = (id) =>
    categories[id].auditRefs
      .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
      .map((ref) => `${ref.id} ${Math.round(audits[ref.id].score * 100)}`);
  return Object.fromEntries(CATEGORIES.map((id) => [id, { score: Math.round(categories[id].score * 100), failing: failing(id) }]));
}

const profile = await mkdtemp(join(tmpdir(), 'scholia-lighthouse-'));
const server = await serve();
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, `--remote-debugging-port=${PORT}`],
});
const results = [];
try {
  for (const [form, config] of Object.entries(FORMS)) {
    results.push({ article: 'seed article', form, app: await scores(server.url, config) });
  }
  // The long article, opened once; every later load of the page shows it.
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-sid]');
  await page.locator('#open-article').setInputFiles({ name: 'long-report.md', mimeType: 'text/markdown', buffer: Buffer.from(await longArticle()) });
  await page.waitForFunction((headline) => document.querySelector('main h1')?.textContent === headline, LONG_HEADLINE, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  await page.close();
  for (const [form, config] of Object.entries(FORMS)) {
    results.push({ article: '1 MB article', form, app: await scores(server.url, config, { keepStorage: true }) });
  }
} finally {
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}

for (const { article, form, app } of results) {
  const budget = article === 'seed article' ? SEED_BUDGET : LONG_BUDGET;
  console.log(`${article}, ${form}: ${CATEGORIES.map((id) => `${id} ${app[id].score}${app[id].failing.length ? ` (below 100: ${app[id].failing.join(', ')})` : ''}`).join('; ')} (budget ${budget} each)`);
  for (const id of CATEGORIES) {
    record({ section: 'Lighthouse', figure: `${article}, ${form}: ${id}`, value: app[id].score, unit: '', budget: { min: budget }, detail: app[id].failing.length ? `below 100: ${app[id].failing.join(', ')}` : undefined });
  }
}
