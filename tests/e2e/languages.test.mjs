// An article in a right-to-left language: its language is told from its script, its sentences
// split by that language's rules, the reading layout mirrored (the panel on the article's far
// side), a sentence annotated by keyboard alone, and the reader's own choice of language kept
// with the article.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openReader, servedBrowser } from './support.mjs';

const env = servedBrowser();

const ARABIC = [
  'دمشق تستيقظ على يوم جديد',
  '',
  'خرج الناس إلى الشوارع في الصباح الباكر، وكانت المحلات مغلقة. هل يعود الهدوء إلى المدينة؟ قال أحد السكان: لا نعرف ما الذي سيحدث غداً.',
  '',
  'وفي المساء، اجتمع الجيران في الساحة الكبيرة. تحدثوا عن المستقبل بصوت منخفض.',
].join('\n');

const SENTENCES = [
  'دمشق تستيقظ على يوم جديد',
  'خرج الناس إلى الشوارع في الصباح الباكر، وكانت المحلات مغلقة.',
  'هل يعود الهدوء إلى المدينة؟',
  'قال أحد السكان: لا نعرف ما الذي سيحدث غداً.',
  'وفي المساء، اجتمع الجيران في الساحة الكبيرة.',
  'تحدثوا عن المستقبل بصوت منخفض.',
];

async function openArabic() {
  const opened = await openReader(env, { contextOptions: { viewport: { width: 1280, height: 900 } } });
  await opened.page.setInputFiles('#open-article', { name: 'دمشق.txt', mimeType: 'text/plain', buffer: Buffer.from(ARABIC) });
  await opened.page.waitForFunction((headline) => document.querySelector('main h1')?.textContent === headline, SENTENCES[0]);
  await opened.page.waitForSelector('.panel');
  return opened;
}

test('an Arabic article is read right to left and annotated by keyboard', async () => {
  const { context, page, errors } = await openArabic();
  const article = page.locator('main article');
  assert.equal(await article.getAttribute('lang'), 'ar');
  assert.equal(await article.getAttribute('dir'), 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.deepEqual(await page.locator('main [data-sid]').allTextContents(), SENTENCES);

  // Mirrored: the panel sits on the article's left, and a sentence's text starts at its right.
  const articleBox = await article.boundingBox();
  const panelBox = await page.locator('.panel').boundingBox();
  assert.ok(panelBox.x + panelBox.width <= articleBox.x + 1, `panel ${JSON.stringify(panelBox)} left of ${JSON.stringify(articleBox)}`);
  const headlineBox = await page.locator('main h1 [data-sid="0"]').boundingBox();
  assert.ok(headlineBox.x + headlineBox.width > articleBox.x + articleBox.width * 0.6, 'the headline starts at the right');

  // Keyboard alone: to the third sentence, highlight it, write a note in Arabic.
  await page.locator('main [data-sid="0"]').focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.sid), '2');
  await page.keyboard.press('h');
  await page.waitForSelector('main [data-sid="2"][data-annotated]');
  await page.keyboard.press('n');
  await page.waitForSelector('#note-text:focus');
  await page.keyboard.type('سؤال مهم');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#note-text', { state: 'detached' });
  const item = page.locator('.panel [data-annotation-id]').first();
  assert.equal(await item.locator('.note').textContent(), 'سؤال مهم');
  assert.equal(await item.locator('.note').evaluate((note) => getComputedStyle(note).direction), 'rtl');
  assert.equal(await item.locator('.quote').textContent(), SENTENCES[2]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the reader's choice of language is kept with the article", async () => {
  const { context, page, errors } = await openArabic();
  const picker = page.getByLabel('Language');
  assert.equal(await picker.inputValue(), '');
  await picker.selectOption('de');
  await page.waitForFunction(() => document.querySelector('main article')?.lang === 'de');
  assert.equal(await page.locator('main article').getAttribute('dir'), 'ltr');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');

  await page.reload();
  await page.waitForFunction((headline) => document.querySelector('main h1')?.textContent === headline, SENTENCES[0]);
  assert.equal(await page.locator('main article').getAttribute('lang'), 'de');
  assert.equal(await page.getByLabel('Language').inputValue(), 'de');

  await page.getByLabel('Language').selectOption('');
  await page.waitForFunction(() => document.querySelector('main article')?.lang === 'ar');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.deepEqual(errors, []);
  await context.close();
});
