// Annotations that meet another copy of their article: an edited version opened over an earlier
// one, an export imported into an edited copy, files of other annotation tools (Hypothesis'
// export, Recogito's Web Annotations); and an annotation that could not be placed, placed by hand.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
    // Each placed one is listed on the sentence its quote starts with.
    for (const { id, quote } of placed) {
      const start = quote.slice(0, 30);
      const ids = await page.locator('[data-sid][data-annotation-ids]').evaluateAll(
        (spans, start) => spans.find((s) => s.textContent.startsWith(start))?.dataset.annotationIds.split(' '),
        start,
      );
      assert.ok(ids?.includes(id), `the sentence starting “${start}” lists ${id}: ${ids}`);
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

const STORY = `Harbour reopens after storm

The harbour at Port Elder reopened on Monday, three days after the storm. Divers checked every berth before the first ferry left.

Engineers found cracks in the old sea wall, which dates from 1894. The council has closed the promenade until repairs are done.

Residents are asked to report further damage to the council by phone.`;

// The outlet's correction: a sentence reworded beyond recognition, one word fixed, a paragraph
// added at the top.
const CORRECTED = STORY.replace(
  'The council has closed the promenade until repairs are done.',
  'Nobody knows yet what the repairs will cost the town.',
)
  .replace('Divers checked every berth', 'Divers inspected every berth')
  .replace('Harbour reopens after storm\n\n', 'Harbour reopens after storm\n\nUpdated on Tuesday with the cost of repairs.\n\n');

const textFile = (name, text) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
const sentenceWith = (page, text) => page.locator('main article [data-sid]', { hasText: text });

/** A note on the sentence that contains `text`. */
async function noteOn(page, text, note) {
  await sentenceWith(page, text).click();
  await page.keyboard.press('n');
  await page.waitForSelector('#note-text:focus');
  await page.fill('#note-text', note);
  await page.press('#note-text', 'Control+Enter');
  await page.waitForSelector('#note-text', { state: 'detached' });
}

async function openArticle(page, name, text) {
  const before = await page.evaluate(() => document.querySelector('main article')?.textContent);
  await page.setInputFiles('#open-article', textFile(name, text));
  await page.waitForFunction((before) => document.querySelector('main article')?.textContent !== before, before);
}

async function annotateStory(page) {
  await openArticle(page, 'harbour.txt', STORY);
  await noteOn(page, 'three days after the storm', 'when exactly?');
  await noteOn(page, 'Divers checked every berth', 'who paid the divers?');
  await noteOn(page, 'closed the promenade', 'for how long?');
}

/** Each annotation's note, with the sentence it is on now, or null for one not placed. */
function whereNotesAre(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.panel [data-annotation-id]')].map((item) => ({
      note: item.querySelector('.note')?.textContent,
      orphan: item.hasAttribute('data-orphan'),
      quote: item.querySelector('.quote')?.textContent,
    })),
  );
}

