// Annotation budgets on a long article: 5,000 sentences with 1,000 annotations. Prints the time
// from a key press to the highlight on the page (p50/p95), the time a save takes, and the stored
// size per annotation.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, launch, serve } from '../tests/e2e/support.mjs';

const SENTENCES = 5000;
const ANNOTATIONS = 1000;
const MEASURED_PRESSES = 200;
const NOTED = 20;
const SHORT_NOTE = 'Check this against the second source.';

/** The seed article's body paragraphs, repeated `rounds` times under one headline. */
async function repeatedArticle(rounds) {
  const seed = await readFile(join(ROOT, 'articles/assad-flees-damascus.txt'), 'utf8');
  const body = seed.split('\n\n').slice(1, -3).filter((p) => /[.!?”]$/.test(p.trim()));
  return `A long article for the benchmark\n\n${Array(rounds).fill(body.join('\n\n')).join('\n\n')}\n`;
}

/** Opens `text` as the article and resolves to its sentence count once rendered. */
async function openArticle(page, text) {
  await page.locator('#open-article').setInputFiles({ name: 'bench.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction((headline) => document.querySelector('h1')?.textContent === headline && document.querySelector('[data-sid]'), 'A long article for the benchmark');
  return page.locator('[data-sid]').count();
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
  // One round tells how many sentences a round of the seed makes; then the long one.
  const perRound = (await openArticle(page, await repeatedArticle(1))) - 1;
  const sentences = await openArticle(page, await repeatedArticle(Math.ceil((SENTENCES - 1) / perRound)));

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
  const size = () => page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => /^scholia:annotations:/.test(k));
    return new TextEncoder().encode(localStorage.getItem(key)).length;
  });
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
