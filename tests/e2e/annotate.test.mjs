// Annotating: mouse and keyboard, notes and tags, the panel, undo/redo, reload, two tabs, and
// every way storage can fail.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openReader, servedBrowser, shown } from './support.mjs';

const env = servedBrowser();

const open = (options) => openReader(env, options);

const sentence = (page, sid) => page.locator(`[data-sid="${sid}"]`);
const status = (page) => page.locator('#announcer');
const items = (page) => page.locator('[data-annotation-id]');

/** Waits past the save delay, so what is on screen is in localStorage. */
const saved = (page) => page.waitForTimeout(500);

/** The value stored under `key`, or null. */
const storedValue = (page, key) => page.evaluate((key) => localStorage.getItem(key), key);

/** Highlights sentence 2, waits for the save, and resolves to what is stored. */
async function highlightAndSave(page) {
  await sentence(page, 2).focus();
  await page.keyboard.press('h');
  await saved(page);
  return storedAnnotations(page);
}

async function storedAnnotations(page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => /^scholia:annotations:[0-9a-f]{16}$/.test(k));
    return key ? { key, value: localStorage.getItem(key) } : null;
  });
}

describe('annotating with the mouse', () => {
  test('click selects a sentence, the Highlight button highlights it', async () => {
    const { page, context } = await open();
    await sentence(page, 2).click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.sid), '2');
    await page.getByRole('button', { name: 'Highlight', exact: true }).click();
    await page.waitForSelector('[data-sid="2"][data-annotated]');
    assert.equal(await sentence(page, 2).getAttribute('data-label'), '0');
    assert.equal(await items(page).count(), 1);
    assert.match(await items(page).first().textContent(), /Syrian President Bashar al-Assad has left Damascus/);
    await context.close();
  });

  test('shift-click extends to a range annotated as one', async () => {
    const { page, context } = await open();
    await sentence(page, 3).click();
    await sentence(page, 5).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Evidence' }).click();
    await page.getByRole('button', { name: 'Highlight', exact: true }).click();
    await page.waitForSelector('[data-sid="5"][data-annotated]');
    for (const sid of [3, 4, 5]) assert.equal(await sentence(page, sid).getAttribute('data-label'), '1');
    assert.equal(await sentence(page, 6).getAttribute('data-annotated'), null);
    assert.equal(await items(page).count(), 1);
    await context.close();
  });

  test('one sentence can carry several annotations', async () => {
    const { page, context } = await open();
    await sentence(page, 2).click();
    await page.keyboard.press('h');
    await sentence(page, 3).click({ modifiers: ['Shift'] });
    await page.keyboard.press('4');
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="3"][data-annotated]');
    assert.equal(await items(page).count(), 2);
    assert.equal(await sentence(page, 2).getAttribute('data-annotated'), '2');
    await context.close();
  });
});

describe('annotating with the keyboard', () => {
  test('j/k move a roving focus; there is one tab stop among the sentences', async () => {
    const { page, context } = await open();
    assert.equal(await page.locator('[data-sid][tabindex="0"]').count(), 1);
    await sentence(page, 0).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.sid), '1');
    assert.equal(await page.locator('[data-sid][tabindex="0"]').count(), 1);
    assert.equal(await sentence(page, 1).getAttribute('tabindex'), '0');
    await context.close();
  });

  test('label, highlight, note and tags, announced as they happen', async () => {
    const { page, context } = await open();
    await sentence(page, 4).focus();
    await page.keyboard.press('3');
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="4"][data-annotated]');
    assert.equal(await sentence(page, 4).getAttribute('data-label'), '2');
    assert.match(await status(page).textContent(), /Highlighted as Question/);

    await page.keyboard.press('n');
    await page.waitForSelector('#note-text');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'note-text');
    await page.keyboard.type('First line');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second line');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('#note-text', { state: 'detached' });
    assert.match(await status(page).textContent(), /Note saved/);
    assert.equal(await items(page).first().locator('.note').textContent(), 'First line\nsecond line');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.sid), '4');

    await page.keyboard.press('t');
    await page.waitForSelector('#tag-input:focus');
    await page.keyboard.type('sources');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Syria');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('#tag-input', { state: 'detached' });
    assert.deepEqual(await items(page).first().locator('.tag').allTextContents(), ['sources', 'Syria']);

    // Re-label the current annotation with a digit.
    await page.keyboard.press('5');
    await page.waitForSelector('[data-sid="4"][data-label="4"]');
    assert.match(await status(page).textContent(), /Labelled Follow up/);
    await context.close();
  });

  test('tags already used are suggested', async () => {
    const { page, context } = await open();
    await sentence(page, 2).focus();
    await page.keyboard.press('t');
    await page.keyboard.type('evidence');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Enter');
    await sentence(page, 5).focus();
    await page.keyboard.press('t');
    await page.waitForSelector('#tag-input:focus');
    const suggestions = await page.locator('#tag-suggestions option').evaluateAll((o) => o.map((x) => x.value));
    assert.deepEqual(suggestions, ['evidence']);
    await context.close();
  });

  test('Esc cancels the note editor without a change', async () => {
    const { page, context } = await open();
    await sentence(page, 2).focus();
    await page.keyboard.press('n');
    await page.keyboard.type('never saved');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#note-text', { state: 'detached' });
    assert.equal(await items(page).count(), 0);
    await context.close();
  });

  test('shift+j extends the selection; x and Delete delete', async () => {
    const { page, context } = await open();
    await sentence(page, 7).focus();
    await page.keyboard.press('Shift+J');
    await page.keyboard.press('Shift+J');
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="9"][data-annotated]');
    assert.equal(await items(page).count(), 1);
    await page.keyboard.press('x');
    await page.waitForSelector('[data-sid="7"]:not([data-annotated])');
    assert.equal(await items(page).count(), 0);
    await sentence(page, 2).focus();
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="2"][data-annotated]');
    await page.keyboard.press('Delete');
    await page.waitForSelector('[data-sid="2"]:not([data-annotated])');
    await context.close();
  });

  test('? shows the shortcuts and Esc closes them', async () => {
    const { page, context } = await open();
    await sentence(page, 1).focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Ctrl\+Shift\+Z/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.sid), '1');
    await context.close();
  });
});

