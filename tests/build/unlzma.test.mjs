// The LZMA decoder that standalone.html unpacks its wasm with, against Python's LZMA encoder.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { lzma } from '../../scripts/lib/lzma.mjs';
import { unlzma } from '../../scripts/lib/unlzma.js';

const roundTrip = (data) => assert.deepEqual(Buffer.from(unlzma(lzma(data))), data);

test('unpacks what the encoder packed', () => {
  roundTrip(Buffer.alloc(0));
  roundTrip(Buffer.from('a'));
  roundTrip(Buffer.from('abracadabra '.repeat(5000)));
  roundTrip(randomBytes(70_000));
  // Text and binary mixed, with long and short repeats at every distance: every kind of match.
  const parts = [];
  for (let i = 0; i < 3000; i++) parts.push(i % 7 ? randomBytes(i % 13) : Buffer.from(`part ${i % 97} `));
  roundTrip(Buffer.concat(parts));
  roundTrip(readFileSync(new URL('../../articles/assad-flees-damascus.txt', import.meta.url)));
});

test('refuses damaged data instead of reading or writing out of bounds', () => {
  const packed = lzma(Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(200)));
  assert.throws(() => unlzma(packed.subarray(0, packed.length / 2)), /damaged/);
  assert.throws(() => unlzma(packed.subarray(0, 10)), /damaged/);
  const badProperties = Buffer.from(packed);
  badProperties[0] = 225;
  assert.throws(() => unlzma(badProperties), /damaged/);
  const tooLong = Buffer.from(packed);
  tooLong.writeBigUInt64LE(BigInt(2 ** 40), 5);
  assert.throws(() => unlzma(tooLong), /damaged/);
  // Garbage after a valid header decodes to something or is refused, but never hangs or overruns.
  for (let i = 0; i < 50; i++) {
    const garbage = Buffer.concat([packed.subarray(0, 14), randomBytes(200)]);
    try {
      unlzma(garbage);
    } catch (error) {
      assert.match(error.message, /damaged/);
    }
  }
});
