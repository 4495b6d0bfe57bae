// Makes a release build offline-ready and locked down. Trunk runs it after every build (Trunk.toml,
// post_build hook, on its staging folder); tests run it on a copy: node scripts/lib/post-build.mjs DIR
//
// - standalone.html is the whole app in one file (CSS, JS glue and wasm inlined) for file://;
// - trunk's wasm module is replaced by the split one: a first-load module and chunks (split.mjs);
// - index.html paints the default article's first screen before the wasm arrives (first-screen.mjs);
// - index.html gets a strict Content-Security-Policy, with the hashes of its inline loader, and
//   the meta tag that tells the app to register the service worker;
// - sw.js is assets/sw.js with this build's file list and a version made from the files' contents;
// - every compressible file gets a brotli (.br) and a gzip (.gz) copy beside it, for hosts that
//   serve precompressed files (compress.mjs).
//
// Running it again on its own output redoes the last three and keeps the rest, so a changed copy
// can be redone.

import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';

import { COMPRESSED, compressAll, gzip } from './compress.mjs';
import { CHARSET, EMBEDDED_ID, UNPACK_SCRIPT, asciiCss, asciiHtml, assertAscii, escapeBytes } from './embed.mjs';
import { minify } from './minify.mjs';
import { splitSite } from './split.mjs';
import { withFirstScreen } from './first-screen.mjs';
import { inlinable, replaceOnce, sri } from './edit.mjs';

const SW_TEMPLATE = new URL('../../assets/sw.js', import.meta.url);
const FIRST_SCREEN = new URL('../../assets/first-screen.html', import.meta.url);
// Not precached: the worker itself (browsers fetch it on their own), and the take-away file.
const NOT_PRECACHED = new Set(['sw.js', 'standalone.html']);
const CSP_META = /\s*<meta http-equiv="Content-Security-Policy"[^>]*>/g;
const SW_META = /\s*<meta name="scholia-service-worker"[^>]*>/g;
// Trunk's content-hashed names (filehash = true): the HTTP cache can never hold a stale copy.
const HASHED_NAME = /-[0-9a-f]{16}(_bg)?(\.[a-z]+)+$/;
const INLINE_SCRIPT = /\s*<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('usage: node scripts/lib/post-build.mjs DIR (or run by trunk as a hook)');
const indexPath = join(dir, 'index.html');
const trunkPage = await readFile(indexPath, 'utf8');
// Dev builds and `trunk serve`: a worker would keep serving what should reload, and the live-reload
// script is inline and filled in as it is served (its placeholders are still here), so no hash
// could allow it.
const dev = process.env.TRUNK_PROFILE !== 'release' || trunkPage.includes('{{__TRUNK_ADDRESS__}}');
if (process.argv[2] === undefined && dev) {
  console.log('post-build: dev build, no CSP, service worker or standalone file');
  process.exit(0);
}

const hash = (algorithm, data, encoding = 'base64') => createHash(algorithm).update(data).digest(encoding);
const policy = (directives) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
const cspMeta = (directives) => `<meta http-equiv="Content-Security-Policy" content="${policy(directives)}" />`;
const scriptHashes = (html) => [...html.matchAll(INLINE_SCRIPT)].map(([, body]) => `'sha256-${hash('sha256', body)}'`);

/** Inserts `tags` right after `<meta charset>`, so that the policy covers everything after it. */
function afterCharset(html, tags) {
  const charset = html.match(/<meta charset=[^>]*>/);
  if (!charset) throw new Error('post-build: index.html has no <meta charset>');
  const at = charset.index + charset[0].length;
  return html.slice(0, at) + tags.map((tag) => `\n    ${tag}`).join('') + html.slice(at);
}


async function filesUnder(root) {
  const names = await readdir(root, { recursive: true });
  const files = [];
  for (const name of names.sort()) {
    if ((await stat(join(root, name))).isFile()) files.push(name.split(sep).join('/'));
  }
  return files;
}

