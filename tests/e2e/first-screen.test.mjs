// index.html paints the default article's first screen before the wasm arrives
// (scripts/lib/first-screen.mjs): the copy is the app's own first screen, inert, replaced by the
// app where it stands, and hidden from a reader coming back to an article of their own.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { takeFirstScreen } from '../../scripts/lib/take-first-screen.mjs';
import { DIST, ROOT, launch, serve, shown } from './support.mjs';

const WASM = /_bg\.wasm$/;
let server, browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page whose wasm is held back until `release()` is called, so the copy stays on screen. */
async function withWasmHeld({ init } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  if (init) await page.addInitScript(init);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(WASM, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.url);
  return { context, page, errors, release };
}

const headlineBox = (page, selector) =>
  page.evaluate((selector) => {
    const { x, y, width, height } = document.querySelector(selector).getBoundingClientRect();
    return { x, y, width, height };
  }, selector);

describe('the first screen before the app starts', () => {
  test('is the copy the build was made with, and the app still renders it the same way', async () => {
    const committed = await readFile(join(ROOT, 'assets/first-screen.html'), 'utf8');
    assert.equal(await takeFirstScreen(), committed, 'out of date: run scripts/first-screen');
    assert.ok((await readFile(join(DIST, 'index.html'), 'utf8')).includes(committed.trim()));
  });

  test('shows the headline and the first paragraphs, inert, with no sentences to annotate yet', async () => {
    const { context, page, errors, release } = await withWasmHeld();
    const copy = page.locator('#first-screen');
    assert.equal(await copy.getAttribute('inert'), '');
    assert.ok(await page.locator('#first-screen h1').isVisible());
    assert.match(await page.locator('#first-screen h1').textContent(), /^Bashar al-Assad has fled Damascus\./);
    assert.ok((await page.locator('#first-screen p').count()) >= 3);
    assert.equal(await page.locator('[data-sid]').count(), 0, 'nothing is annotatable before the app runs');
    assert.equal(await page.locator('#first-screen [id], #first-screen [tabindex]').count(), 0);
    release();
    await context.close();
    assert.deepEqual(errors, []);
  });

  test('is replaced by the app where it stands: the headline does not move', async () => {
    const { context, page, errors, release } = await withWasmHeld();
    const before = await headlineBox(page, '#first-screen h1');
    release();
    await shown(page);
    assert.equal(await page.locator('#first-screen').count(), 0);
    assert.deepEqual(await headlineBox(page, 'main article h1'), before);
    await context.close();
    assert.deepEqual(errors, []);
  });

  test('is not shown to a reader coming back to an article of their own', async () => {
    const { context, page, errors, release } = await withWasmHeld({
      init: () => localStorage.setItem('scholia:library', JSON.stringify({ current: 'a1b2c3d4e5f60718', entries: [] })),
    });
    assert.equal(await page.locator('#first-screen').count(), 1, 'the copy is in the page');
    assert.equal(await page.locator('#first-screen h1').isVisible(), false, 'but not shown');
    release();
    await context.close();
    assert.deepEqual(errors, []);
  });

  test('stays, with the reason, when the app cannot start', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route(WASM, (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(server.url);
    await page.locator('.noscript', { hasText: 'Scholia could not start' }).waitFor();
    assert.ok(await page.locator('#first-screen h1').isVisible(), 'the reader can still read the article');
    await context.close();
  });
});
