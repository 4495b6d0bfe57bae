// Export, import and share links: each export format downloaded and imported into a fresh
// profile, the import preview, undo, share links opened elsewhere, and every hostile file.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, openReader, servedBrowser, shown } from './support.mjs';

const HOSTILE = join(ROOT, 'tests/hostile');
const VALIDATOR = join(ROOT, '../shared/w3c-anno/validate.py');
const SLUG = 'bashar-al-assad-has-fled-damascus';

const env = servedBrowser();
let downloads;

before(async () => {
  downloads = await mkdtemp(join(tmpdir(), 'scholia-share-'));
});

after(async () => {
  await rm(downloads, { recursive: true, force: true });
});

const open = (options) => openReader(env, { contextOptions: { acceptDownloads: true }, ...options });

const sentence = (page, sid) => page.locator(`[data-sid="${sid}"]`);
const items = (page) => page.locator('[data-annotation-id]');
const dialog = (page) => page.getByRole('dialog');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

/** Writes a note (and tags) on the sentences from `first` to `last`, with label key `label`. */
async function annotate(page, { first, last = first, label, note = '', tags = [] }) {
  await sentence(page, first).click();
  if (last !== first) await sentence(page, last).click({ modifiers: ['Shift'] });
  await page.keyboard.press(String(label));
  await page.keyboard.press('n');
  await page.waitForSelector('#note-text:focus');
  await page.fill('#note-text', note);
  for (const tag of tags) {
    await page.fill('#tag-input', tag);
    await page.press('#tag-input', 'Enter');
  }
  await page.press('#note-text', 'Control+Enter');
  await page.waitForSelector('#note-text', { state: 'detached' });
}

const SAMPLES = [
  { first: 1, label: 2, note: 'Who are the “two senior officials”?\nSecond line, <b>not bold</b>', tags: ['sources', 'Reuters'] },
  { first: 4, last: 5, label: 3, note: 'A run of two sentences, with a comma, and "quotes"', tags: [] },
  { first: 8, label: 5, note: '', tags: ['follow up'] },
];

/** The side panel's annotations as text, in panel order. */
function panel(page) {
  return items(page).evaluateAll((list) =>
    list.map((item) => ({
      label: item.querySelector('.chip')?.textContent,
      quote: item.querySelector('.quote')?.textContent,
      note: item.querySelector('.note')?.textContent ?? '',
      tags: [...item.querySelectorAll('.tag')].map((t) => t.textContent),
    })),
  );
}

async function annotated() {
  const opened = await open();
  for (const sample of SAMPLES) await annotate(opened.page, sample);
  assert.equal(await items(opened.page).count(), SAMPLES.length);
  return opened;
}

/** Clicks an export dialog button and saves the download under its suggested name. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, name).click()]);
  const path = join(downloads, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

/** Imports `file` (a path, or { name, mimeType, buffer }) with the Import button's file input. */
async function importFile(page, file) {
  await page.setInputFiles('#import-file', file);
}

async function previewSummary(page) {
  await page.waitForSelector('#import-heading');
  return (await page.locator('.import-summary').textContent()).trim();
}

describe('export', () => {
  test('each format downloads under the headline, and imports into a fresh profile unchanged', async () => {
    const { page, context, errors } = await annotated();
    const mine = await panel(page);
    await button(page, 'Export').click();
    const exportDialog = dialog(page);
    assert.equal(await exportDialog.getAttribute('aria-labelledby'), 'export-heading');
    assert.match(await exportDialog.textContent(), /3 annotations/);

    const jsonld = await download(page, 'Download Web Annotation (JSON-LD)');
    assert.equal(jsonld.name, `${SLUG}.annotations.jsonld`);
    const collection = JSON.parse(jsonld.text);
    assert.equal(collection.type, 'AnnotationCollection');
    assert.equal(collection.first.items.length, 3);
    const validated = spawnSync('python3', [VALIDATOR, jsonld.path], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(validated.status, 0, `validate.py: ${validated.stdout}${validated.stderr}`);

    const markdown = await download(page, 'Download Markdown');
    assert.equal(markdown.name, `${SLUG}.annotations.md`);
    assert.match(markdown.text, /^# Annotations: Bashar al-Assad has fled Damascus/);

    const csv = await download(page, 'Download CSV');
    assert.equal(csv.name, `${SLUG}.annotations.csv`);
    const rows = csv.text.split('\r\n').filter((line) => line.startsWith('"') || /^[A-Z]/.test(line));
    assert.match(csv.text, /^Quote,Label,Label number,Note,Tags,/);
    assert.ok(rows.length >= 4, csv.text);
    assert.match(csv.text, /sources; Reuters/);
    assert.match(await page.locator('.dialog-message').textContent(), /Saved .*\.csv/);

    for (const file of [jsonld, markdown]) {
      const fresh = await open();
      await importFile(fresh.page, file.path);
      assert.equal(await previewSummary(fresh.page), '3 new, 0 updated, 0 unchanged, 0 could not be placed');
      await button(dialog(fresh.page), 'Import').click();
      await fresh.page.waitForSelector('#import-heading', { state: 'detached' });
      assert.deepEqual(await panel(fresh.page), mine, `import of ${file.name}`);
      assert.equal(await fresh.page.locator('[data-sid][data-annotated]').count(), 4);
      assert.deepEqual(fresh.errors, []);
      await fresh.context.close();
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('Copy puts the export on the clipboard', async () => {
    const { page, context } = await annotated();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
    await button(page, 'Export').click();
    const markdown = await download(page, 'Download Markdown');
    await button(page, 'Copy Markdown').click();
    await page.waitForFunction(() => /copied/.test(document.querySelector('.dialog-message')?.textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), markdown.text);
    await context.close();
  });

  test('the dialog takes focus, Esc closes it and gives focus back', async () => {
    const { page, context } = await open();
    await button(page, 'Export').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="dialog"]');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null), true);
    // Keys in the dialog do not reach the article's shortcuts, and Tab stays in it.
    await page.keyboard.press('h');
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null), true);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null), true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="dialog"]', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Export');
    assert.equal(await items(page).count(), 0);
    await context.close();
  });
});

