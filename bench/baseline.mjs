// The baseline the long-article benchmarks run beside Scholia: a page that reads the file chosen
// in its `#open-article` input and renders it with a few lines of inline script, one focusable
// `.sentence` element per sentence and an element per block, with the app's stylesheet, all at
// once. What any page that shows this text from script costs, on this machine, today.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DIST } from '../tests/e2e/support.mjs';

const stylesheet = (await readdir(DIST)).find((name) => /^style-.*\.css$/.test(name));
const css = stylesheet ? await readFile(join(DIST, stylesheet), 'utf8') : '';

/** The page's HTML, with `script` (more inline script) after its own. */
export const inlineScriptPage = (script = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title>
<style>${css}</style></head><body><input type="file" id="open-article"><main><article class="article"></article></main>
<script>
document.getElementById('open-article').addEventListener('change', async (event) => {
  const text = await event.target.files[0].text();
  const article = document.querySelector('article');
  article.replaceChildren();
  let sid = 0;
  for (const block of text.split(/\\n\\s*\\n/)) {
    const heading = block.match(/^(#+) /);
    const element = article.appendChild(document.createElement(heading ? 'h' + heading[1].length : 'p'));
    for (const sentence of block.slice(heading ? heading[0].length : 0).match(/[^.!?]+[.!?]*\\s*/g) ?? []) {
      const span = element.appendChild(document.createElement('span'));
      span.className = 'sentence';
      span.tabIndex = -1;
      span.dataset.sid = sid++;
      span.textContent = sentence;
    }
  }
});
${script}
</script></body></html>`;

/** Opens the baseline page (with `script`) in `page`, served by a route from `origin`. */
export async function gotoBaseline(page, origin, script) {
  await page.route('**/baseline.html', (route) => route.fulfill({ body: inlineScriptPage(script), contentType: 'text/html' }));
  await page.goto(new URL('baseline.html', origin).href);
}
