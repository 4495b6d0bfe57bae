// Prints the default article's first screen as the release build in dist/ renders it, for
// assets/first-screen.html (see first-screen.mjs). The build's tests call `takeFirstScreen` to
// check that the copy is current.

import { fileURLToPath } from 'node:url';

import { launch, serve, shown } from '../../tests/e2e/support.mjs';
import { firstScreenOf } from './first-screen.mjs';

// A large desktop screen and then some: below it, a phone's first screen is long past too.
const VIEWPORT = { width: 1280, height: 1000 };
const DEPTH_PX = 1400;

export async function takeFirstScreen() {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(server.url);
    await shown(page);
    return `${await page.evaluate(firstScreenOf, DEPTH_PX)}\n`;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(await takeFirstScreen());