describe('import', () => {
  let jsonld;

  before(async () => {
    const { page, context } = await annotated();
    await button(page, 'Export').click();
    jsonld = await download(page, 'Download Web Annotation (JSON-LD)');
    await context.close();
  });

  test('the preview shows the counts; Cancel changes nothing; Import is undone with u', async () => {
    const { page, context, errors } = await open();
    await sentence(page, 1).click();
    await page.keyboard.press('h');
    await page.waitForTimeout(500);
    const stored = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    const before = await stored();

    await importFile(page, jsonld.path);
    // The first sentence is highlighted already, under another id: all three are new.
    assert.equal(await previewSummary(page), '3 new, 0 updated, 0 unchanged, 0 could not be placed');
    assert.equal(await dialog(page).getAttribute('aria-labelledby'), 'import-heading');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Import');
    await button(dialog(page), 'Cancel').click();
    await page.waitForSelector('#import-heading', { state: 'detached' });
    assert.equal(await items(page).count(), 1);
    await page.waitForTimeout(500);
    assert.equal(await stored(), before);

    await importFile(page, jsonld.path);
    await previewSummary(page);
    await button(dialog(page), 'Import').click();
    await page.waitForSelector('#import-heading', { state: 'detached' });
    assert.equal(await items(page).count(), 4);
    assert.match(await page.locator('#announcer').textContent(), /Imported 3 annotations/);

    // Importing the same file again changes nothing.
    await importFile(page, jsonld.path);
    assert.equal(await previewSummary(page), '0 new, 0 updated, 3 unchanged, 0 could not be placed');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#import-heading', { state: 'detached' });

    await page.keyboard.press('u');
    await page.waitForFunction(() => document.querySelectorAll('[data-annotation-id]').length === 1);
    assert.match(await page.locator('#announcer').textContent(), /Undid import/);
    await page.keyboard.press('Control+y');
    await page.waitForFunction(() => document.querySelectorAll('[data-annotation-id]').length === 4);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a file dropped on the page and a share link pasted outside text fields are previewed', async () => {
    const { page, context } = await open();
    const markdown = await readFile(join(HOSTILE, 'crlf.md'), 'utf8');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'notes.md', { type: 'text/markdown' }));
      document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, markdown);
    assert.equal(await previewSummary(page), '4 new, 0 updated, 0 unchanged, 0 could not be placed');
    assert.match(await dialog(page).textContent(), /From “notes\.md” \(Markdown\)/);
    await button(dialog(page), 'Cancel').click();

    const link = `${env.server.url}#share=v1.not-really-a-link`;
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, link);
    const alert = page.locator('[role="alert"][data-alert="import-refused"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /from the pasted text: the share link is damaged/);
    await context.close();
  });

  test('a file over 10 MB is refused before it is read', async () => {
    const { page, context } = await open();
    await importFile(page, { name: 'huge.jsonld', mimeType: 'application/ld+json', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 32) });
    const alert = page.locator('[role="alert"][data-alert="import-refused"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /files over 10 MB are refused/);
    await context.close();
  });
});

