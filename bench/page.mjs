// Page budgets of the release build in dist/: first-load transfer (gzip) and the time to the
// first rendered sentence in headless Chromium. Prints figures; judging them is for the reader.

import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, launch, serve } from '../tests/e2e/support.mjs';

const KB = 1024;
const FIRST_LOAD_BUDGET_KB = 150;
const STANDALONE_BUDGET_KB = 290;
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

async function timeToFirstSentence() {
  const server = await serve();
  const browser = await launch();
  const times = [];
  try {
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
      await page.goto(server.url);
      await page.waitForFunction(() => window.__firstSentenceAt !== undefined);
      times.push(await page.evaluate(() => window.__firstSentenceAt));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0], worst: times.at(-1) };
}

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

const t = await timeToFirstSentence();
console.log(
  `time to first rendered sentence (headless Chromium, localhost, ${RUNS} cold loads): ` +
    `median ${t.median.toFixed(0)} ms, best ${t.best.toFixed(0)} ms, worst ${t.worst.toFixed(0)} ms`,
);
