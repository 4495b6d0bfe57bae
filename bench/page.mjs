// Page budgets of the release build in dist/, served as a host that sends the build's
// precompressed copies does (brotli):
//
// - first load: every file a cold load fetches before its first sentence is on screen, whatever
//   its kind, with its raw, gzip and brotli sizes; what is fetched after (the on-demand chunks, the
//   service worker and its precache) apart; and the wasm that an unsplit build would send instead
//   (the module standalone.html carries), to weigh the split;
// - time to the first sentence on cold loads, beside a page that renders the same article
//   client-side with a few lines of inline script, loaded in turn with it in the same run;
// - standalone.html: its size on disk, and its time to the first sentence from file://.
//
// Prints figures beside their budgets; judging them is for the reader.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

import { brotli, compressAll, gzip } from '../scripts/lib/compress.mjs';
import { EMBEDDED_ID, unescapeBytes } from '../scripts/lib/embed.mjs';
import { DIST, ROOT, launch, requestedBeforeFirstSentence, serve, watchFirstSentence } from '../tests/e2e/support.mjs';
import { record } from './report.mjs';

const KB = 1024;
const FIRST_LOAD_BUDGET_KB = 200;
const TIME_RATIO_BUDGET = 3;
const STANDALONE_BUDGET_KB = 450;
const STANDALONE = 'standalone.html';
const RUNS = 21;
// Long enough for the chunks and the service worker's precache to arrive from localhost.
const SETTLE_MS = 3000;

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const sizes = async (file, body) => ({ file, raw: body.length, gzip: (await gzip(body)).length, brotli: brotli(body).length });
const sizesOf = (dir) => async (file) => sizes(file, await readFile(join(dir, file)));

/**
 * The baseline: the same article rendered client-side by a few lines of inline script, one
 * element per sentence, with the app's stylesheet. What any page that shows this text from script
 * costs, on this machine, today.
 */
async function baselinePage() {
  const dir = await mkdtemp(join(tmpdir(), 'scholia-baseline-'));
  const article = await readFile(join(ROOT, 'articles/assad-flees-damascus.txt'), 'utf8');
  const stylesheet = (await readFile(join(DIST, 'index.html'), 'utf8')).match(/href="?\.?\/?(style-[^"\s>]+\.css)/)?.[1];
  if (stylesheet) await writeFile(join(dir, 'style.css'), await readFile(join(DIST, stylesheet)));
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title>
<link rel="stylesheet" href="style.css"></head><body><main></main>
<script type="application/json" id="article">${JSON.stringify(article).replace(/</g, '\\u003c')}</script>
<script>
const [headline, ...blocks] = JSON.parse(document.getElementById('article').textContent).split(/\\n\\s*\\n/);
let sid = 0;
const block = (tag, text) => {
  const element = document.createElement(tag);
  for (const sentence of text.match(/[^.!?]+[.!?]*\\s*/g) ?? []) {
    const span = element.appendChild(document.createElement('span'));
    span.dataset.sid = sid++;
    span.textContent = sentence;
  }
  document.querySelector('main').append(element);
};
block('h1', headline);
for (const text of blocks) block('p', text);
</script></body></html>`,
  );
  await compressAll(dir);
  return dir;
}

/** The files of `dir` that a cold load of `url` fetches before and after its first sentence. */
async function transfers(browser, url, dir = DIST) {
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
    before: await Promise.all([...before].sort().map(sizesOf(dir))),
    after: await Promise.all([...after].sort().map(sizesOf(dir))),
  };
}

const total = (rows, key) => rows.reduce((sum, row) => sum + row[key], 0);
const SECTION = 'Page load (release build, headless Chromium, localhost)';
const sizeDetail = (row) => `raw ${kb(row.raw)}, gzip ${kb(row.gzip)}`;

function table(rows) {
  for (const { file, raw, gzip, brotli } of rows) {
    console.log(`  ${file.padEnd(44)} ${kb(raw).padStart(10)} raw ${kb(gzip).padStart(9)} gzip ${kb(brotli).padStart(9)} brotli`);
  }
}

/** The unsplit wasm that standalone.html carries, gzipped, in its data block (embed.mjs). */
async function unsplitModule() {
  const html = await readFile(join(DIST, STANDALONE));
  const open = Buffer.from(`<script type="application/octet-stream" id="${EMBEDDED_ID}">`);
  const start = html.indexOf(open);
  const end = html.indexOf('</script>', start);
  if (start < 0 || end < 0) return undefined;
  return sizes('the unsplit module', gunzipSync(unescapeBytes(html.subarray(start + open.length, end))));
}

/**
 * Milliseconds from navigation to the first sentence element (annotatable) in a fresh context;
 * with `painted`, to the first paint, when a page that paints its text before its script runs
 * (index.html's copy of the first screen) shows it.
 */
async function firstSentence(browser, url, { repeat = false, painted = false } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watchFirstSentence);
  if (repeat) {
    await page.goto(url);
    await page.evaluate(() => navigator.serviceWorker.ready);
  }
  await page.goto(url);
  await page.waitForFunction(() => window.__firstSentenceAt !== undefined);
  const at = await page.evaluate((painted) => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return painted && paint ? Math.min(paint.startTime, window.__firstSentenceAt) : window.__firstSentenceAt;
  }, painted);
  await context.close();
  return at;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${median(values).toFixed(0)} ms (best ${sorted[0].toFixed(0)}, worst ${sorted.at(-1).toFixed(0)})`;
};