function securePage(page) {
  return afterCharset(page, [
    cspMeta({
      'default-src': ["'none'"],
      'script-src': ["'self'", "'wasm-unsafe-eval'", ...scriptHashes(page)],
      'style-src': ["'self'"],
      'img-src': ["'self'"],
      'connect-src': ["'self'"],
      'manifest-src': ["'self'"],
      'worker-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    }),
    '<meta name="scholia-service-worker" content="sw.js" />',
  ]);
}

async function serviceWorker() {
  const precache = [];
  for (const file of await filesUnder(dir)) {
    if (NOT_PRECACHED.has(file) || COMPRESSED.test(file)) continue;
    precache.push({
      url: file,
      integrity: sri(await readFile(join(dir, file))),
      // The others are revalidated, so that a new version never installs an old copy.
      cache: HASHED_NAME.test(file) ? 'default' : 'no-cache',
    });
  }
  const version = hash('sha256', JSON.stringify(precache), 'hex').slice(0, 16);
  let worker = await readFile(SW_TEMPLATE, 'utf8');
  worker = replaceOnce(worker, "'%VERSION%'", JSON.stringify(version));
  worker = replaceOnce(worker, '/* %PRECACHE% */ []', JSON.stringify(precache, null, 2));
  await writeFile(join(dir, 'sw.js'), worker);
  return { version, files: precache.length };
}

/**
 * The `rel` and `href` of each `<link>` in `html`, whatever the attributes' order and quoting:
 * a minified page writes `<link href=./style.css rel=stylesheet>`.
 */
function linkTags(html) {
  const attribute = (tag, name) =>
    tag.match(new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(1).find((v) => v !== undefined);
  return [...html.matchAll(/<link\b[^>]*>/gi)].map(([tag]) => ({ rel: attribute(tag, 'rel'), href: attribute(tag, 'href') }));
}

/** The JS glue and the wasm that trunk's loader script in `page` loads; none without it. */
function trunkModule(page) {
  const loader = page.match(/from '\.\/([^']+\.js)';[\s\S]*?module_or_path: '\.\/([^']+\.wasm)'/);
  return loader && { glue: loader[1], wasm: loader[2] };
}

/**
 * One self-contained file: no request at all, so it works from file:// and from an e-mail. It
 * carries trunk's single module: with nothing to fetch, there is nothing to split.
 */
async function standalone(page, { glue: gluePath, wasm: wasmPath }) {
  const href = (rel) => linkTags(page).filter((link) => link.rel === rel).map((link) => link.href.replace(/^\.\//, ''));

  const stylesheets = href('stylesheet');
  if (stylesheets.length === 0) throw new Error('post-build: index.html links no stylesheet');
  let css = '';
  for (const file of stylesheets) css += await readFile(join(dir, file), 'utf8');
  if (/url\((?!\s*['"]?data:)/.test(css)) throw new Error('post-build: the CSS refers to a file; standalone.html cannot');
  const style = asciiCss(css);

  const glue = await readFile(join(dir, gluePath), 'utf8');
  const init = glue.match(/export \{[^}]*?\b(\w+) as default\b/)?.[1];
  if (!init) throw new Error("post-build: no default export (the init function) in wasm-bindgen's glue");
  // Gzipped, which the browser's DecompressionStream unpacks while the wasm compiles; carried as
  // bytes, not base64 (embed.mjs).
  const wasm = escapeBytes(await gzip(await readFile(join(dir, wasmPath))));
  // A block, so that its names cannot clash with the glue's.
  const script = await minify(`${glue}
{
  ${UNPACK_SCRIPT}
  const packed = unpackEmbedded(document.getElementById('${EMBEDDED_ID}'));
  const wasm = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  await ${init}({ module_or_path: new Response(wasm, { headers: { 'Content-Type': 'application/wasm' } }) });
}
`);

  const icons = [];
  const iconFiles = href('icon');
  if (iconFiles.length === 0) throw new Error('post-build: index.html links no icon');
  for (const file of iconFiles) {
    const svg = await readFile(join(dir, file), 'utf8');
    icons.push(`<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(svg)}" />`);
  }

  const head = [
    cspMeta({
      'default-src': ["'none'"],
      'script-src': [`'sha256-${hash('sha256', script)}'`, "'wasm-unsafe-eval'"],
      'style-src': [`'sha256-${hash('sha256', style)}'`],
      'img-src': ['data:'],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    }),
    ...icons,
    `<style>${style}</style>`,
    `<script type="module">${inlinable(script)}</script>`,
  ];
  // Out go the links to files and the comments about them.
  const bare = page.replace(/\s*<link\b[^>]*>/g, '').replace(/\s*<!--[\s\S]*?-->/g, '').replace(INLINE_SCRIPT, '');
  const html = afterCharset(asciiHtml(bare).replace(/<meta charset=[^>]*>/, `<meta charset="${CHARSET}" />`), head);
  assertAscii(html, 'standalone.html');
  const end = html.lastIndexOf('</body>');
  if (end < 0) throw new Error('post-build: index.html has no </body>');
  const file = Buffer.concat([
    Buffer.from(`${html.slice(0, end)}  <script type="application/octet-stream" id="${EMBEDDED_ID}">`),
    wasm,
    Buffer.from(`</script>\n  ${html.slice(end)}`),
  ]);
  await writeFile(join(dir, 'standalone.html'), file);
  return file.length;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let page = trunkPage.replace(CSP_META, '').replace(SW_META, '');
// A page with trunk's loader is fresh from trunk; one without is this script's own output, whose
// standalone.html and split wasm stay as they are.
const module = trunkModule(page);
if (module) {
  console.log(`post-build: standalone.html ${kb(await standalone(page, module))}`);
  const split = await splitSite(dir, page, module);
  page = withFirstScreen(split.page, await readFile(FIRST_SCREEN, 'utf8'));
  console.log(`post-build: split the wasm into ${split.names.wasm} and ${split.chunks.length} chunks`);
}
await writeFile(indexPath, securePage(page));
const worker = await serviceWorker();
console.log(`post-build: CSP in index.html; sw.js version ${worker.version} precaching ${worker.files} files`);
const compressed = await compressAll(dir);
console.log(`post-build: brotli and gzip copies of ${compressed} files`);
