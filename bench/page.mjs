// Page budgets of the release build in dist/: first-load transfer (gzip), the standalone file's
// size, and the time to the first rendered sentence in headless Chromium, served and opened from
// file://. Prints figures; judging them is for the reader.

import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DIST, launch, serve } from '../tests/e2e/support.mjs';

const KB = 1024;
const FIRST_LOAD_BUDGET_KB = 150;
const STANDALONE_BUDGET_KB = 200;
const STANDALONE = 'standalone.html';
const RUNS = 7;

async function sizes(file) {
  const body = await readFile(join(DIST, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

async function firstLoadTransfer() {
  // The standalone file is a download of its own, not part of loading the page.
  const files = (await readdir(DIST)).filter(
    (f) => ['.html', '.js', '.wasm', '.css'].includes(extname(f)) && f !== STANDALONE,
  );
  return Promise.all(files.map(sizes));
}

/** Milliseconds from navigation to the first sentence element, over cold loads of `url`. */
async function timeToFirstSentence(browser, url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-sid]')) {
          window.__firstSentenceAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
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

const rows = await firstLoadTransfer();
console.log('first-load transfer (release build, gzip -9):');
for (const { file, raw, gzip } of rows) {
  console.log(`  ${file.padEnd(40)} ${(raw / KB).toFixed(1).padStart(8)} KB raw ${(gzip / KB).toFixed(1).padStart(7)} KB gzip`);
}
const total = rows.reduce((sum, r) => sum + r.gzip, 0) / KB;
console.log(`  total: ${total.toFixed(1)} KB gzip (budget ${FIRST_LOAD_BUDGET_KB} KB)`);

const standalone = await sizes(STANDALONE);
console.log(
  `standalone file (${STANDALONE}, one file for file://): ${(standalone.raw / KB).toFixed(1)} KB raw, ` +
    `${(standalone.gzip / KB).toFixed(1)} KB gzip (budget ${STANDALONE_BUDGET_KB} KB gzip)`,
);

const server = await serve();
const browser = await launch();
try {
  const served = await timeToFirstSentence(browser, server.url);
  console.log(`time to first rendered sentence (headless Chromium, localhost, ${RUNS} cold loads): ${timing(served)}`);
  // The standalone file unpacks its wasm first, and cannot stream-compile it.
  const opened = await timeToFirstSentence(browser, pathToFileURL(join(DIST, STANDALONE)).href);
  console.log(`time to first rendered sentence, ${STANDALONE} from file:// (${RUNS} cold loads): ${timing(opened)}`);
} finally {
  await browser.close();
  await server.close();
}