describe('a new version of an article', () => {
  test('offers its annotations with a preview, carries them over on request, and undo takes it back', async () => {
    const { page, errors } = await openReader(env);
    await annotateStory(page);
    await openArticle(page, 'harbour.txt', CORRECTED);

    const offer = page.locator('.version-offer');
    await offer.waitFor();
    assert.match(await offer.locator('h2').textContent(), /A new version of “Harbour reopens after storm”\?/);
    assert.match(await offer.textContent(), /3 annotations.*1 in place, 1 moved to edited sentences, 1 that could not be placed/);
    assert.equal(await page.locator('.panel [data-annotation-id]').count(), 0, 'nothing changes before the reader accepts');

    await button(offer, 'Carry them over').click();
    await offer.waitFor({ state: 'detached' });
    const notes = await whereNotesAre(page);
    const by = (note) => notes.find((n) => n.note === note);
    assert.equal(by('when exactly?').orphan, false);
    assert.ok(by('when exactly?').quote.includes('three days after the storm'));
    assert.equal(by('who paid the divers?').orphan, false);
    assert.ok(by('who paid the divers?').quote.includes('Divers inspected every berth'), 'moved to the edited sentence');
    assert.equal(by('for how long?').orphan, true, 'the reworded sentence is not guessed at');
    assert.equal(await sentenceWith(page, 'Nobody knows yet').getAttribute('data-annotated'), null);

    await sentenceWith(page, 'Residents').focus();
    await page.keyboard.press('u');
    await page.waitForFunction(() => document.querySelectorAll('.panel [data-annotation-id]').length === 0);
    assert.deepEqual(errors, []);
  });

  test('"Not now" leaves the new version without annotations, and the earlier one keeps its own', async () => {
    const { page, errors } = await openReader(env);
    await annotateStory(page);
    await openArticle(page, 'harbour.txt', CORRECTED);
    await button(page.locator('.version-offer'), 'Not now').click();
    await page.locator('.version-offer').waitFor({ state: 'detached' });
    assert.equal(await page.locator('.panel [data-annotation-id]').count(), 0);
    await openArticle(page, 'harbour.txt', STORY);
    await page.waitForFunction(() => document.querySelectorAll('.panel [data-annotation-id]').length === 3);
    assert.equal(await page.locator('.version-offer').count(), 0, 'an article opened again is no new version');
    assert.deepEqual(errors, []);
  });

  test('a copy under another title and file name is said to be a new version in the Articles dialog', async () => {
    const { page, errors } = await openReader(env);
    await annotateStory(page);
    await openArticle(page, 'port-elder-update.txt', CORRECTED.replace('Harbour reopens after storm', 'Port Elder harbour open again'));
    assert.equal(await page.locator('.version-offer').count(), 0, 'not recognised by its title or file name');

    await button(page, 'Articles').click();
    const choice = dialog(page).getByLabel('The article on screen is a new version of');
    await choice.waitFor();
    assert.deepEqual(await choice.locator('option').allTextContents(), ['Harbour reopens after storm'], 'only other articles with annotations');
    await choice.selectOption({ label: 'Harbour reopens after storm' });
    await button(dialog(page), 'Offer its annotations').click();
    await dialog(page).waitFor({ state: 'detached' });

    const offer = page.locator('.version-offer');
    await offer.waitFor();
    assert.match(await offer.textContent(), /3 annotations.*1 in place, 1 moved to edited sentences, 1 that could not be placed/);
    assert.equal(await page.locator('.panel [data-annotation-id]').count(), 0, 'nothing changes before the reader accepts');
    await button(offer, 'Carry them over').click();
    await page.waitForFunction(() => document.querySelectorAll('.panel [data-annotation-id]').length === 3);
    assert.deepEqual(errors, []);
  });
});

describe('an export imported into an edited copy', () => {
  test('each annotation is placed on its sentence, moved with its edit, or listed as not placed', async () => {
    const { page, errors } = await openReader(env, { contextOptions: { acceptDownloads: true } });
    await annotateStory(page);
    await button(page, 'Export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), button(dialog(page), 'Download Web Annotation (JSON-LD)').click()]);
    const exported = await readFile(await download.path(), 'utf8');
    await page.keyboard.press('Escape');

    const fresh = await openReader(env);
    await openArticle(fresh.page, 'harbour-corrected.txt', CORRECTED);
    await fresh.page.setInputFiles('#import-file', { name: 'harbour.annotations.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(exported) });
    await fresh.page.waitForSelector('#import-heading');
    assert.equal((await fresh.page.locator('.import-summary').textContent()).trim(), '2 new, 0 updated, 0 unchanged, 1 could not be placed');
    await button(dialog(fresh.page), 'Import').click();
    await fresh.page.waitForSelector('#import-heading', { state: 'detached' });
    const notes = await whereNotesAre(fresh.page);
    assert.deepEqual(notes.map((n) => [n.note, n.orphan]).sort(), [['for how long?', true], ['when exactly?', false], ['who paid the divers?', false]]);
    assert.ok(notes.find((n) => n.note === 'who paid the divers?').quote.includes('Divers inspected'));
    assert.deepEqual([...errors, ...fresh.errors], []);
  });
});
