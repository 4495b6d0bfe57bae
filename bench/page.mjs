// Page budgets of the release build in dist/: first-load transfer (gzip), the standalone file's
// size, and the time to the first rendered sentence in headless Chromium, served and opened from
// file://. Prints figures; judging them is for the reader.
//
// The first load is every file the browser asks for before the first sentence is on screen,
// whatever its kind; what it fetches after (the on-demand chunks, the service worker and what it
// precaches) is listed apart.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DIST, launch, requestedBeforeFirstSentence, serve, watchFirstSentence } from '../tests/e2e/support.mjs';

const KB = 1024;
const FIRST_LOAD_BUDGET_KB = 150;
const STANDALONE_BUDGET_KB = 200;
const STANDALONE = 'standalone.html';
const RUNS = 7;
// Long enough for the chunks and the service worker's precache to arrive from localhost.
const SETTLE_MS = 3000;

async function sizes(file) {
  const body = await readFile(join(DIST, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

/** The files of dist/ that a cold load of `url` fetches before and after its first sentence. */
async function transfers(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watchFirstSentence);
  // Everything asked for, the service worker's precache included.
  const requested = [];
  context.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(url);
  const file = (path) => path.slice(1) || 'index.html';
  const before = new Set((await requestedBeforeFirstSentence(page)).map(file));
  await page.waitForTimeout(SETTLE_MS);
  await context.close();
  const after = new Set(requested.map(file).filter((path) => !before.has(path)));
  return {
    before: await Promise.all([...before].sort().map(sizes)),
    after: await Promise.all([...after].sort().map(sizes)),
  };
}

const table = (rows) => {
  for (const { file, raw, gzip } of rows) {
    console.log(`  ${file.padEnd(44)} ${(raw / KB).toFixed(1).padStart(8)} KB raw ${(gzip / KB).toFixed(1).padStart(7)} KB gzip`);
  }
  return rows.reduce((sum, r) => sum + r.gzip, 0) / KB;
};

/**
 * Milliseconds from navigation to the first sentence element, over cold loads of `url`; with
 * `repeat`, over second visits, once the service worker has the files.
 */
async function timeToFirstSentence(browser, url, { repeat = false } = {}) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(watchFirstSentence);
    if (repeat) {
      await page.goto(url);
      await page.evaluate(() => navigator.serviceWorker.ready);
    }
    await page.goto(url);
    await page.waitForFunction(() => window.__firstSentenceAt !== undefined);
    times.push(await page.evaluate(() => window.__firstSentenceAt));
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0], worst: times.at(-1) };
}

const timing = ({ median, best, worst }) =>
  `median ${median.toFixed(0)} ms, best ${best.toFixed(0)} ms, worst ${worst.toFixed(0)} ms`;

const standalone = await sizes(STANDALONE);
console.log(
  `standalone file (${STANDALONE}, one file for file://): ${(standalone.raw / KB).toFixed(1)} KB raw, ` +
    `${(standalone.gzip / KB).toFixed(1)} KB gzip (budget ${STANDALONE_BUDGET_KB} KB gzip)`,
);

const server = await serve();
const browser = await launch();
try {
  const { before, after } = await transfers(browser, server.url);
  console.log('first-load transfer: what a cold load fetches before its first sentence shows (gzip -9):');
  const total = table(before);
  console.log(`  total: ${total.toFixed(1)} KB gzip (budget ${FIRST_LOAD_BUDGET_KB} KB)`);
  console.log('fetched after the first sentence (on-demand chunks, the service worker and its precache; each file once):');
  console.log(`  total: ${table(after).toFixed(1)} KB gzip`);

  const served = await timeToFirstSentence(browser, server.url);
  console.log(`time to first rendered sentence (headless Chromium, localhost, ${RUNS} cold loads): ${timing(served)}`);
  // The worker's copy of the first-load module is unpacked already.
  const again = await timeToFirstSentence(browser, server.url, { repeat: true });
  console.log(`time to first rendered sentence, second visit from the service worker (${RUNS} loads): ${timing(again)}`);
  // The standalone file unpacks its wasm first, and cannot stream-compile it.
  const opened = await timeToFirstSentence(browser, pathToFileURL(join(DIST, STANDALONE)).href);
  console.log(`time to first rendered sentence, ${STANDALONE} from file:// (${RUNS} cold loads): ${timing(opened)}`);
} finally {
  await browser.close();
  await server.close();
}
