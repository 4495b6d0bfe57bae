// The release site's wasm in parts: a first-load module with what showing and highlighting the
// article needs, and chunks fetched after it (src/ui/on_demand.rs says which code, and why).
//
// post-build.mjs calls it on trunk's output. It builds the app again with the `split` feature,
// linked with the relocations that wasm-split needs, splits it with wasm-split, runs wasm-bindgen
// and wasm-opt on the parts, and puts them in place of trunk's single module under content-hashed
// names. The page compiles the first-load module as it downloads (streaming compilation).

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { inlinable, replaceEvery, replaceOnce, sri } from './edit.mjs';
import { minify } from './minify.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CRATE = 'scholia';
// The proposals the wasm uses, which wasm-opt must be told of for modules without a features
// section (the chunks).
const WASM_FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

const run = (command, args, env = {}) =>
  promisify(execFile)(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error) => {
    throw new Error(`split: ${command} failed\n${error.stderr || error.message}`);
  });
const contentHash = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 16);
};
// The link module instantiates each chunk with instantiateStreaming, which refuses a response
// that is not served as application/wasm; this falls back to reading it whole.
const instantiateStreaming = 'WebAssembly.instantiateStreaming(src, imports)';
const instantiateAnyType = `src.then(async (response) =>
      response.headers.get('Content-Type') === 'application/wasm'
        ? WebAssembly.instantiateStreaming(response, imports)
        : WebAssembly.instantiate(await response.arrayBuffer(), imports))`;

/**
 * Builds the split app and swaps it into `dir` for trunk's module, whose glue and wasm `page`
 * loads from `glue` and `wasm`. Returns the page loading the split module instead, the chunks'
 * names and the new files' names.
 */
