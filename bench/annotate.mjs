// Annotating a book-length article (1 MB of Markdown, about 7,000 sentences) with 1,000
// annotations on it, in the release build, beside the inline-script page of bench/baseline.mjs
// doing the least a highlight can: marking the sentence and listing it. Prints:
//
// - key press → highlight on screen, pressed at the start of a frame: the work the press costs
//   (handling, style, layout, paint) until the frame that shows it, p50/p95;
// - real key presses → the next frame: the same, plus the wait for the display's next frame,
//   which is up to one frame (16.7 ms at 60 Hz) whatever the page does;
// - the panel's search and label filter with 1,000+ annotations, to the frame that shows them;
// - the time a save takes (merge with what is stored, encode, localStorage write: mostly the
//   journal of what changed, sometimes the whole entry), beside localStorage writing the whole
//   entry alone; and the stored bytes per annotation.

import { LONG_HEADLINE, launch, longArticle, serve } from '../tests/e2e/support.mjs';
import { gotoBaseline } from './baseline.mjs';
import { record } from './report.mjs';

const ANNOTATIONS = 1000;
const ALIGNED_PRESSES = 200;
const REAL_PRESSES = 100;
const FILTER_ROUNDS = 20;
const NOTED = 20;
const SHORT_NOTE = 'Check this against the second source.';
const FRAME_BUDGET_MS = 16;
const SAVE_BUDGET_MS = 5;
const STORED_BUDGET_BYTES = 400;
const SECTION = `Annotating the 1 MB article with ${ANNOTATIONS.toLocaleString('en-US')}+ annotations`;

// The baseline's highlight and panel: the attributes the app sets, one list item per highlight,
// and a search that hides the items whose text lacks the query.
const BASELINE_SCRIPT = `
const list = document.body.appendChild(document.createElement('ol'));
list.className = 'annotation-list';
const search = document.body.appendChild(document.createElement('input'));
search.id = 'annotation-search';
search.addEventListener('input', () => {
  for (const item of list.children) item.hidden = !item.textContent.includes(search.value);
});
window.addEventListener('keydown', (event) => {
  const sentence = document.activeElement;
  if (event.key !== 'h' || !sentence?.dataset.sid) return;
  sentence.dataset.annotated = '1';
  sentence.dataset.label = '0';
  sentence.dataset.annotationIds = 'a' + sentence.dataset.sid;
  list.appendChild(document.createElement('li')).textContent = sentence.textContent;
});`;

