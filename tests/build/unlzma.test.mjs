// The LZMA decoder that the release page, its service worker and standalone.html unpack their wasm
// with, against Python's LZMA encoder.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { lzma } from '../../scripts/lib/lzma.mjs';
import { unlzma } from '../../scripts/lib/unlzma.js';

// A decoder that loops on damaged input fails its test instead of stalling the suite.
const TIMEOUT = { timeout: 60_000 };

/** `length` pseudo-random bytes from `seed`: the same on every run, so a failure can be replayed. */
function bytes(length, seed) {
  const out = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

const roundTrip = (data, settings) => assert.deepEqual(Buffer.from(unlzma(lzma(data, settings))), data);

test('unpacks what the encoder packed', TIMEOUT, () => {
  roundTrip(Buffer.alloc(0));
  roundTrip(Buffer.from('a'));
  roundTrip(Buffer.from('abracadabra '.repeat(5000)));
  roundTrip(bytes(70_000, 1));
  // Text and binary mixed, with long and short repeats at every distance: every kind of match.
  const parts = [];
  for (let i = 0; i < 3000; i++) parts.push(i % 7 ? bytes(i % 13, i) : Buffer.from(`part ${i % 97} `));
  const mixed = Buffer.concat(parts);
  roundTrip(mixed);
  roundTrip(readFileSync(new URL('../../articles/assad-flees-damascus.txt', import.meta.url)));
  // Other literal-context and position settings than the build's.
  for (const settings of [{ lc: 0, lp: 2, pb: 2 }, { lc: 4, lp: 0, pb: 4 }, { lc: 1, lp: 1, pb: 1 }]) {
    roundTrip(mixed, settings);
  }
});

test('refuses damaged data with an error, and never hangs on it', TIMEOUT, () => {
  const packed = lzma(Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(200)));
  assert.throws(() => unlzma(packed.subarray(0, packed.length / 2)), /damaged/);
  assert.throws(() => unlzma(packed.subarray(0, 10)), /damaged/);
  const badProperties = Buffer.from(packed);
  badProperties[0] = 225;
  assert.throws(() => unlzma(badProperties), /damaged/);
  // Sizes it will not allocate: past 32 bits, and past its limit within them.
  for (const size of [2 ** 40, 0xffffffff]) {
    const tooLong = Buffer.from(packed);
    tooLong.writeBigUInt64LE(BigInt(size), 5);
    assert.throws(() => unlzma(tooLong), /damaged/);
  }
  // Garbage after a valid header decodes to something or is refused, but never hangs.
  for (let seed = 1; seed <= 50; seed++) {
    const garbage = Buffer.concat([packed.subarray(0, 14), bytes(200, seed)]);
    try {
      unlzma(garbage);
    } catch (error) {
      assert.match(error.message, /damaged/, `seed ${seed}`);
    }
  }
});
