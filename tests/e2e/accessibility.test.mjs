// axe-core finds no accessibility violations in any state of the page: at rest, annotated, with
// the note editor, the shortcuts dialog, the Articles dialog and the alerts open, with an opened
// right-to-left article, in dark mode and on a phone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { servedBrowser } from './support.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const env = servedBrowser();

/** A fresh page; axe is injected past the page's CSP, which would rightly refuse it. */
async function open(options = {}) {
  const context = await env.browser.newContext({ bypassCSP: true, ...options });
  const page = await context.newPage();
  if (options.init) await page.addInitScript(options.init);
  await page.goto(env.server.url);
  await page.waitForSelector('[data-sid]');
  return { context, page };
}

async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

async function annotate(page) {
  await page.locator('[data-sid="2"]').focus();
  await page.keyboard.press('h');
  await page.locator('[data-sid="4"]').focus();
  await page.keyboard.press('3');
  await page.keyboard.press('n');
  await page.keyboard.type('A note');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('[data-annotation-id]', { state: 'attached' });
}

describe('no axe-core violations', () => {
  for (const [name, options] of [
    ['light, wide', { viewport: { width: 1280, height: 900 }, colorScheme: 'light' }],
    ['dark, phone', { viewport: { width: 360, height: 740 }, colorScheme: 'dark' }],
  ]) {
    test(`${name}: at rest, annotated, and with the panel, editor and shortcuts open`, async () => {
      const { context, page } = await open(options);
      assert.deepEqual(await violations(page), []);
      await annotate(page);
      if (options.viewport.width < 600) await page.locator('.panel-toggle').click();
      assert.deepEqual(await violations(page), []);
      await page.locator('[data-sid="6"]').focus();
      await page.keyboard.press('n');
      await page.waitForSelector('#note-text');
      assert.deepEqual(await violations(page), []);
      await page.keyboard.press('Escape');
      await page.locator('[data-sid="6"]').focus();
      await page.keyboard.press('?');
      await page.waitForSelector('.help');
      assert.deepEqual(await violations(page), []);
      await context.close();
    });
  }

  test('with an opened web page, an Arabic one, and the Articles dialog open', async () => {
    const { context, page } = await open();
    await page.setInputFiles('#open-article', {
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<html lang="ar"><body><article><h1>عنوان المقال</h1><p class="byline">بقلم كاتب</p><p>هذه جملة أولى طويلة بما يكفي. وهذه جملة ثانية.</p><ul><li>بند أول</li><li>بند ثان</li></ul><blockquote><p>اقتباس قصير.</p></blockquote><figure><figcaption>تعليق الصورة.</figcaption></figure></article></body></html>'),
    });
    await page.waitForFunction(() => document.querySelector('main article')?.getAttribute('dir') === 'rtl');
    assert.deepEqual(await violations(page), []);
    await page.getByRole('button', { name: 'Articles', exact: true }).click();
    await page.getByRole('dialog', { name: 'Articles' }).waitFor();
    await page.getByRole('button', { name: /^Rename / }).click();
    assert.deepEqual(await violations(page), []);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: /^Delete / }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    assert.deepEqual(await violations(page), []);
    await context.close();
  });

  test('with a storage alert showing', async () => {
    const { context, page } = await open({
      init: () =>
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('blocked', 'SecurityError');
          },
        }),
    });
    await page.waitForSelector('[role="alert"]');
    assert.deepEqual(await violations(page), []);
    await context.close();
  });
});
