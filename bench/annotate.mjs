// Annotation budgets on a book-length article: 1 MB of Markdown (about 7,000 sentences) with
// 1,000 annotations. Prints the time
// from a key press to the highlight on the page (p50/p95), the time a save takes, and the stored
// size per annotation.

import { LONG_HEADLINE, launch, longArticle, serve } from '../tests/e2e/support.mjs';

const ANNOTATIONS = 1000;
const MEASURED_PRESSES = 200;
const NOTED = 20;
const SHORT_NOTE = 'Check this against the second source.';

/** Opens `text` as the article and resolves to its sentence count once rendered. */
async function openArticle(page, text) {
  const chapters = text.match(/^## Chapter /gm).length;
  await page.locator('#open-article').setInputFiles({ name: 'long-report.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await page.waitForFunction(({ headline, chapters }) => document.querySelector('main h1')?.textContent === headline && document.querySelectorAll('main h2').length === chapters, { headline: LONG_HEADLINE, chapters }, { timeout: 30_000 });
  // The marks of sentences after the first slice are applied in the task after the last slice.
  await page.waitForTimeout(100);
  return page.locator('main [data-sid]').count();
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (v) => `${v.toFixed(2)} ms`;

const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    // Key press → highlight: the press is stamped before the app sees it (capture phase); the
    // highlight when the sentence gains data-annotated, and again at the next frame.
    window.__latencies = [];
    window.addEventListener('keydown', (e) => { if (e.key === 'h') window.__pressedAt = performance.now(); }, true);
    new MutationObserver((records) => {
      if (window.__pressedAt === undefined) return;
      if (!records.some((r) => r.attributeName === 'data-annotated' && r.target.hasAttribute('data-annotated'))) return;
      const pressed = window.__pressedAt;
      window.__pressedAt = undefined;
      const dom = performance.now() - pressed;
      requestAnimationFrame(() => window.__latencies.push({ dom, frame: performance.now() - pressed }));
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-annotated'] });
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-sid]');
  const sentences = await openArticle(page, await longArticle());

  // 1,000 annotations, made the way a reader makes them: focus a sentence, press h.
  const step = Math.floor(sentences / (ANNOTATIONS + MEASURED_PRESSES + NOTED));
  await page.evaluate(async ({ count, step }) => {
    for (let i = 0; i < count; i++) {
      document.querySelector(`[data-sid="${i * step}"]`).focus();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'h' }));
      await new Promise((r) => setTimeout(r));
    }
  }, { count: ANNOTATIONS, step });
  await page.waitForFunction((n) => document.querySelectorAll('[data-annotation-id]').length >= n, ANNOTATIONS);
  await page.evaluate(() => { window.__latencies = []; performance.clearMeasures('scholia:save'); });

  for (let i = ANNOTATIONS; i < ANNOTATIONS + MEASURED_PRESSES; i++) {
    await page.evaluate((sid) => document.querySelector(`[data-sid="${sid}"]`).focus(), i * step);
    await page.keyboard.press('h');
    await page.waitForFunction((n) => window.__latencies.length >= n, i - ANNOTATIONS + 1);
  }
  const latencies = await page.evaluate(() => window.__latencies);

  // Stored size with a short note: the growth of the stored value per noted annotation.
  await page.waitForTimeout(600);
  // The long article's entry: the largest of the annotation entries (the default article has one
  // too).
  const size = () => page.evaluate(() =>
    Math.max(...Object.keys(localStorage)
      .filter((k) => /^scholia:annotations:/.test(k))
      .map((k) => new TextEncoder().encode(localStorage.getItem(k)).length)),
  );
  const before = await size();
  for (let i = 0; i < NOTED; i++) {
    const sid = (ANNOTATIONS + MEASURED_PRESSES + i) * step;
    await page.evaluate((sid) => document.querySelector(`[data-sid="${sid}"]`).focus(), sid);
    await page.keyboard.press('n');
    await page.locator('#note-text').fill(SHORT_NOTE);
    await page.keyboard.press('Control+Enter');
    await page.locator('#note-text').waitFor({ state: 'detached' });
  }
  await page.waitForTimeout(600);
  const after = await size();
  const saves = await page.evaluate(() => performance.getEntriesByName('scholia:save').map((e) => e.duration));
  const total = await page.locator('[data-annotation-id]').count();

  console.log(`article: ${sentences} sentences; annotations at the end: ${total}`);
  console.log(
    `key press → highlight (${latencies.length} presses with ${ANNOTATIONS}+ annotations): ` +
      `DOM p50 ${ms(percentile(latencies.map((l) => l.dom), 50))}, p95 ${ms(percentile(latencies.map((l) => l.dom), 95))}; ` +
      `next frame p50 ${ms(percentile(latencies.map((l) => l.frame), 50))}, p95 ${ms(percentile(latencies.map((l) => l.frame), 95))} (budget p95 16 ms)`,
  );
  console.log(
    `save (merge with stored + encode + localStorage write, ${saves.length} saves): ` +
      `p50 ${ms(percentile(saves, 50))}, p95 ${ms(percentile(saves, 95))}, max ${ms(Math.max(...saves))} (budget 5 ms)`,
  );
  console.log(
    `stored size: ${(after / total).toFixed(0)} bytes per annotation on average (${total} annotations, ${after} bytes); ` +
      `${((after - before) / NOTED).toFixed(0)} bytes per annotation with a short note (budget 400)`,
  );
} finally {
  await browser.close();
  await server.close();
}
