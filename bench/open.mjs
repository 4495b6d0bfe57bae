// Opening a reader's own article in the release build: a saved news page of about 300 KB picked
// with "Open article…", from the file input's change to the new article's first sentence on
// screen. Beside it, from the same run and page: the browser's own DOMParser on the same file,
// the least any reader of web pages spends on it.
//
// The pages come from the extraction benchmark's data (`../shared/extraction`, or the folder in
// $1); without it the benchmark says so and stops.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { brotli, gzip } from '../scripts/lib/compress.mjs';
import { DIST, ROOT, launch, serve } from '../tests/e2e/support.mjs';
import { record } from './report.mjs';

const BUDGET_MS = 150;
const TARGET_BYTES = 300 * 1024;
const RUNS = 11;

// What the readers of web pages and Markdown weigh: their own chunk, fetched after the first load.
const chunk = (await readdir(DIST)).find((name) => /^split_reading-.*\.wasm$/.test(name));
if (chunk) {
  const body = await readFile(join(DIST, chunk));
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`the extractor and Markdown reader are not in the first load: chunk ${chunk}, ${kb(body.length)} raw, ${kb((await gzip(body)).length)} gzip, ${kb(brotli(body).length)} brotli, fetched after the first sentence`);
} else {
  console.log('the extractor and Markdown reader: no split_reading chunk in dist/ (not a split build?), so they are in the first-load module');
}

const data = process.argv[2] ?? join(ROOT, '..', 'shared', 'extraction');
if (!(await stat(join(data, 'index.tsv')).catch(() => null))) {
  console.log(`opening a saved page: skipped (no extraction data in ${data})`);
  process.exit(0);
}

// The page nearest 300 KB.
const rows = (await readFile(join(data, 'index.tsv'), 'utf8')).trim().split('\n').slice(1).map((line) => line.split('\t'));
const [folder, , , , bytes] = rows.reduce((best, row) =>
  Math.abs(row[4] - TARGET_BYTES) < Math.abs(best[4] - TARGET_BYTES) ? row : best,
);
const html = await readFile(join(data, folder, 'source.html'));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await serve();
const browser = await launch();
try {
  const app = [];
  const parser = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-sid]');
    // The reading chunk arrives in the background after the first load; wait for it as a
    // reader who opens a file a few seconds after the page would.
    await page.waitForTimeout(2500);
    await page.evaluate(() => {
      const input = document.querySelector('#open-article');
      const headline = document.querySelector('main article h1')?.textContent;
      window.__openedAt = undefined;
      input.addEventListener('change', () => {
        const start = performance.now();
        new MutationObserver((_, observer) => {
          const now = document.querySelector('main article h1')?.textContent;
          if (now !== undefined && now !== headline && document.querySelector('main [data-sid]')) {
            window.__openedAt = performance.now() - start;
            observer.disconnect();
          }
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      }, { once: true, capture: true });
    });
    await page.setInputFiles('#open-article', { name: `${folder}.html`, mimeType: 'text/html', buffer: html });
    await page.waitForFunction(() => window.__openedAt !== undefined, null, { timeout: 10_000 });
    app.push(await page.evaluate(() => window.__openedAt));
    parser.push(
      await page.evaluate((text) => {
        const start = performance.now();
        const document = new DOMParser().parseFromString(text, 'text/html');
        void document.body?.textContent.length;
        return performance.now() - start;
      }, html.toString('utf8')),
    );
    await context.close();
  }
  console.log(`page: ${folder} (${(bytes / 1024).toFixed(0)} KB)`);
  console.log(`open to first sentence: median ${median(app).toFixed(0)} ms (budget ${BUDGET_MS} ms), best ${Math.min(...app).toFixed(0)}, worst ${Math.max(...app).toFixed(0)}`);
  console.log(`baseline, DOMParser alone on the same page: median ${median(parser).toFixed(0)} ms`);
  record({
    section: 'Extraction',
    figure: `opening a ${(bytes / 1024).toFixed(0)} KB saved page → first sentence (median of ${RUNS})`,
    value: median(app),
    unit: 'ms',
    baseline: { name: 'DOMParser alone', value: median(parser) },
    budget: { max: BUDGET_MS },
  });
} finally {
  await browser.close();
  await server.close();
}
