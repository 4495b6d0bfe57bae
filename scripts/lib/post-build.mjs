// Makes a release build offline-ready and locked down. Trunk runs it after every build (Trunk.toml,
// post_build hook, on its staging folder); tests run it on a copy: node scripts/lib/post-build.mjs DIR
//
// - index.html gets a strict Content-Security-Policy, with the hashes of trunk's inline loader, and
//   the meta tag that tells the app to register the service worker;
// - sw.js is assets/sw.js with this build's file list and a version made from the files' contents;
// - standalone.html is the whole app in one file (CSS, JS glue and wasm inlined) for file://.
//
// Running it again on its own output gives the same result, so a changed copy can be redone.

import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

import { lzma } from './lzma.mjs';

const SW_TEMPLATE = new URL('../../assets/sw.js', import.meta.url);
const UNLZMA = new URL('./unlzma.js', import.meta.url);
// Not precached: the worker itself (browsers fetch it on their own), and the take-away file.
const NOT_PRECACHED = new Set(['sw.js', 'standalone.html']);
const CSP_META = /\s*<meta http-equiv="Content-Security-Policy"[^>]*>/g;
const SW_META = /\s*<meta name="scholia-service-worker"[^>]*>/g;
// Trunk's content-hashed names (filehash = true): the HTTP cache can never hold a stale copy.
const HASHED_NAME = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;
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

/** Replaces exactly one occurrence of `marker`, so that a changed template fails loudly. */
function fill(text, marker, value) {
  const parts = text.split(marker);
  if (parts.length !== 2) throw new Error(`post-build: expected one ${marker} in assets/sw.js`);
  return parts.join(value);
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
    if (NOT_PRECACHED.has(file)) continue;
    precache.push({
      url: file,
      integrity: `sha384-${hash('sha384', await readFile(join(dir, file)))}`,
      // The others are revalidated, so that a new version never installs an old copy.
      cache: HASHED_NAME.test(file) ? 'default' : 'no-cache',
    });
  }
  const version = hash('sha256', JSON.stringify(precache), 'hex').slice(0, 16);
  let worker = await readFile(SW_TEMPLATE, 'utf8');
  worker = fill(worker, "'%VERSION%'", JSON.stringify(version));
  worker = fill(worker, '/* %PRECACHE% */ []', JSON.stringify(precache, null, 2));
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

/** One self-contained file: no request at all, so it works from file:// and from an e-mail. */
async function standalone(page) {
  const href = (rel) => linkTags(page).filter((link) => link.rel === rel).map((link) => link.href.replace(/^\.\//, ''));
  const loader = page.match(/from '\.\/([^']+\.js)';[\s\S]*?module_or_path: '\.\/([^']+\.wasm)'/);
  if (!loader) throw new Error("post-build: trunk's loader script has changed shape");
  const [, gluePath, wasmPath] = loader;

  const stylesheets = href('stylesheet');
  if (stylesheets.length === 0) throw new Error('post-build: index.html links no stylesheet');
  let css = '';
  for (const file of stylesheets) css += await readFile(join(dir, file), 'utf8');
  if (/url\((?!\s*['"]?data:)/.test(css)) throw new Error('post-build: the CSS refers to a file; standalone.html cannot');

  const glue = await readFile(join(dir, gluePath), 'utf8');
  const init = glue.match(/export \{[^}]*?\b(\w+) as default\b/)?.[1];
  if (!init) throw new Error("post-build: no default export (the init function) in wasm-bindgen's glue");
  // Compressed before base64: base64 hides the wasm's redundancy from the gzip of the whole file.
  // LZMA packs it about a fifth smaller than gzip; the page unpacks it with unlzma.js.
  const wasm = lzma(await readFile(join(dir, wasmPath))).toString('base64');
  const unlzma = (await readFile(UNLZMA, 'utf8')).replace(/^export function/m, 'function');
  // A block, so that its names cannot clash with the glue's.
  const script = `${glue}
{
${unlzma}
  const text = atob('${wasm}');
  const packed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
  await ${init}({ module_or_path: unlzma(packed) });
}
`;
  if (/<\/script|<!--/i.test(script)) throw new Error('post-build: the script cannot be inlined as it is');

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
      'style-src': [`'sha256-${hash('sha256', css)}'`],
      'img-src': ['data:'],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    }),
    ...icons,
    `<style>${css}</style>`,
    `<script type="module">${script}</script>`,
  ];
  // Out go the links to files and the comments about them.
  const bare = page.replace(/\s*<link\b[^>]*>/g, '').replace(/\s*<!--[\s\S]*?-->/g, '').replace(INLINE_SCRIPT, '');
  const html = afterCharset(bare, head);
  await writeFile(join(dir, 'standalone.html'), html);
  return { raw: Buffer.byteLength(html), gzip: gzipSync(html, { level: 9 }).length };
}

const page = trunkPage.replace(CSP_META, '').replace(SW_META, '');
await writeFile(indexPath, securePage(page));
const worker = await serviceWorker();
const file = await standalone(page);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `post-build: CSP in index.html; sw.js version ${worker.version} precaching ${worker.files} files; ` +
    `standalone.html ${kb(file.raw)} (${kb(file.gzip)} gzip)`,
);
