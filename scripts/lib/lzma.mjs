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
 * unlzma.js needs). Python's standard library has the encoder; Node has none. No position bits
 * (pb=0): wasm has no alignment for them to model, and it packs a little smaller.
 */
export function lzma(data) {
  const encoder = `import lzma, sys
filters = [{"id": lzma.FILTER_LZMA1, "preset": 9 | lzma.PRESET_EXTREME, "pb": 0}]
sys.stdout.buffer.write(lzma.compress(sys.stdin.buffer.read(), format=lzma.FORMAT_ALONE, filters=filters))`;
  const packed = execFileSync('python3', ['-c', encoder], { input: data, maxBuffer: 1 << 30 });
  packed.writeBigUInt64LE(BigInt(data.length), 5);
  return packed;
}
