// Renders the app icons (assets/icons/*.png, committed) from their SVG sources with headless
// Chromium, so the PNGs the manifest needs are made in the repo. Run by scripts/icons.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, launch } from '../../tests/e2e/support.mjs';

// [source svg, output png, size in px]. "any" icons keep the favicon's rounded corners; the
// maskable one fills the square and keeps its drawing in the central safe zone.
const ICONS = [
  ['assets/favicon.svg', 'assets/icons/icon-192.png', 192],
  ['assets/favicon.svg', 'assets/icons/icon-512.png', 512],
  ['assets/icon-maskable.svg', 'assets/icons/maskable-512.png', 512],
];

const browser = await launch();
try {
  for (const [source, output, size] of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const svg = await readFile(join(ROOT, source), 'utf8');
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await writeFile(join(ROOT, output), await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`${output} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
