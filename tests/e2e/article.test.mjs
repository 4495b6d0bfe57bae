// The built site shows the default article as annotatable sentences.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, launch, openPage, serve } from './support.mjs';

const HEADLINE = 'Bashar al-Assad has fled Damascus. Rebels enter presidential palace';
const WHOLE_SENTENCES = [
  'Syrian President Bashar al-Assad has left Damascus on a plane for an unknown destination, Reuters news agency reported, citing two senior Syrian officials.',
  'The opposition is announcing the end of a “dark era” as rebel forces entered the Syrian capital and declared Damascus liberated.',
  'In power since 2000, Bashar al-Assad fled Damascus.',
  'Since 1967, the ICRC has served communities in Syria.',
];

let server, browser, page, errors;

before(async () => {
  server = await serve();
  browser = await launch();
  ({ page, errors } = await openPage(browser, server.url));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('the default article', () => {
  test('the headline is the only h1 and names the tab', async () => {
    assert.deepEqual(await page.locator('h1').allTextContents(), [HEADLINE]);
    assert.match(await page.title(), /^Bashar al-Assad has fled Damascus/);
  });

  test('the headline and subheadings are annotatable sentences', async () => {
    assert.equal(await page.locator('h1 [data-sid]').count(), 2);
    assert.equal(await page.locator('h1 [data-sid="0"]').textContent(), 'Bashar al-Assad has fled Damascus.');
    const subheadings = await page.locator('.article .slice > h2').allTextContents();
    assert.deepEqual(subheadings, [
      'Assad’s plane reportedly disappeared from radar',
      'ICRC is calling for safe humanitarian access and protection of civilians',
    ]);
    assert.equal(await page.locator('.article .slice > h2 [data-sid]').count(), 2);
  });

  test('every sentence has a data-sid numbered in document order from 0', async () => {
    const sids = await page.locator('[data-sid]').evaluateAll((els) => els.map((e) => e.dataset.sid));
    // Headline 2, subheadings 2, body 28, the reader comment 2.
    assert.equal(sids.length, 34);
    assert.deepEqual(sids, sids.map((_, i) => String(i)));
  });

  test('known sentences are whole: one data-sid each', async () => {
    const texts = await page.locator('[data-sid]').allTextContents();
    for (const sentence of WHOLE_SENTENCES) {
      assert.ok(texts.includes(sentence), `not one sentence: ${sentence}`);
    }
  });

  test('sentences keep their exact source text', async () => {
    const source = await readFile(join(ROOT, 'articles/assad-flees-damascus.txt'), 'utf8');
    const texts = await page.locator('[data-sid]').allTextContents();
    let from = 0;
    for (const text of texts) {
      const at = source.indexOf(text, from);
      assert.ok(at >= from, `not found in order in the source: ${text}`);
      from = at + text.length;
    }
  });

  test('the tag line and the comments are set apart from the prose', async () => {
    assert.deepEqual(await page.locator('.tag-line .tag').allTextContents(), [
      'Damascus',
      'fled',
      'rebels',
      'Syria',
      'Syrian President Bashar al-Assad',
    ]);
    assert.equal(await page.locator('.article .slice > p', { hasText: 'Damascusfled' }).count(), 0);
    assert.equal(await page.locator('.comments h2').textContent(), 'Comments (1)');
    assert.equal(await page.locator('.comments .comment-author').textContent(), 'Panagiotis Spyridis');
    assert.equal(await page.locator('.comments', { hasText: 'Add Comment' }).count(), 0);
  });

  test('the console has no errors', () => {
    assert.deepEqual(errors, []);
  });
});