export async function splitSite(dir, page, { glue, wasm }) {
  // Relocations cost trunk's unsplit module (standalone.html) about 2% of its size, so only this
  // build has them, in a target directory of its own: a change of flags rebuilds everything.
  const targetDir = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'split');
  const flags = process.env.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS ?? '';
  await run('cargo', ['build', '--locked', '--release', '--target', 'wasm32-unknown-unknown', '--bin', CRATE, '--features', 'split'], {
    CARGO_TARGET_DIR: targetDir,
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: `${flags} -Clink-args=--emit-relocs`,
  });
  const built = join(targetDir, 'wasm32-unknown-unknown', 'release', `${CRATE}.wasm`);

  const work = await mkdtemp(join(tmpdir(), 'scholia-split-'));
  try {
    const parts = join(work, 'parts');
    const bound = join(work, 'bound');
    await run('wasm-split-cli', ['--out-name', CRATE, built, parts]);
    await run('wasm-bindgen', [
      '--target', 'web', '--no-typescript',
      // The chunks import the function table from the main module.
      '--keep-lld-exports',
      '--out-dir', bound, join(parts, `${CRATE}.wasm`),
    ]);
    const optimise = (from, to, level = '-Oz') => run('wasm-opt', [level, ...WASM_FEATURES, from, '-o', to]);

    // The chunks, named by their contents; the link module refers to them by their plain names.
    let linker = await readFile(join(parts, '__wasm_split.js'), 'utf8');
    const chunks = (await readdir(parts)).filter((f) => f.endsWith('.wasm') && f !== `${CRATE}.wasm`);
    const written = [];
    for (const chunk of chunks) {
      const optimised = join(work, chunk);
      await optimise(join(parts, chunk), optimised);
      const bytes = await readFile(optimised);
      const name = `${chunk.replace(/\.wasm$/, '')}-${contentHash(bytes)}.wasm`;
      await writeFile(join(dir, name), bytes);
      written.push(name);
      linker = replaceEvery(linker, `"./${chunk}"`, `"./${name}"`);
    }

    await optimise(join(bound, `${CRATE}_bg.wasm`), join(work, 'main.wasm'));
    if ((await readdir(bound)).includes('snippets')) throw new Error('split: wasm-bindgen wrote snippets, which are not served');
    const main = await readFile(join(work, 'main.wasm'));
    // The glue and the link module import each other: they are minified with placeholders for
    // each other's names, and one hash of both names them both, so that their names change
    // whenever the bytes served do.
    const GLUE = './__scholia_glue__.js';
    const LINKER = './__scholia_linker__.js';
    // Only the import statement: the wasm's imports keep the module's plain name.
    const glueText = await minify(
      replaceEvery(await readFile(join(bound, `${CRATE}.js`), 'utf8'), 'from "./__wasm_split.js"', `from "${LINKER}"`),
    );
    const linkerText = await minify(
      replaceEvery(replaceEvery(linker, `"./${CRATE}.js"`, `"${GLUE}"`), instantiateStreaming, instantiateAnyType),
    );
    const jsHash = contentHash(glueText, linkerText);
    const names = {
      glue: `${CRATE}-${jsHash}.js`,
      linker: `__wasm_split-${jsHash}.js`,
      wasm: `${CRATE}-${contentHash(main)}_bg.wasm`,
    };
    const mainGlue = replaceEvery(glueText, LINKER, `./${names.linker}`);
    linker = replaceEvery(linkerText, GLUE, `./${names.glue}`);
    await writeFile(join(dir, names.glue), mainGlue);
    await writeFile(join(dir, names.linker), linker);
    await writeFile(join(dir, names.wasm), main);

    let split = withIntegrity(replaceEvery(page, glue, names.glue), names.glue, sri(mainGlue));
    const escaped = wasm.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    split = replaceOnce(split, new RegExp(`<link\\b[^>]*${escaped}[^>]*>`, 'g'), '');
    split = replaceOnce(split, /<script type=["']?module["']?>[^<]*module_or_path[^<]*<\/script>/g, '');
    const loader = await minify(`import init from './${names.glue}';
// The wasm is asked for once the first screen (first-screen.mjs) is on the display: on a slow
// network it would otherwise take the bandwidth the page's own text and style need to show, and
// an app mounted before the copy's frame is presented makes its own paint the page's largest.
// A returning reader's copy is hidden, so there is nothing to wait for.
const painted = new Promise((shown) => {
  const nextFrame = () => requestAnimationFrame(() => setTimeout(shown));
  if ('returning' in document.documentElement.dataset || !globalThis.PerformanceObserver?.supportedEntryTypes?.includes('paint')) return nextFrame();
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length === 0) return;
    observer.disconnect();
    shown();
  }).observe({ type: 'paint', buffered: true });
});
try {
  await painted;
  const response = await fetch('./${names.wasm}');
  if (!response.ok) throw new Error(\`the server answered \${response.status}\`);
  // The app removes the copy of its first screen once it has replaced it.
  await init({ module_or_path: response });
} catch (error) {
  const message = document.createElement('p');
  message.className = 'noscript';
  message.textContent = \`Scholia could not start (\${error?.message ?? error}). Reload the page to try again.\`;
  document.body.prepend(message);
  throw error;
}`);
    const head = [
      `<script type="module">${inlinable(loader)}</script>`,
      // The link module is the glue's first import: preloaded with it, no extra round trip.
      `<link rel="modulepreload" href="./${names.linker}" crossorigin integrity="${sri(linker)}">`,
    ];
    split = replaceOnce(split, /<\/head>/g, `${head.join('')}</head>`);
    // Only once the page loads the new module: a failed edit leaves trunk's page working.
    await rm(join(dir, glue));
    await rm(join(dir, wasm));
    return { page: split, chunks: written, names };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Sets the `integrity` of the `<link>` that refers to `file`. */
function withIntegrity(page, file, integrity) {
  let found = false;
  const updated = page.replace(/<link\b[^>]*>/g, (tag) => {
    if (!tag.includes(file)) return tag;
    found = true;
    return tag.replace(/\sintegrity=(?:"[^"]*"|'[^']*'|[^\s>]+)/, ` integrity="${integrity}"`);
  });
  if (!found) throw new Error(`split: no <link> to ${file} in the page`);
  return updated;
}
