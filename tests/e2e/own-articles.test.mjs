// Readers open their own articles: saved web pages (the site around the article left out, and
// nothing of the file run or fetched), Markdown and text, by the picker, a drop or a paste; they
// are kept in the library, with their annotations, across reloads and switches.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openReader, servedBrowser } from './support.mjs';

const env = servedBrowser();

/** A saved news page with everything a page carries besides its article. */
const SAVED_PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour reopens after storm | The Coastal Courier</title>
<meta property="og:title" content="Harbour reopens after storm">
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<script>window.__ran = 'head script'; alert('head');</script>
<script src="https://tracker.example.com/t.js"></script>
<style>body { background: red }</style>
</head>
<body onload="window.__ran = 'onload'">
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header class="masthead"><a href="/">The Coastal Courier</a>
<nav class="menu"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article class="story">
<h1>Harbour reopens after storm</h1>
<p class="byline">By <a href="/staff/ana">Ana Ruiz</a> · <time datetime="2026-11-30">30 November 2026</time></p>
<div class="share-buttons"><a href="javascript:share('fb')">Share on Facebook</a> <a href="javascript:share('x')">Share on X</a></div>
<p>The harbour at Port Elder reopened on Monday, three days after the storm tore two fishing boats from their moorings and flooded the quay.</p>
<p onclick="window.__ran = 'click handler'">Harbour master Tom Reyes said divers had checked every berth. <a href="javascript:alert('link')">Crews worked through the night</a>, and the first ferry left at six.</p>
<img src="https://images.example.com/storm.jpg" alt="Waves over the quay" onerror="window.__ran = 'onerror'">
<h2>Damage to the quay</h2>
<p>Engineers found cracks in the <em>old</em> sea wall, which dates from 1894, and the council has closed the promenade until repairs are done.</p>
<ul><li>Two boats were lost.</li><li>The fish market will open on Thursday.</li></ul>
<blockquote><p>We were lucky nobody was on the water that night.</p></blockquote>
<figure><img src="https://images.example.com/quay.jpg" alt=""><figcaption>The quay on Saturday morning.</figcaption></figure>
<iframe src="https://video.example.com/embed/123" title="video"></iframe>
<p>Residents are asked to report further damage to the council by phone.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Storm warning issued for the coast</a></li><li><a href="/b">Ferry timetable changes this winter</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><p>First! Great article, thanks for sharing this news with us.</p></section>
</main>
<footer class="site-footer"><p>© 2026 The Coastal Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script>window.__ran = 'body script';</script>
</body></html>`;

const MARKDOWN = `---
title: front matter is not shown
---

# Notes on tidal power

Tidal power is *predictable*: the [tides](https://example.com/tides) come twice a day.

## Where it works

- Narrow estuaries
- Headlands with fast currents

> The moon does the work.

<script>window.__ran = 'markdown html'</script>
`;

const ARABIC_PAGE = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>افتتاح الميناء</title></head>
<body><article><h1>افتتاح الميناء بعد العاصفة</h1>
<p>أعيد فتح الميناء يوم الاثنين بعد ثلاثة أيام من العاصفة التي ضربت الساحل. وقال مدير الميناء إن الغواصين فحصوا كل رصيف.</p>
<p>وغادرت أول عبارة في السادسة صباحا، وطلب من السكان الإبلاغ عن أي أضرار أخرى.</p></article></body></html>`;

const file = (name, text, mimeType = 'text/plain') => ({
  name,
  mimeType,
  buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
});

async function openFile(page, name, text, mimeType) {
  await page.setInputFiles('#open-article', file(name, text, mimeType));
}

const headline = (page) => page.locator('main article h1');
const articleText = (page) => page.locator('main article').textContent();
const alert = (page) => page.locator('[data-alert="article-refused"]');

/** Records every request the page makes that is not to the served site. */
function watchRequests(page, origin) {
  const foreign = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) foreign.push(request.url());
  });
  return foreign;
}

