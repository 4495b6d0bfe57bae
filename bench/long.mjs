// Opening a book-length article (1 MB of Markdown, about 7,000 sentences) with "Open article…" in
// the release build: the time from the file's choice to the first screen of it, the longest task
// meanwhile and the total blocking time (the web's long tasks: over 50 ms), the time until every
// sentence is on the page, and the JS heap (after a garbage collection) and wasm memory after.
// Beside it, from the same run: the inline-script page of bench/baseline.mjs opening the same
// file.

import { LONG_HEADLINE, launch, longArticle, serve } from '../tests/e2e/support.mjs';
import { gotoBaseline } from './baseline.mjs';
import { record } from './report.mjs';

const FIRST_SCREEN_BUDGET_MS = 300;
const LONG_TASK_MS = 50;
const RUNS = 5;

const markdown = Buffer.from(await longArticle());

/** Before the page's own script: records long tasks, and the wasm memory of the app's module. */
function watch() {
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
  const keep = (result) => {
    const memory = (result.instance ?? result).exports?.memory;
    if (memory instanceof WebAssembly.Memory) window.__wasmMemory ??= memory;
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
}

/** Opens the long article in `page` and measures it; `sentences` is how many it should show. */
async function open(page) {
  await page.evaluate((headline) => {
    window.__opened = {};
    document.querySelector('#open-article').addEventListener('change', () => {
      const start = performance.now();
      window.__opened.start = start;
      const shown = () => [...document.querySelectorAll('main h1')].some((h) => h.textContent.includes(headline));
      new MutationObserver((_, observer) => {
        if (window.__opened.firstScreen === undefined && shown() && document.querySelector('main [data-sid]')) {
          // The first screen is painted at the next frame after it is in the DOM.
          window.__opened.firstScreen = -1;
          requestAnimationFrame(() => setTimeout(() => { window.__opened.firstScreen = performance.now() - start; }));
          observer.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, { once: true, capture: true });
  }, LONG_HEADLINE);
  await page.setInputFiles('#open-article', { name: 'long-report.md', mimeType: 'text/markdown', buffer: markdown });
  await page.waitForFunction(() => window.__opened.firstScreen > 0, null, { timeout: 60_000 });
  // Every sentence on the page: as many as the last chapter's last sentence says, then quiet.
  await page.waitForFunction(() => {
    const sentences = document.querySelectorAll('main [data-sid]');
    const last = sentences[sentences.length - 1];
    if (!last || !document.querySelector('main h2:last-of-type')?.textContent.startsWith('Chapter')) return false;
    if (window.__opened.count !== sentences.length) {
      window.__opened.count = sentences.length;
      window.__opened.settledAt = performance.now();
      return false;
    }
    return performance.now() - window.__opened.settledAt > 1000;
  }, null, { timeout: 60_000, polling: 100 });
  // Memory is what stays: collected first, as a page left open for a while would be.
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('HeapProfiler.collectGarbage');
  await devtools.detach();
  return page.evaluate((limit) => {
    const { start, firstScreen, settledAt, count } = window.__opened;
    // Only tasks that began after the choice: the one before it is the test driver handing the
    // file to the page.
    const tasks = window.__longTasks.filter((t) => t.start >= start);
    return {
      firstScreen,
      allSentences: settledAt - start,
      count,
      longest: Math.max(0, ...tasks.map((t) => t.duration)),
      blocking: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - limit), 0),
      heap: performance.memory?.usedJSHeapSize,
      wasm: window.__wasmMemory?.buffer.byteLength,
    };
  }, LONG_TASK_MS);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (v) => `${v.toFixed(0)} ms`;
const mb = (v) => (v === undefined ? 'n/a' : `${(v / 2 ** 20).toFixed(1)} MB`);

const server = await serve();
const browser = await launch();
const results = { app: [], baseline: [] };
try {
  for (let run = 0; run < RUNS; run++) {
    for (const which of ['app', 'baseline']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(watch);
      if (which === 'app') {
        await page.goto(server.url);
        await page.waitForSelector('[data-sid]');
        // The readers of Markdown arrive in the background after the first load; wait for them
        // as a reader who opens a file a few seconds after the page would.
        await page.waitForTimeout(2500);
      } else {
        await gotoBaseline(page, server.url);
      }
      results[which].push(await open(page));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const summary = (runs) => {
  const pick = (key) => median(runs.map((r) => r[key]));
  return { firstScreen: pick('firstScreen'), allSentences: pick('allSentences'), longest: pick('longest'), blocking: pick('blocking'), count: runs[0].count, heap: runs.at(-1).heap, wasm: runs.at(-1).wasm };
};
const app = summary(results.app);
const baseline = summary(results.baseline);
console.log(`opening a ${(markdown.length / 2 ** 20).toFixed(2)} MB Markdown article (${app.count} sentences) with "Open article…", median of ${RUNS}:`);
for (const [what, r] of [['Scholia', app], ['inline script (baseline)', baseline]]) {
  console.log(
    `  ${what.padEnd(25)} first screen ${ms(r.firstScreen).padStart(7)}, every sentence ${ms(r.allSentences).padStart(7)}, ` +
      `longest task ${ms(r.longest).padStart(6)}, total blocking ${ms(r.blocking).padStart(6)}; JS heap ${mb(r.heap)}${r.wasm ? `, wasm memory ${mb(r.wasm)}` : ''}`,
  );
}
const SECTION = `A ${(markdown.length / 2 ** 20).toFixed(0)} MB article (${app.count} sentences) opened with "Open article…" (median of ${RUNS})`;
const baselineName = 'inline-script page';
const figure = (name, key, unit, budget, scale = 1) =>
  record({ section: SECTION, figure: name, value: app[key] / scale, unit, baseline: baseline[key] === undefined ? undefined : { name: baselineName, value: baseline[key] / scale }, budget });
figure('first screen after the file is chosen', 'firstScreen', 'ms', { max: FIRST_SCREEN_BUDGET_MS });
figure(`longest task while it opens`, 'longest', 'ms', { max: LONG_TASK_MS });
figure('total blocking time', 'blocking', 'ms');
figure('every sentence on the page', 'allSentences', 'ms');
figure('JS heap after', 'heap', 'MB', undefined, 2 ** 20);
if (app.wasm) record({ section: SECTION, figure: 'wasm memory after', value: app.wasm / 2 ** 20, unit: 'MB' });
const over = app.firstScreen > FIRST_SCREEN_BUDGET_MS || app.longest > LONG_TASK_MS;
console.log(`  budgets: first screen ≤ ${FIRST_SCREEN_BUDGET_MS} ms, no task over ${LONG_TASK_MS} ms${over ? '  OVER A BUDGET' : ''}`);
process.exitCode = over ? 1 : 0;