describe('undo and redo', () => {
  test('every change, deletes included, can be undone and redone', async () => {
    const { page, context } = await open();
    await sentence(page, 2).focus();
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="2"][data-annotated]');
    await page.keyboard.press('x');
    await page.waitForSelector('[data-sid="2"]:not([data-annotated])');
    await page.keyboard.press('u');
    await page.waitForSelector('[data-sid="2"][data-annotated]');
    assert.match(await status(page).textContent(), /Undid delete/);
    await page.keyboard.press('Control+z');
    await page.waitForSelector('[data-sid="2"]:not([data-annotated])');
    await page.keyboard.press('Control+Shift+Z');
    await page.waitForSelector('[data-sid="2"][data-annotated]');
    await page.keyboard.press('Control+y');
    await page.waitForSelector('[data-sid="2"]:not([data-annotated])');
    assert.match(await status(page).textContent(), /Redid delete/);
    await context.close();
  });
});

describe('the side panel', () => {
  test('filters by text, label and tag, and takes the reader to a sentence', async () => {
    const { page, context } = await open();
    await sentence(page, 2).focus();
    await page.keyboard.press('h');
    await sentence(page, 10).focus();
    await page.keyboard.press('3');
    await page.keyboard.press('n');
    await page.keyboard.type('Which square?');
    await page.keyboard.press('Control+Enter');
    await sentence(page, 20).focus();
    await page.keyboard.press('1');
    await page.keyboard.press('t');
    await page.keyboard.type('Homs');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-annotation-id]').length === 3);

    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'annotation-search');
    await page.keyboard.type('square');
    assert.equal(await items(page).count(), 1);
    assert.match(await page.locator('.panel-toggle').textContent(), /1 of 3/);
    await page.locator('#annotation-search').fill('');

    await page.getByLabel('Label', { exact: true }).selectOption({ label: 'Question (1)' });
    assert.equal(await items(page).count(), 1);
    await page.getByLabel('Label', { exact: true }).selectOption('');
    await page.getByLabel('Tag', { exact: true }).selectOption('Homs');
    assert.equal(await items(page).count(), 1);
    await page.getByLabel('Tag', { exact: true }).selectOption('');
    assert.equal(await items(page).count(), 3);

    // Document order, and a click focuses the annotation's sentence.
    await items(page).nth(1).locator('.go-to').click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.sid), '10');
    await context.close();
  });

  test('lists 25 annotations at a time; Show more lists the rest, and search reaches them all', async () => {
    const { page, context } = await open();
    const paragraphs = Array.from({ length: 12 }, (_, p) =>
      Array.from({ length: 5 }, (_, i) => `Sentence ${p * 5 + i} names marker${p * 5 + i} once.`).join(' '),
    );
    await page.locator('#open-article').setInputFiles({ name: 'many.txt', mimeType: 'text/plain', buffer: Buffer.from(`Many sentences\n\n${paragraphs.join('\n\n')}\n`) });
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Many sentences');
    for (let sid = 1; sid <= 55; sid++) {
      await sentence(page, sid).focus();
      await page.keyboard.press('h');
    }
    await page.waitForFunction(() => document.querySelectorAll('main [data-annotated]').length === 55);
    assert.equal(await items(page).count(), 25);
    assert.match(await page.locator('.panel-toggle').textContent(), /55/);
    // The last annotation is not listed yet, and search finds it anyway.
    const last = await sentence(page, 55).getAttribute('data-annotation-ids');
    assert.equal(await page.locator(`[data-annotation-id="${last}"]`).count(), 0);
    const words = 'marker54 once';
    await page.locator('#annotation-search').fill(words);
    await page.locator(`[data-annotation-id="${last}"]`).waitFor();
    await page.locator('#annotation-search').fill('');
    await page.getByRole('button', { name: 'Show more' }).click();
    assert.equal(await items(page).count(), 50);
    await page.getByRole('button', { name: 'Show more' }).click();
    assert.equal(await items(page).count(), 55);
    assert.equal(await page.getByRole('button', { name: 'Show more' }).count(), 0);
    await context.close();
  });

  test('labels can be renamed, and the name is kept', async () => {
    const { page, context } = await open();
    await page.locator('.label-names summary').click();
    await page.locator('#label-name-1').fill('Claim');
    await page.locator('#label-name-1').press('Tab');
    await page.getByRole('button', { name: 'Claim' }).waitFor();
    await saved(page);
    await page.reload();
    await page.waitForSelector('[data-sid]');
    await page.getByRole('button', { name: 'Claim' }).waitFor();
    await context.close();
  });

  test('notes and tags are shown as text, never as HTML', async () => {
    const { page, context } = await open();
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await sentence(page, 2).focus();
    await page.keyboard.press('n');
    await page.locator('#note-text').fill(hostile);
    await page.locator('#tag-input').fill('<b>bold</b>');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-annotation-id] .note');
    assert.equal(await items(page).first().locator('.note').textContent(), hostile);
    assert.equal(await items(page).first().locator('.tag').textContent(), '<b>bold</b>');
    assert.equal(await page.locator('.panel img, .panel script, .panel b').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await context.close();
  });
});

