// Export, import, share links and the shortcuts overlay come in wasm chunks that the release site
// fetches after its first load (src/ui/on_demand.rs, scripts/lib/split.mjs). The article must
// show without them and they must arrive afterwards, whatever content types the host gives the
// wasm files. A chunk that cannot be fetched must be an alert that loses nothing, with the next
// try fetching it again; a first-load module that cannot be fetched, a message in the page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { openReader, requestedBeforeFirstSentence, servedBrowser, watchFirstSentence } from './support.mjs';

const CHUNK = /\/(split|chunk)_[^/]*\.wasm$/;
const FIRST_LOAD_MODULE = /_bg\.wasm$/;
const EXPORT_CHUNK = /\/split_export-[^/]*\.wasm$/;
// fetch_chunks starts a second after the app; this is that with room to spare.
const PREFETCHED_WITHIN_MS = 10_000;

const env = servedBrowser();

describe('code fetched on demand', () => {
  test('the first load fetches no chunk; the page itself fetches every chunk once the article shows', async () => {
    // No service worker: its precache would fetch the chunks too, and hide the page's own fetch.
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(watchFirstSentence);
    const requested = [];
    context.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(env.server.url);
    const firstLoad = await requestedBeforeFirstSentence(page);
    assert.ok(firstLoad.some((path) => FIRST_LOAD_MODULE.test(path)), 'the first-load module');
    assert.deepEqual(firstLoad.filter((path) => CHUNK.test(path)), []);

    const chunks = ['panel', 'notices', 'help', 'export', 'import', 'share', 'library', 'reading'];
    const fetched = () => chunks.every((name) => requested.some((path) => path.includes(`/split_${name}-`)));
    for (const started = Date.now(); !fetched(); await page.waitForTimeout(100)) {
      assert.ok(Date.now() - started < PREFETCHED_WITHIN_MS, 'every chunk is fetched soon after the first load');
    }
    // Once here, the overlay opens with nothing more to fetch.
    await page.waitForLoadState('networkidle');
    const before = requested.length;
    await page.keyboard.press('?');
    await page.waitForSelector('#help-heading');
    assert.deepEqual(requested.slice(before), []);
    await context.close();
  });

  test('whatever content types the host gives the wasm files, the page starts and the chunks load', async () => {
    const context = await env.browser.newContext();
    // Hosts that do not know .wasm send it as application/octet-stream, which streaming
    // compilation refuses: the module is then compiled once it has arrived.
    const retyped = (type) => async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': type } });
    };
    await context.route(FIRST_LOAD_MODULE, retyped('application/octet-stream'));
    await context.route(CHUNK, retyped('application/octet-stream'));
    const { page, errors } = await openReader(env, { context });
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.waitForSelector('#export-heading');
    assert.deepEqual(errors, []);
    // Chunks fetched in the background may still be in flight: their handlers must not outlive
    // the context.
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  });

  test('a first-load module that cannot be fetched is said in plain words', async () => {
    const context = await env.browser.newContext();
    await context.route(FIRST_LOAD_MODULE, (route) => route.fulfill({ status: 503, body: '' }));
    const page = await context.newPage();
    await page.goto(env.server.url);
    const message = page.getByText('Scholia could not start');
    await message.waitFor();
    assert.match(await message.textContent(), /server answered 503\)\. Reload the page to try again\./);
    await context.close();
  });

  test('a chunk that cannot be fetched is an alert; the page goes on, and the next try works', async () => {
    const context = await env.browser.newContext();
    await context.route(EXPORT_CHUNK, (route) => route.abort('internetdisconnected'));
    const { page, errors } = await openReader(env, { context });

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const alert = page.locator('[role="alert"][data-alert="unloaded"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /could not be loaded/);
    assert.equal(await page.getByRole('dialog').count(), 0);

    // Reading and annotating do not need the chunk.
    await page.locator('[data-sid="1"]').click();
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="1"][data-annotated]');

    await context.unroute(EXPORT_CHUNK);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('dialog').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