describe('share links', () => {
  let link, mine;

  before(async () => {
    const { page, context } = await annotated();
    mine = await panel(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
    await button(page, 'Share').click();
    await page.waitForFunction(() => /copied/.test(document.querySelector('.dialog-message')?.textContent));
    link = await page.inputValue('#share-url');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    assert.equal(await page.locator('.warning').count(), 0);
    await context.close();
  });

  test('the link is the page address with the annotations in its fragment', () => {
    assert.ok(link.startsWith(`${env.server.url}#share=v1.`), link);
    assert.match(link, /:~:text=/);
  });

  test('opened in a fresh profile, it shows a read-only layer; Import into mine takes it in', async () => {
    const { page, context, errors } = await open({ url: link });
    const layer = page.locator('.shared-layer');
    await layer.waitFor();
    assert.equal(await layer.locator('h2').textContent(), 'Shared with you: 3 annotations');
    assert.deepEqual(await layer.locator('.note').allTextContents(), SAMPLES.map((s) => s.note).filter(Boolean));
    assert.deepEqual(await layer.locator('.tag').allTextContents(), SAMPLES.flatMap((s) => s.tags));
    assert.equal(await items(page).count(), 0, 'nothing is merged without asking');
    assert.equal(await page.locator('[data-sid][data-shared]').count(), 4);

    await button(layer, 'Import into mine').click();
    assert.equal(await previewSummary(page), '3 new, 0 updated, 0 unchanged, 0 could not be placed');
    await button(dialog(page), 'Import').click();
    await page.waitForSelector('.shared-layer', { state: 'detached' });
    assert.deepEqual(await panel(page), mine);
    assert.equal(await page.evaluate(() => location.hash), '');
    assert.equal(await page.locator('[data-sid][data-shared]').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('Dismiss leaves nothing behind', async () => {
    const { page, context } = await open({ url: link });
    await page.locator('.shared-layer').waitFor();
    await button(page, 'Dismiss').click();
    await page.waitForSelector('.shared-layer', { state: 'detached' });
    assert.equal(await page.evaluate(() => location.hash), '');
    await page.reload();
    await shown(page);
    assert.equal(await page.locator('.shared-layer').count(), 0);
    assert.equal(await items(page).count(), 0);
    assert.equal(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('scholia:annotations:'))), false);
    await context.close();
  });

  test('a long link comes with a warning', async () => {
    const { page, context } = await open();
    // Numbers that deflate poorly, as a long note in real words would.
    const note = Array.from({ length: 1500 }, (_, i) => ((i * 7919) % 10007).toString(36)).join(' ');
    await annotate(page, { first: 2, label: 1, note });
    await button(page, 'Share').click();
    await page.waitForSelector('#share-url');
    assert.ok((await page.inputValue('#share-url')).length > 2000);
    assert.match(await page.locator('.warning').textContent(), /may be too long for some chat apps/);
    await context.close();
  });

  test('a browser without Compression Streams says so, and the annotations stay', async () => {
    const { page, context, errors } = await open({ init: () => delete globalThis.CompressionStream });
    await annotate(page, SAMPLES[0]);
    await button(page, 'Share').click();
    const alert = page.locator('[role="alert"][data-alert="share-unavailable"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /cannot make share links\. Export a file/);
    assert.equal(await page.locator('#share-url').count(), 0);
    assert.equal(await items(page).count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

/** The hostile files' table in tests/hostile/README.md: file, outcome, expected text. */
async function hostileTable() {
  const readme = await readFile(join(HOSTILE, 'README.md'), 'utf8');
  const rows = [];
  for (const line of readme.split('\n')) {
    const row = line.match(/^\| `([^`]+)` \| (refused|imported) \| (`+) ?(.*?) ?\3 \|/);
    if (row) rows.push({ file: row[1], outcome: row[2], expected: row[4] });
  }
  return rows;
}

describe('hostile files', async () => {
  const rows = await hostileTable();

  test('the table names every file in tests/hostile', async () => {
    const files = (await readdir(HOSTILE)).filter((f) => f !== 'README.md').sort();
    assert.deepEqual(rows.map((r) => r.file).sort(), files);
  });

  for (const { file, outcome, expected } of rows) {
    test(`${file}: ${outcome}`, async () => {
      const { page, context, errors } = await open();
      await sentence(page, 1).click();
      await page.keyboard.press('h');
      await items(page).first().waitFor();
      const mineId = await items(page).first().getAttribute('data-annotation-id');
      await importFile(page, join(HOSTILE, file));

      if (outcome === 'refused') {
        const alert = page.locator('[role="alert"][data-alert="import-refused"]');
        await alert.waitFor();
        assert.ok((await alert.textContent()).includes(expected), await alert.textContent());
        assert.equal(await page.locator('#import-heading').count(), 0);
      } else {
        assert.equal(await previewSummary(page), expected);
        const [, added, , , unplaced] = expected.match(/(\d+) new, (\d+) updated, (\d+) unchanged, (\d+)/);
        // What cannot be placed is listed by its quote before anything changes.
        assert.equal(await page.locator('.unplaced-quotes li').count(), Number(unplaced));
        await button(dialog(page), 'Import').click();
        await page.waitForSelector('#import-heading', { state: 'detached' });
        assert.equal(await items(page).count(), 1 + Number(added) + Number(unplaced));
        const source = await readFile(join(HOSTILE, file), 'utf8');
        if (/<script/i.test(source)) {
          const texts = await page.locator('.annotation .note, .annotation .tag').allTextContents();
          assert.ok(texts.some((t) => /<script/i.test(t)), 'the script is shown as text');
        }
      }
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
      assert.equal(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count(), 0);
      assert.equal(await page.locator('.panel script, .panel img, .panel iframe').count(), 0);
      assert.equal(await page.locator(`[data-annotation-id="${mineId}"]`).count(), 1, 'my annotation is untouched');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