describe('kept in localStorage', () => {
  test('annotations, notes and tags survive a reload', async () => {
    const { page, context, errors } = await open();
    await sentence(page, 2).focus();
    await page.keyboard.press('2');
    await page.keyboard.press('n');
    await page.keyboard.type('Kept\nacross reloads');
    await page.keyboard.press('Control+Enter');
    await sentence(page, 15).focus();
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="15"][data-annotated]');
    await saved(page);
    const stored = await storedAnnotations(page);
    assert.ok(stored, 'nothing stored');
    const parsed = JSON.parse(stored.value);
    assert.equal(parsed.v, 2);
    assert.equal(parsed.a.length, 2);
    assert.deepEqual(Object.keys(parsed.a[0].t).sort(), ['b', 'e', 'p', 's', 'x']);

    await page.reload();
    await shown(page);
    await page.waitForSelector('[data-sid="15"][data-annotated]');
    assert.equal(await sentence(page, 2).getAttribute('data-label'), '1');
    assert.equal(await items(page).count(), 2);
    assert.equal(await items(page).first().locator('.note').textContent(), 'Kept\nacross reloads');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a change is flushed when the page is hidden, before the save delay', async () => {
    const { page, context } = await open();
    await sentence(page, 3).focus();
    await page.keyboard.press('h');
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    const stored = await storedAnnotations(page);
    assert.equal(JSON.parse(stored.value).a.length, 1);
    await context.close();
  });

  test('two tabs editing at once keep both tabs’ edits', async () => {
    const context = await env.browser.newContext();
    const { page: left } = await open({ context });
    const { page: right } = await open({ context });
    await sentence(left, 2).focus();
    await left.keyboard.press('h');
    await sentence(right, 8).focus();
    await right.keyboard.press('4');
    await right.keyboard.press('h');
    await left.waitForSelector('[data-sid="8"][data-annotated]', { timeout: 5000 });
    await right.waitForSelector('[data-sid="2"][data-annotated]', { timeout: 5000 });
    // A deletion in one tab reaches the other, and is not resurrected by its next save.
    await sentence(right, 2).focus();
    await right.keyboard.press('x');
    await left.waitForSelector('[data-sid="2"]:not([data-annotated])', { timeout: 5000 });
    await sentence(left, 12).focus();
    await left.keyboard.press('h');
    await saved(left);
    await right.waitForSelector('[data-sid="12"][data-annotated]', { timeout: 5000 });
    assert.equal(await sentence(right, 2).getAttribute('data-annotated'), null);
    for (const page of [left, right]) {
      await page.reload();
      await shown(page);
      await page.waitForSelector('[data-sid="12"][data-annotated]');
      assert.equal(await items(page).count(), 2);
    }
    await context.close();
  });

  test('with many annotations a save writes only what changed, and a reload reads it back', async () => {
    const { page, context } = await open();
    const { key, value } = await highlightAndSave(page);
    // Two hundred annotations stored for the article (on text it does not have: orphans).
    const stored = JSON.parse(value);
    for (let i = 0; i < 200; i++) {
      stored.a.push({ ...stored.a[0], id: `stored${String(i).padStart(10, '0')}`, t: { ...stored.a[0].t, x: `A sentence this article lacks, number ${i}.` } });
    }
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [key, JSON.stringify(stored)]);
    await page.reload();
    await page.waitForSelector('[data-sid="2"][data-annotated]');
    // The session's first save writes the entry whole; the next, only a journal beside it.
    await sentence(page, 5).focus();
    await page.keyboard.press('h');
    await saved(page);
    const whole = await storedValue(page, key);
    assert.equal(JSON.parse(whole).a.length, 202);
    await sentence(page, 7).focus();
    await page.keyboard.press('h');
    await saved(page);
    assert.equal(await storedValue(page, key), whole);
    const journal = JSON.parse(await storedValue(page, `${key}:journal`));
    assert.equal(journal.v, 2);
    assert.equal(journal.a.length, 1);
    assert.match(journal.a[0].t.x, /./);
    await page.reload();
    await page.waitForSelector('[data-sid="7"][data-annotated]');
    assert.notEqual(await sentence(page, 5).getAttribute('data-annotated'), null);
    await context.close();
  });
});

