// The packing side of unlzma.js, for build scripts.

import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

const UNLZMA = new URL('./unlzma.js', import.meta.url);

/** unlzma.js's decoder as a plain function declaration, to inline in a page's module script. */
export async function unlzmaFunction() {
  return (await readFile(UNLZMA, 'utf8')).replace(/^export function/m, 'function');
}

/**
 * `data` in the .lzma format, strongest setting, with the unpacked size in its header (which
 * unlzma.js needs). Python's standard library has the encoder; Node has none. By default no
 * position bits (pb=0): wasm has no alignment for them to model, and it packs a little smaller.
 * The other literal and position settings are there for the decoder's tests.
 */
export function lzma(data, { lc = 3, lp = 0, pb = 0 } = {}) {
  const encoder = `import lzma, sys
lc, lp, pb = map(int, sys.argv[1:])
filters = [{"id": lzma.FILTER_LZMA1, "preset": 9 | lzma.PRESET_EXTREME, "lc": lc, "lp": lp, "pb": pb}]
sys.stdout.buffer.write(lzma.compress(sys.stdin.buffer.read(), format=lzma.FORMAT_ALONE, filters=filters))`;
  const packed = execFileSync('python3', ['-c', encoder, String(lc), String(lp), String(pb)], {
    input: data,
    maxBuffer: 1 << 30,
  });
  packed.writeBigUInt64LE(BigInt(data.length), 5);
  return packed;
}