describe('opening a saved web page', () => {
  test('shows the article without the site around it, and runs and fetches nothing', async () => {
    const { page, context, errors } = await openReader(env);
    const foreign = watchRequests(page, env.server.url.replace(/\/$/, ''));
    const accept = await page.locator('input[type=file]#open-article').getAttribute('accept');
    for (const extension of ['.html', '.htm', '.md', '.markdown', '.txt']) assert.ok(accept.split(',').includes(extension), extension);

    await openFile(page, 'harbour.html', SAVED_PAGE, 'text/html');
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent.includes('Harbour reopens'));
    assert.deepEqual(await page.locator('h1').allTextContents(), ['Harbour reopens after storm']);
    assert.equal(await page.locator('h1 [data-sid="0"]').count(), 1);
    const text = await articleText(page);
    for (const kept of ['Ana Ruiz', 'three days after the storm', 'Crews worked through the night', 'Damage to the quay', 'old sea wall', 'Two boats were lost.', 'nobody was on the water', 'The quay on Saturday morning.', 'report further damage']) {
      assert.ok(text.includes(kept), `kept: ${kept}`);
    }
    for (const chrome of ['cookies', 'Accept all', 'Sport', 'Share on Facebook', 'Related stories', 'Ferry timetable', 'First! Great article', 'All rights reserved', 'Privacy']) {
      assert.ok(!text.includes(chrome), `dropped: ${chrome}`);
    }
    assert.equal(await page.locator('.article .slice > h2').textContent(), 'Damage to the quay');
    assert.equal(await page.locator('.article ul > li [data-sid]').count(), 2);
    assert.equal(await page.locator('.article blockquote [data-sid]').count(), 1);
    // Nothing of the file's markup is in the page.
    const inserted = await page.evaluate(() => document.querySelectorAll('main script, main img, main iframe, main a, main style, main [onclick], main [onerror], main [onload], link[href*="example.com"]').length);
    assert.equal(inserted, 0);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__ran), undefined);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    assert.equal(await page.locator('main article').getAttribute('lang'), 'en-GB');
    assert.equal(await page.locator('main article').getAttribute('dir'), 'ltr');
    assert.match(await page.title(), /^Harbour reopens after storm · Scholia/);
    await context.close();
  });

  test('an Arabic article is laid out right to left', async () => {
    const { page, context } = await openReader(env);
    await openFile(page, 'arabic.html', ARABIC_PAGE, 'text/html');
    await page.waitForFunction(() => document.querySelector('main article')?.getAttribute('dir') === 'rtl');
    assert.equal(await page.locator('main article').getAttribute('lang'), 'ar');
    assert.equal(await headline(page).textContent(), 'افتتاح الميناء بعد العاصفة');
    const direction = await page.locator('main article p').first().evaluate((p) => getComputedStyle(p).direction);
    assert.equal(direction, 'rtl');
    // Plain text in Arabic script is detected as such.
    await openFile(page, 'arabic.txt', 'عنوان المقال\n\nهذه جملة أولى. وهذه جملة ثانية.');
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'عنوان المقال');
    assert.equal(await page.locator('main article').getAttribute('dir'), 'rtl');
    await context.close();
  });

  test('a page in another declared encoding is decoded by the browser', async () => {
    const { page, context } = await openReader(env);
    const latin1 = Buffer.from('<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><article><h1>Caf\xe9 society</h1><p>The caf\xe9 opened in 1902 and still serves cr\xe8me br\xfbl\xe9e to its regulars every day.</p></article></body></html>', 'latin1');
    await openFile(page, 'cafe.html', latin1, 'text/html');
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Café society');
    assert.ok((await articleText(page)).includes('crème brûlée'));
    await context.close();
  });
});

describe('Markdown, text, paste and drop', () => {
  test('a Markdown file becomes headline, paragraphs, subheadings, lists and quotes', async () => {
    const { page, context } = await openReader(env);
    await openFile(page, 'tides.md', MARKDOWN, 'text/markdown');
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Notes on tidal power');
    assert.equal(await page.locator('.article .slice > h2').textContent(), 'Where it works');
    assert.deepEqual(await page.locator('.article li').allTextContents(), ['Narrow estuaries', 'Headlands with fast currents']);
    assert.equal(await page.locator('.article blockquote').textContent(), 'The moon does the work.');
    const text = await articleText(page);
    assert.ok(text.includes('Tidal power is predictable: the tides come twice a day.'));
    assert.ok(!text.includes('front matter') && !text.includes('script'));
    assert.equal(await page.evaluate(() => window.__ran), undefined);
    await context.close();
  });

  test('a text file is read as before: first line headline, blank lines between paragraphs', async () => {
    const { page, context } = await openReader(env);
    await openFile(page, 'note.txt', 'A plain headline\n\nFirst sentence here. Second one.\n\nA subheading\n\nLast paragraph.');
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'A plain headline');
    assert.equal(await page.locator('main [data-sid]').count(), 5);
    await context.close();
  });

  test('HTML pasted outside a field is opened as an article; annotations pasted still go to Import', async () => {
    const { page, context } = await openReader(env);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/html', '<meta charset="utf-8"><h1>Pasted headline</h1><p>A pasted paragraph with <b onclick="window.__ran=1">bold</b> words. And a second sentence.</p><script>window.__ran = 2</script>');
      data.setData('text/plain', 'Pasted headline\nA pasted paragraph with bold words. And a second sentence.');
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Pasted headline');
    assert.equal(await page.locator('main [data-sid]').count(), 3);
    assert.equal(await page.evaluate(() => window.__ran), undefined);
    // Plain text without HTML: opened as text.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Copied words\n\nThey become an article.');
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Copied words');
    // A share link is annotations: the import refuses this damaged one, the article stays.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'https://example.com/#share=v1.AAAA');
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('[data-alert="import-refused"]');
    assert.equal(await headline(page).textContent(), 'Copied words');
    await context.close();
  });

  test('a file dropped on the page is opened as an article', async () => {
    const { page, context } = await openReader(env);
    await page.evaluate((markdown) => {
      const data = new DataTransfer();
      data.items.add(new File([markdown], 'dropped.md', { type: 'text/markdown' }));
      document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, MARKDOWN);
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Notes on tidal power');
    await context.close();
  });
});

