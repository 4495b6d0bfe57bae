// The packing side of unlzma.js, for build scripts.

import { execFileSync } from 'node:child_process';

/**
 * `data` in the .lzma format, strongest setting, with the unpacked size in its header (which
 * unlzma.js needs). Python's standard library has the encoder; Node has none.
 */
export function lzma(data) {
  const encoder = `import lzma, sys
filters = [{"id": lzma.FILTER_LZMA1, "preset": 9 | lzma.PRESET_EXTREME}]
sys.stdout.buffer.write(lzma.compress(sys.stdin.buffer.read(), format=lzma.FORMAT_ALONE, filters=filters))`;
  const packed = execFileSync('python3', ['-c', encoder], { input: data, maxBuffer: 1 << 30 });
  packed.writeBigUInt64LE(BigInt(data.length), 5);
  return packed;
}
