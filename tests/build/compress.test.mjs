// The release build's precompressed copies (scripts/lib/compress.mjs): beside every file that
// compresses, a brotli and a gzip copy that unpack to the file exactly; none for files that do not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { COMPRESSED, compressAll } from '../../scripts/lib/compress.mjs';
import { DIST } from '../e2e/support.mjs';

describe('precompressed copies', () => {
  test('every compressible file of dist/ has brotli and gzip copies that unpack to it', async () => {
    const names = await readdir(DIST, { recursive: true });
    const copied = names.filter((name) => /\.(wasm|js|html|css)$/.test(name));
    assert.ok(copied.some((name) => name.endsWith('.wasm')), 'the build has wasm');
    for (const name of copied) {
      const original = await readFile(join(DIST, name));
      assert.deepEqual(brotliDecompressSync(await readFile(join(DIST, `${name}.br`))), original, `${name}.br`);
      assert.deepEqual(gunzipSync(await readFile(join(DIST, `${name}.gz`))), original, `${name}.gz`);
    }
    for (const name of names.filter((name) => name.endsWith('.png'))) {
      assert.ok(!names.includes(`${name}.br`), `${name} is compressed already`);
    }
  });

  test('copies are only written where they are smaller, and stale ones are removed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scholia-compress-'));
    try {
      await writeFile(join(dir, 'big.js'), 'const words = "compress me";\n'.repeat(200));
      await writeFile(join(dir, 'tiny.css'), 'a{}');
      await writeFile(join(dir, 'gone.js.br'), 'left by an earlier build');
      assert.equal(await compressAll(dir), 1);
      assert.deepEqual((await readdir(dir)).sort(), ['big.js', 'big.js.br', 'big.js.gz', 'tiny.css']);
      assert.ok(COMPRESSED.test('big.js.br') && !COMPRESSED.test('big.js'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
