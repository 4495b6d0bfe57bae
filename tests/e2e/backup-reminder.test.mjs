// Readers with data of their own are asked for persistent storage, and, where the browser may
// still evict it, reminded to export a backup. The browser's answer is stubbed, so that each case
// is tested whatever this Chromium would decide.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { servedBrowser, shown } from './support.mjs';

const REMINDER = 'Export a backup';
const DISMISS = { name: 'Remind me in a week' };
// Stands for the annotations, which live under `scholia:` keys.
const READER_DATA = ['scholia:annotations', '[]'];

const env = servedBrowser();

/** A page whose browser answers `granted` to navigator.storage.persist(), counting the asks. */
async function openWith({ granted, data }) {
  const context = await env.browser.newContext();
  await context.addInitScript(
    ({ granted, data }) => {
      if (data && !sessionStorage.getItem('seeded')) {
        localStorage.setItem(...data);
        sessionStorage.setItem('seeded', '1');
      }
      window.persistAsks = 0;
      StorageManager.prototype.persisted = async () => false;
      StorageManager.prototype.persist = async () => {
        window.persistAsks++;
        return granted;
      };
    },
    { granted, data },
  );
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('[data-sid]');
  // The reminder follows the browser's answer, which takes a few tasks.
  await page.waitForTimeout(300);
  return { context, page };
}

const reminder = (page) => page.getByRole('status').filter({ hasText: REMINDER });

describe('the backup reminder', () => {
  test('a reader with no data of their own is neither asked nor reminded', async () => {
    const { context, page } = await openWith({ granted: false, data: null });
    assert.equal(await page.evaluate(() => window.persistAsks), 0);
    assert.equal(await reminder(page).count(), 0);
    await context.close();
  });

  test('a reader whose storage is made persistent is not reminded', async () => {
    const { context, page } = await openWith({ granted: true, data: READER_DATA });
    assert.equal(await page.evaluate(() => window.persistAsks), 1);
    assert.equal(await reminder(page).count(), 0);
    await context.close();
  });

  test('a reader whose data may be evicted is reminded, until they dismiss it for a week', async () => {
    const { context, page } = await openWith({ granted: false, data: READER_DATA });
    assert.equal(await page.evaluate(() => window.persistAsks), 1);
    await reminder(page).waitFor();
    await reminder(page).getByRole('button', DISMISS).click();
    assert.equal(await reminder(page).count(), 0);

    await page.reload();
    await shown(page);
    await page.waitForTimeout(300);
    assert.equal(await reminder(page).count(), 0);

    // A week later it comes back.
    await page.evaluate(() => {
      const week = 7 * 24 * 60 * 60 * 1000;
      localStorage.setItem('scholia:backup-reminder-dismissed', String(Date.now() - week - 1));
    });
    await page.reload();
    await reminder(page).waitFor();
    await context.close();
  });
});