describe('what cannot be opened', () => {
  const cases = [
    ['picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /not a text file/],
    ['empty.txt', '', /empty/],
    ['blank.md', '   \n\n  ', /empty/],
    ['latin1.txt', Buffer.from('caf\xe9 au lait', 'latin1'), /not UTF-8/],
    ['chrome-only.html', '<html><body><nav><a href="/">Home</a></nav><footer>© Site</footer></body></html>', /no article text/],
    ['huge.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), /articles can be at most 10 MB/],
  ];
  test('each gets a plain-word alert and the article on screen stays', async () => {
    const { page, context } = await openReader(env);
    const before = await headline(page).textContent();
    for (const [name, content, why] of cases) {
      await openFile(page, name, content);
      await alert(page).waitFor();
      const message = await alert(page).textContent();
      assert.match(message, why, name);
      assert.ok(message.includes(name), name);
      assert.equal(await headline(page).textContent(), before, name);
      await alert(page).getByRole('button', { name: 'Dismiss' }).click();
    }
    await context.close();
  });
});

describe('the library', () => {
  const annotated = (page) => page.locator('main [data-annotated]').count();
  const articlesDialog = async (page) => {
    await page.getByRole('button', { name: 'Articles', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Articles' });
    await dialog.waitFor();
    return dialog;
  };

  test('annotations on an opened article survive a reload and a switch between articles', async () => {
    const { page, context } = await openReader(env);
    await openFile(page, 'tides.md', MARKDOWN, 'text/markdown');
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Notes on tidal power');
    await page.locator('[data-sid="1"]').click();
    await page.keyboard.press('h');
    await page.waitForSelector('[data-sid="1"][data-annotated]');
    await page.waitForTimeout(500);

    await page.reload();
    await page.waitForSelector('[data-sid="1"][data-annotated]');
    assert.equal(await headline(page).textContent(), 'Notes on tidal power');

    let dialog = await articlesDialog(page);
    const listed = await dialog.locator('li').allTextContents();
    assert.equal(listed.length, 2);
    assert.match(listed.find((t) => t.includes('Notes on tidal power')), /tides\.md · 6 sentences · 1 annotation · opened \d{1,2} \w{3} \d{4}/);
    assert.match(await dialog.textContent(), /Storage: your articles take \d+ KB; all Scholia keeps in this browser takes [\d.]+ [KMG]B/);
    await dialog.getByRole('button', { name: 'The default article' }).click();
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent.startsWith('Bashar al-Assad'));
    assert.equal(await annotated(page), 0);

    dialog = await articlesDialog(page);
    await dialog.getByRole('button', { name: 'Notes on tidal power', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Notes on tidal power');
    await page.waitForSelector('[data-sid="1"][data-annotated]');
    assert.equal(await annotated(page), 1);
    await context.close();
  });

  test('articles can be renamed, and deleted with undo; an annotated one asks first and offers an export', async () => {
    const { page, context } = await openReader(env, { contextOptions: { acceptDownloads: true } });
    await openFile(page, 'note.txt', 'A plain headline\n\nFirst sentence here.');
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'A plain headline');
    await openFile(page, 'tides.md', MARKDOWN, 'text/markdown');
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent === 'Notes on tidal power');
    await page.locator('[data-sid="2"]').click();
    await page.keyboard.press('h');
    await page.waitForTimeout(500);

    let dialog = await articlesDialog(page);
    await dialog.getByRole('button', { name: 'Rename A plain headline' }).click();
    await dialog.getByLabel('New title').fill('My note');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('button', { name: 'My note', exact: true }).waitFor();

    await dialog.getByRole('button', { name: 'Delete My note' }).click();
    await dialog.getByRole('button', { name: 'Undo' }).waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'My note', exact: true }).count(), 0);
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await dialog.getByRole('button', { name: 'My note', exact: true }).waitFor();

    await dialog.getByRole('button', { name: 'Delete Notes on tidal power' }).click();
    const confirm = dialog.getByRole('alertdialog');
    assert.match(await confirm.textContent(), /has 1 annotation/);
    const download = page.waitForEvent('download');
    await confirm.getByRole('button', { name: 'Export annotations' }).click();
    assert.equal((await download).suggestedFilename(), 'notes-on-tidal-power.annotations.jsonld');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.waitForFunction(() => document.querySelector('main article h1')?.textContent.startsWith('Bashar al-Assad'));
    await page.reload();
    await page.waitForSelector('[data-sid]');
    dialog = await articlesDialog(page);
    const titles = await dialog.locator('.article-title').allTextContents();
    assert.deepEqual(titles, ['The default article', 'My note']);
    await context.close();
  });
});
