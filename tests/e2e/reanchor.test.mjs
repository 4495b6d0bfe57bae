// Annotations from elsewhere: files of other annotation tools (Hypothesis' export, Recogito's Web
// Annotations) imported into the default article, and an annotation that could not be placed
// placed on a sentence by hand, which undo takes back.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, openReader, servedBrowser } from './support.mjs';

const FIXTURES = join(ROOT, 'core/tests/data');
const env = servedBrowser();

const items = (page) => page.locator('.annotation-list:not(.unplaced) [data-annotation-id]');
const orphans = (page) => page.locator('[data-orphan]');
const dialog = (page) => page.getByRole('dialog');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

/** Imports a fixture file and returns the preview's summary line, before applying it. */
async function importFixture(page, name) {
  await page.setInputFiles('#import-file', join(FIXTURES, name));
  await page.waitForSelector('#import-heading');
  const summary = (await page.locator('.import-summary').textContent()).trim();
  const heading = (await page.locator('#import-heading').textContent()).trim();
  await button(dialog(page), 'Import').click();
  await page.waitForSelector('#import-heading', { state: 'detached' });
  return { summary, heading };
}

/** The quote and note of each placed annotation in the panel, with the sentences it marks. */
function placedAnnotations(page) {
  return items(page).evaluateAll((list) =>
    list.map((item) => ({
      id: item.dataset.annotationId,
      quote: item.querySelector('.quote')?.textContent ?? '',
      note: item.querySelector('.note')?.textContent ?? '',
      tags: [...item.querySelectorAll('.tag')].map((t) => t.textContent),
    })),
  );
}

describe("other tools' files", () => {
  test("a Hypothesis export: every highlight placed on its sentences, the page note kept, the reply counted", async () => {
    const { page, errors } = await openReader(env);
    const { summary } = await importFixture(page, 'hypothesis-export.json');
    assert.equal(summary, '5 new, 0 updated, 0 unchanged, 1 could not be placed, 1 reply not imported');
    const placed = await placedAnnotations(page);
    assert.equal(placed.length, 5);
    const noted = placed.find((a) => a.id === 'K2pX4Bx0Ee-8mCPwJ3vNqA');
    assert.ok(noted.quote.includes('dark era'), noted.quote);
    assert.ok(noted.note.startsWith('Who speaks for *the opposition'), 'the note is shown as its text');
    assert.deepEqual(noted.tags, ['opposition', 'Sources']);
    // Each placed one marks the sentences of its quote.
    for (const { quote } of placed) {
      const start = quote.slice(0, 30);
      const marked = await page.locator('[data-sid][data-annotated]').evaluateAll(
        (spans, start) => spans.some((s) => s.textContent.startsWith(start)),
        start,
      );
      assert.ok(marked, `a marked sentence starts with “${start}”`);
    }
    assert.equal(await orphans(page).count(), 1, 'the page note is listed as not placed');
    assert.deepEqual(errors, []);
  });

  test("Recogito's Web Annotations: every one placed, with its comment and tags", async () => {
    const { page, errors } = await openReader(env);
    const { summary } = await importFixture(page, 'recogito.json');
    assert.equal(summary, '4 new, 0 updated, 0 unchanged, 0 could not be placed');
    const placed = await placedAnnotations(page);
    assert.equal(placed.length, 4);
    assert.equal(await orphans(page).count(), 0);
    assert.ok(placed.some((a) => a.note.length > 0), 'comments became notes');
    assert.ok(placed.some((a) => a.tags.length > 0), 'tags came with them');
    assert.deepEqual(errors, []);
  });
});

describe('annotations that could not be placed', () => {
  test('one is placed on the selected sentence in one step, and undo takes it back', async () => {
    const { page, errors } = await openReader(env);
    await importFixture(page, 'hypothesis-export.json');
    const orphan = orphans(page).first();
    const id = await orphan.getAttribute('data-annotation-id');
    const note = await orphan.locator('.note').textContent();

    const free = await page.locator('main article [data-sid]:not([data-annotated])').first().getAttribute('data-sid');
    const sentence = page.locator(`[data-sid="${free}"]`);
    await sentence.click();
    await button(orphan, `Place on sentence ${Number(free) + 1}`).click();
    await page.waitForSelector(`[data-sid="${free}"][data-annotated]`);
    assert.equal(await orphans(page).count(), 0);
    const now = page.locator(`.annotation-list:not(.unplaced) [data-annotation-id="${id}"]`);
    assert.equal(await now.locator('.note').textContent(), note, 'the same annotation, note and all');
    assert.equal(
      await now.locator('.quote').textContent(),
      await sentence.textContent(),
      'its quote is now the sentence',
    );

    await sentence.focus();
    await page.keyboard.press('u');
    await page.waitForSelector(`[data-sid="${free}"]:not([data-annotated])`);
    assert.equal(await orphans(page).count(), 1, 'back among those not placed');
    assert.equal(await orphans(page).first().getAttribute('data-annotation-id'), id);
    assert.deepEqual(errors, []);
  });
});