/** Opens `text` as the article in `page` and resolves to its sentence count once rendered. */
async function openArticle(page, text) {
  const chapters = text.match(/^## Chapter /gm).length;
  await page.locator('#open-article').setInputFiles({ name: 'long-report.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await page.waitForFunction(({ headline, chapters }) => document.querySelector('main h1')?.textContent === headline && document.querySelectorAll('main h2').length === chapters, { headline: LONG_HEADLINE, chapters }, { timeout: 30_000 });
  // The marks of sentences after the first slice are applied in the task after the last slice.
  await page.waitForTimeout(100);
  return page.locator('main [data-sid]').count();
}

/**
 * In the page: runs `action` at the start of a frame and resolves to the milliseconds until the
 * first DOM change `changed` accepts (`dom`) and until the frame that shows it has been rendered
 * (`painted`: the task after that frame's rendering).
 */
function installFrameTimer() {
  window.__inFrame = (action, changed) =>
    new Promise((resolve) => {
      requestAnimationFrame(() => {
        const start = performance.now();
        let dom;
        let rendered;
        const afterRendering = (then) => setTimeout(() => then(performance.now() - start));
        new MutationObserver((records, observer) => {
          if (!changed(records)) return;
          observer.disconnect();
          dom = performance.now() - start;
          // Changed after this frame was rendered: it shows in the next one.
          if (rendered !== undefined) requestAnimationFrame(() => afterRendering((painted) => resolve({ dom, painted })));
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        afterRendering((at) => {
          rendered = at;
          if (dom !== undefined) resolve({ dom, painted: at });
        });
        action();
      });
    });
  window.__highlightInFrame = async (sid) => {
    const sentence = document.querySelector(`[data-sid="${sid}"]`);
    sentence.focus();
    // Focus may scroll: the frames that show the scroll pass first.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return window.__inFrame(
      () => sentence.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', bubbles: true })),
      () => sentence.hasAttribute('data-annotated'),
    );
  };
  // Sets a panel control's value at a frame's start, timed to the frame that shows the list
  // changed.
  window.__filterInFrame = (selector, event, value) => {
    const control = document.querySelector(selector);
    return window.__inFrame(() => {
      control.value = value;
      control.dispatchEvent(new Event(event, { bubbles: true }));
    }, (records) => records.some((r) => (r.target.closest ? r.target : r.target.parentElement)?.closest('.annotation-list')));
  };
  // Real key presses: stamped before the page sees them (capture phase), measured to the next
  // frame after the sentence is marked.
  window.__pressed = [];
  window.addEventListener('keydown', (e) => { if (e.key === 'h' && e.isTrusted) window.__pressedAt = performance.now(); }, true);
  new MutationObserver(() => {
    const pressed = window.__pressedAt;
    if (pressed === undefined || !document.activeElement?.hasAttribute('data-annotated')) return;
    window.__pressedAt = undefined;
    requestAnimationFrame(() => window.__pressed.push(performance.now() - pressed));
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-annotated'] });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v) => `${v.toFixed(1)} ms`;
const p50p95 = (values) => `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}`;

/** Annotates, presses and filters in `page` (the app or the baseline); returns the figures. */
async function measure(page, { app }) {
  const sentences = await openArticle(page, await longArticle());
  const step = Math.floor(sentences / (ANNOTATIONS + ALIGNED_PRESSES + REAL_PRESSES + NOTED));
  // 1,000 annotations, made the way a reader makes them: focus a sentence, pick a label, press h.
  await page.evaluate(async ({ count, step }) => {
    for (let i = 0; i < count; i++) {
      const sentence = document.querySelector(`[data-sid="${i * step}"]`);
      sentence.focus();
      sentence.dispatchEvent(new KeyboardEvent('keydown', { key: String(1 + (i % 5)), bubbles: true }));
      sentence.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', bubbles: true }));
      await new Promise((r) => setTimeout(r));
    }
  }, { count: ANNOTATIONS, step });
  await page.waitForFunction((n) => document.querySelectorAll('[data-annotated]').length >= n, ANNOTATIONS);
  await page.evaluate(() => performance.clearMeasures('scholia:save'));

  const aligned = [];
  let sid = ANNOTATIONS;
  for (let i = 0; i < ALIGNED_PRESSES; i++, sid++) aligned.push(await page.evaluate((s) => window.__highlightInFrame(s), sid * step));
  for (let i = 0; i < REAL_PRESSES; i++, sid++) {
    await page.evaluate((s) => document.querySelector(`[data-sid="${s}"]`).focus(), sid * step);
    await page.keyboard.press('h');
    await page.waitForFunction((n) => window.__pressed.length >= n, i + 1);
  }
  const real = await page.evaluate(() => window.__pressed);

  // The panel: a search that matches some annotations, then cleared; in the app, a label filter.
  const filter = (selector, event, value) =>
    page.evaluate((args) => window.__filterInFrame(...args), [selector, event, value]);
  const filtering = { search: [], label: [] };
  for (let i = 0; i < FILTER_ROUNDS; i++) {
    for (const query of ['rebels', '']) filtering.search.push(await filter('#annotation-search', 'input', query));
    if (!app) continue;
    for (const label of ['2', '']) filtering.label.push(await filter('#filter-label', 'change', label));
  }
  const figures = { sentences, aligned, real, filtering };
  if (!app) return figures;

  // Saving: the app's saves so far, then the stored size with a short note (the growth of the
  // stored value per noted annotation), then localStorage writing the whole entry alone.
  await page.waitForTimeout(600);
  const entry = () => page.evaluate(() => {
    const keys = Object.keys(localStorage).filter((k) => /^scholia:annotations:[0-9a-f]{16}$/.test(k));
    // The long article's entry: the largest (the default article has one too), with the journal
    // of the changes since it was last written whole.
    const key = keys.reduce((a, b) => (localStorage.getItem(a).length >= localStorage.getItem(b).length ? a : b));
    const bytes = (k) => new TextEncoder().encode(localStorage.getItem(k) ?? '').length;
    return { key, bytes: bytes(key) + bytes(`${key}:journal`) };
  });
  const before = await entry();
  for (let i = 0; i < NOTED; i++, sid++) {
    await page.evaluate((s) => document.querySelector(`[data-sid="${s}"]`).focus(), sid * step);
    await page.keyboard.press('n');
    await page.locator('#note-text').fill(SHORT_NOTE);
    await page.keyboard.press('Control+Enter');
    await page.locator('#note-text').waitFor({ state: 'detached' });
  }
  await page.waitForTimeout(600);
  const after = await entry();
  figures.saves = await page.evaluate(() => performance.getEntriesByName('scholia:save').map((e) => e.duration));
  figures.writes = await page.evaluate((key) => {
    const value = localStorage.getItem(key);
    const times = [];
    for (let i = 0; i < 40; i++) {
      const start = performance.now();
      localStorage.setItem('scholia-bench:copy', value + i);
      times.push(performance.now() - start);
    }
    localStorage.removeItem('scholia-bench:copy');
    return times;
  }, after.key);
  figures.annotations = await page.locator('main [data-annotated]').count();
  figures.stored = { perAnnotation: after.bytes / figures.annotations, perNoted: (after.bytes - before.bytes) / NOTED, bytes: after.bytes };
  return figures;
}

const server = await serve();
const browser = await launch();
try {
  const context = await browser.newContext();
  const appPage = await context.newPage();
  await appPage.addInitScript(installFrameTimer);
  await appPage.goto(server.url);
  await appPage.waitForSelector('[data-sid]');
  const app = await measure(appPage, { app: true });
  const baselinePage = await (await browser.newContext()).newPage();
  await baselinePage.addInitScript(installFrameTimer);
  await gotoBaseline(baselinePage, server.url, BASELINE_SCRIPT);
  const baseline = await measure(baselinePage, { app: false });

  const painted = (f) => f.aligned.map((a) => a.painted);
  const dom = (f) => f.aligned.map((a) => a.dom);
  const search = (f) => f.filtering.search.map((a) => a.painted);
  const label = app.filtering.label.map((a) => a.painted);
  console.log(`article: ${app.sentences} sentences; annotations at the end: ${app.annotations}`);
  console.log(`key press → highlight on screen, pressed at a frame's start (${ALIGNED_PRESSES} presses): Scholia ${p50p95(painted(app))} (DOM ${p50p95(dom(app))}); inline script ${p50p95(painted(baseline))} (budget p95 ${FRAME_BUDGET_MS} ms)`);
  console.log(`real key presses → the next frame (${REAL_PRESSES} presses, with the wait for the display's frame): Scholia ${p50p95(app.real)}; inline script ${p50p95(baseline.real)}`);
  console.log(`panel search with ${ANNOTATIONS}+ annotations, to the frame that shows it: Scholia ${p50p95(search(app))}; inline script ${p50p95(search(baseline))}; label filter: Scholia ${p50p95(label)}`);
  console.log(`save (${app.saves.length} saves of ${(app.stored.bytes / 1024).toFixed(0)} KB): ${p50p95(app.saves)}, max ${ms(Math.max(...app.saves))}; localStorage writing the whole entry alone: ${p50p95(app.writes)} (budget ${SAVE_BUDGET_MS} ms)`);
  console.log(`stored size: ${app.stored.perAnnotation.toFixed(0)} bytes per annotation on average; ${app.stored.perNoted.toFixed(0)} bytes per annotation with a short note (budget ${STORED_BUDGET_BYTES})`);

  const row = (figure, value, unit, baselineValue, budget, detail) =>
    record({ section: SECTION, figure, value, unit, baseline: baselineValue === undefined ? undefined : { name: 'inline-script page', value: baselineValue }, budget, detail });
  row('key press → highlight on screen, p50', percentile(painted(app), 50), 'ms', percentile(painted(baseline), 50));
  row('key press → highlight on screen, p95', percentile(painted(app), 95), 'ms', percentile(painted(baseline), 95), { max: FRAME_BUDGET_MS }, `pressed at a frame's start; DOM p95 ${ms(percentile(dom(app), 95))}`);
  row('real key press → next frame, p95', percentile(app.real, 95), 'ms', percentile(baseline.real, 95), undefined, "includes the wait for the display's next frame");
  row('panel search → shown, p95', percentile(search(app), 95), 'ms', percentile(search(baseline), 95), { max: FRAME_BUDGET_MS });
  row('panel label filter → shown, p95', percentile(label, 95), 'ms', undefined, { max: FRAME_BUDGET_MS });
  record({ section: SECTION, figure: `save of ${(app.stored.bytes / 1024).toFixed(0)} KB, p95`, value: percentile(app.saves, 95), unit: 'ms', baseline: { name: 'localStorage.setItem of the whole entry', value: percentile(app.writes, 95) }, budget: { max: SAVE_BUDGET_MS }, detail: `${app.saves.length} saves, max ${ms(Math.max(...app.saves))}; 300 ms after the change, never in the key press's task` });
  row('stored bytes per annotation with a short note', app.stored.perNoted, 'B', undefined, { max: STORED_BUDGET_BYTES }, `${app.stored.perAnnotation.toFixed(0)} B on average without`);
} finally {
  await browser.close();
  await server.close();
}