describe('when storage fails', () => {
  test('blocked storage: keeps working in memory and says nothing will be saved', async () => {
    const { page, context, errors } = await open({
      init: () =>
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        }),
    });
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /blocking storage/);
    await sentence(page, 2).focus();
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="2"][data-annotated]');
    await saved(page);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('full storage: the annotation stays, the reader is told, and it is saved once there is room', async () => {
    const { page, context } = await open({
      init: () => {
        window.__storageFull = true;
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (window.__storageFull) throw new DOMException('Quota exceeded', 'QuotaExceededError');
          return setItem.call(this, key, value);
        };
      },
    });
    await sentence(page, 2).focus();
    await page.keyboard.press('n');
    await page.keyboard.type('Do not lose me');
    await page.keyboard.press('Control+Enter');
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /storage is full/);
    assert.match(await alert.textContent(), /export/i);
    assert.equal(await items(page).first().locator('.note').textContent(), 'Do not lose me');
    assert.equal(await storedAnnotations(page), null);

    await page.evaluate(() => {
      window.__storageFull = false;
      window.dispatchEvent(new Event('pagehide'));
    });
    await alert.waitFor({ state: 'detached' });
    const stored = await storedAnnotations(page);
    assert.equal(JSON.parse(stored.value).a[0].n, 'Do not lose me');
    await context.close();
  });

  test('unreadable stored data is moved aside, never deleted, and the reader starts clean', async () => {
    const { page, context } = await open();
    const { key } = await highlightAndSave(page);
    await page.evaluate((key) => localStorage.setItem(key, '{"v":2,"a":[{"broken'), key);
    await page.reload();
    await page.waitForSelector('[data-sid]');
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /could not be read/);
    assert.equal(await items(page).count(), 0);
    const backups = await page.evaluate(
      (key) => Object.keys(localStorage).filter((k) => k.startsWith(`${key}:unreadable:`)).map((k) => localStorage.getItem(k)),
      key,
    );
    assert.deepEqual(backups, ['{"v":2,"a":[{"broken']);
    await sentence(page, 3).focus();
    await page.keyboard.press('h');
    await saved(page);
    assert.equal(JSON.parse((await storedAnnotations(page)).value).a.length, 1);
    await context.close();
  });

  test('data from a newer version opens read-only and is never overwritten', async () => {
    const { page, context } = await open();
    const { key, value } = await highlightAndSave(page);
    const newer = JSON.stringify({ ...JSON.parse(value), v: 99, future: { field: true } });
    await page.evaluate(([key, newer]) => localStorage.setItem(key, newer), [key, newer]);
    await page.reload();
    await page.waitForSelector('[data-sid="2"][data-annotated]');
    const alert = page.locator('[role="alert"]');
    assert.match(await alert.textContent(), /newer version/);
    await sentence(page, 5).focus();
    await page.keyboard.press('h');
    assert.match(await status(page).textContent(), /Read-only/);
    await saved(page);
    assert.equal(await sentence(page, 5).getAttribute('data-annotated'), null);
    assert.equal((await storedAnnotations(page)).value, newer);
    await context.close();
  });
});
