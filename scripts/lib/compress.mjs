// Precompressed copies for static hosts: a brotli (.br) and a gzip (.gz) file beside each file that
// compresses, which hosts configured for it send to browsers that accept the encoding (see the
// README's "Hosting"). Brotli at its strongest setting is what CDNs send; gzip is for the rest.

import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

import { gzipAsync } from '@gfx/zopfli';

/** The names of the copies this writes: never precached, never compressed again. */
export const COMPRESSED = /\.(br|gz)$/;
/** What compresses: text and wasm. Images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.webmanifest', '.txt']);

export const brotli = (data) =>
  brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
// Zopfli writes standard gzip, about 5% smaller than zlib's strongest, for a few seconds per MB.
export const gzip = async (data) => Buffer.from(await gzipAsync(data, { numiterations: 5 }));

/**
 * Writes `file.br` and `file.gz` beside every compressible file under `dir` where they are smaller
 * than the file, and removes stale copies of earlier runs. Returns how many files got copies.
 */
export async function compressAll(dir) {
  const names = (await readdir(dir, { recursive: true })).sort();
  for (const name of names.filter((name) => COMPRESSED.test(name))) await rm(join(dir, name));
  let count = 0;
  for (const name of names) {
    const path = join(dir, name);
    if (COMPRESSED.test(name) || !COMPRESSIBLE.has(extname(name)) || !(await stat(path)).isFile()) continue;
    const data = await readFile(path);
    let wrote = false;
    for (const [suffix, compress] of [['.br', brotli], ['.gz', gzip]]) {
      const packed = await compress(data);
      if (packed.length >= data.length) continue;
      await writeFile(path + suffix, packed);
      wrote = true;
    }
    count += wrote ? 1 : 0;
  }
  return count;
}
