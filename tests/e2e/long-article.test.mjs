// A book-length article (1 MB of Markdown, about 7,000 sentences) opened with "Open article…":
// every sentence reaches the DOM, though the blocks off screen are not laid out, so the browser's
// own find-in-page reaches its last chapter, and a sentence found there can be annotated, and is
// marked when the article is opened again.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LONG_HEADLINE, longArticle, openReader, servedBrowser } from './support.mjs';

const env = servedBrowser();

test("the page's find reaches a sentence of the last chapter, which is then annotated", async () => {
  const text = await longArticle();
  const chapters = text.match(/^## Chapter /gm).length;
  const { page, errors } = await openReader(env);
  await page.setInputFiles('#open-article', { name: 'long-report.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await page.waitForFunction((headline) => document.querySelector('main h1')?.textContent === headline, LONG_HEADLINE);
  await page.waitForFunction((n) => document.querySelectorAll('main h2').length === n, chapters, { timeout: 30_000 });

  // The browser's find, as Ctrl+F drives it, from the headline on: the last chapter's heading,
  // then onwards from it.
  const found = await page.evaluate(({ headline, last }) => {
    const find = (text) => (window.find(text, true) ? Number(getSelection().anchorNode.parentElement.closest('[data-sid]')?.dataset.sid) : null);
    const top = find(headline);
    const heading = find(last);
    const sentence = find('The International Committee of Red Cross');
    getSelection().removeAllRanges();
    return { top, heading, sentence, total: document.querySelectorAll('main [data-sid]').length };
  }, { headline: LONG_HEADLINE, last: `Chapter ${chapters}` });
  assert.equal(found.top, 0, 'the headline is sentence 0');
  assert.ok(found.total > 6000, `${found.total} sentences`);
  assert.ok(found.heading > found.total - 40, `the last chapter's heading is sentence ${found.heading} of ${found.total}`);
  assert.ok(found.sentence > found.heading, `found sentence ${found.sentence}, after the heading`);

  const sentence = page.locator(`main [data-sid="${found.sentence}"]`);
  await sentence.click();
  await page.keyboard.press('h');
  await page.waitForSelector(`main [data-sid="${found.sentence}"][data-annotated]`);
  const id = await sentence.getAttribute('data-annotation-ids');
  assert.equal(await page.locator(`.panel [data-annotation-id="${id}"]`).count(), 1, 'listed in the panel');

  // Opened again from the library, the sentence far down gets its mark when its slice arrives.
  await page.waitForTimeout(600);
  await page.reload();
  await page.waitForSelector(`main [data-sid="${found.sentence}"][data-annotation-ids="${id}"]`, { timeout: 30_000 });
  assert.equal(await page.locator('main [data-annotated]').count(), 1);
  assert.deepEqual(errors, []);
});