const standalone = (await readFile(join(DIST, STANDALONE))).length;
const baselineDir = await baselinePage();
const server = await serve();
const baselineServer = await serve({ dir: baselineDir });
const browser = await launch();
try {
  const { before, after } = await transfers(browser, server.url);
  const baselineLoad = await transfers(browser, baselineServer.url, baselineDir);
  console.log('first load: what a cold load fetches before its first sentence shows:');
  table(before);
  const firstLoad = total(before, 'brotli');
  console.log(
    `  total: ${kb(firstLoad)} brotli (budget ${FIRST_LOAD_BUDGET_KB} KB), ${kb(total(before, 'gzip'))} gzip, ` +
      `${kb(total(before, 'raw'))} raw`,
  );
  for (const row of before) record({ section: SECTION, figure: `first load: ${row.file}, brotli`, value: row.brotli / KB, unit: 'KB', detail: sizeDetail(row) });
  const sum = (rows) => ({ raw: total(rows, 'raw'), gzip: total(rows, 'gzip'), brotli: total(rows, 'brotli') });
  record({
    section: SECTION,
    figure: `first load: all ${before.length} files before the first sentence, brotli`,
    value: firstLoad / KB,
    unit: 'KB',
    baseline: { name: 'inline-script page', value: total(baselineLoad.before, 'brotli') / KB },
    budget: { max: FIRST_LOAD_BUDGET_KB },
    detail: sizeDetail(sum(before)),
  });
  const split = before.find((row) => row.file.endsWith('_bg.wasm'));
  const unsplit = await unsplitModule();
  if (split && unsplit) {
    console.log(
      `  the split's first-load module ${kb(split.brotli)} brotli; unsplit, the module would be ` +
        `${kb(unsplit.brotli)} brotli (${kb(unsplit.brotli - split.brotli)} more before the first sentence)`,
    );
  }
  console.log('fetched after the first sentence (on-demand chunks, the service worker and its precache; each file once):');
  table(after);
  console.log(`  total: ${kb(total(after, 'brotli'))} brotli, ${kb(total(after, 'gzip'))} gzip`);
  record({ section: SECTION, figure: `after the first sentence: ${after.length} files (chunks, service worker, precache), brotli`, value: total(after, 'brotli') / KB, unit: 'KB', detail: sizeDetail(sum(after)) });

  // In turn, each first every other time, so that both see the same machine at the same moments.
  const app = [];
  const baseline = [];
  for (let i = 0; i < RUNS; i++) {
    const pair = [
      async () => app.push(await firstSentence(browser, server.url)),
      async () => baseline.push(await firstSentence(browser, baselineServer.url)),
    ];
    for (const load of i % 2 ? pair.reverse() : pair) await load();
  }
  const ratio = median(app) / median(baseline);
  console.log(`time to the first sentence, cold, headless Chromium, localhost, brotli, ${RUNS} loads each:`);
  console.log(`  Scholia: ${spread(app)}`);
  console.log(`  the same article rendered by a few lines of inline script: ${spread(baseline)}`);
  console.log(`  ratio: ${ratio.toFixed(2)}x (budget ${TIME_RATIO_BUDGET}x)`);
  const shownApp = [];
  const shownBaseline = [];
  for (let i = 0; i < RUNS; i++) {
    shownApp.push(await firstSentence(browser, server.url, { painted: true }));
    shownBaseline.push(await firstSentence(browser, baselineServer.url, { painted: true }));
  }
  console.log(`  first sentence on screen (the first paint): Scholia ${spread(shownApp)}; inline-script page ${spread(shownBaseline)}`);
  const again = [];
  for (let i = 0; i < 7; i++) again.push(await firstSentence(browser, server.url, { repeat: true }));
  console.log(`  Scholia on a second visit, from the service worker: ${spread(again)}`);
  record({ section: SECTION, figure: `first sentence on screen, cold (median of ${RUNS})`, value: median(shownApp), unit: 'ms', baseline: { name: 'inline-script page', value: median(shownBaseline) }, detail: 'painted from index.html before the app starts' });
  record({ section: SECTION, figure: 'first sentence on screen ÷ the inline-script page', value: median(shownApp) / median(shownBaseline), unit: 'x', budget: { max: TIME_RATIO_BUDGET } });
  record({ section: SECTION, figure: `time to the first sentence, cold (median of ${RUNS})`, value: median(app), unit: 'ms', baseline: { name: 'inline-script page', value: median(baseline) }, detail: 'annotatable: the app has started' });
  record({ section: SECTION, figure: 'time to the first sentence ÷ the inline-script page', value: ratio, unit: 'x', budget: { max: TIME_RATIO_BUDGET } });
  record({ section: SECTION, figure: 'time to the first sentence, second visit (service worker)', value: median(again), unit: 'ms' });

  console.log(`standalone file (${STANDALONE}): ${kb(standalone)} on disk (budget ${STANDALONE_BUDGET_KB} KB)`);
  const opened = [];
  for (let i = 0; i < 7; i++) opened.push(await firstSentence(browser, pathToFileURL(join(DIST, STANDALONE)).href));
  console.log(`  time to the first sentence from file://: ${spread(opened)}`);
  record({ section: SECTION, figure: `${STANDALONE}, on disk`, value: standalone / KB, unit: 'KB', budget: { max: STANDALONE_BUDGET_KB } });
  record({ section: SECTION, figure: `${STANDALONE}, time to the first sentence from file://`, value: median(opened), unit: 'ms' });
} finally {
  await browser.close();
  await server.close();
  await baselineServer.close();
  await rm(baselineDir, { recursive: true, force: true });
}
