// An LZMA decoder for the .lzma ("LZMA alone") format, after the LZMA specification's reference
// decoder (LzmaSpec.cpp). The release page, its service worker and standalone.html carry or fetch
// wasm LZMA-compressed and inline this function to unpack it: LZMA packs the wasm about a fifth
// smaller than gzip, and browsers' DecompressionStream has no LZMA. The header's size field must
// hold the unpacked size (lzma.mjs writes it), at most MAX_SIZE. Throws on damaged input; every
// read and copy is checked against the bounds, so it never reads or writes past them.
export function unlzma(input) {
  const MAX_SIZE = 64 * 1024 * 1024;
  const damaged = () => {
    throw new Error('unlzma: the data is damaged');
  };
  if (input.length < 18) damaged();
  let props = input[0];
  if (props >= 9 * 5 * 5) damaged();
  const lc = props % 9;
  props = (props / 9) | 0;
  const lp = props % 5;
  const pb = (props / 5) | 0;
  const size = input[5] + input[6] * 2 ** 8 + input[7] * 2 ** 16 + input[8] * 2 ** 24;
  // Checked before the output is allocated: a damaged header must not claim gigabytes.
  if (input[9] | input[10] | input[11] | input[12] || size > MAX_SIZE) damaged();
  const out = new Uint8Array(size);

  // The range decoder: range and code, kept in a typed array so that updating them allocates
  // nothing (a plain variable holding a number past 2^30 would be boxed on every write).
  let at = 14;
  const rc = new Uint32Array([0xffffffff, 0]);
  if (input[13] !== 0) damaged();
  for (let i = 0; i < 4; i++) rc[1] = (rc[1] << 8) | input[at++];
  const normalize = () => {
    if (rc[0] < 0x1000000) {
      if (at >= input.length) damaged();
      rc[0] <<= 8;
      rc[1] = (rc[1] << 8) | input[at++];
    }
  };
  const bit = (probs, i) => {
    const p = probs[i];
    const bound = (rc[0] >>> 11) * p;
    let b = 0;
    if (rc[1] < bound) {
      rc[0] = bound;
      probs[i] = p + ((2048 - p) >>> 5);
    } else {
      rc[0] -= bound;
      rc[1] -= bound;
      probs[i] = p - (p >>> 5);
      b = 1;
    }
    normalize();
    return b;
  };
  const direct = (count) => {
    let result = 0;
    while (count--) {
      rc[0] >>>= 1;
      let b = 0;
      if (rc[1] >= rc[0]) {
        rc[1] -= rc[0];
        b = 1;
      }
      result = ((result << 1) | b) >>> 0;
      normalize();
    }
    return result;
  };
  const tree = (probs, base, bits) => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | bit(probs, base + m);
    return m - (1 << bits);
  };
  const reverseTree = (probs, base, bits) => {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(probs, base + m);
      m = (m << 1) | b;
      symbol |= b << i;
    }
    return symbol;
  };
  const model = (count) => new Uint16Array(count).fill(1024);
  const lengthModel = () => ({ choice: model(2), low: model(16 << 3), mid: model(16 << 3), high: model(256) });
  const length = (m, posState) => {
    if (!bit(m.choice, 0)) return tree(m.low, posState << 3, 3);
    if (!bit(m.choice, 1)) return 8 + tree(m.mid, posState << 3, 3);
    return 16 + tree(m.high, 0, 8);
  };

  const literals = model(0x300 << (lc + lp));
  const isMatch = model(12 << 4);
  const isRep = model(12);
  const isRepG0 = model(12);
  const isRepG1 = model(12);
  const isRepG2 = model(12);
  const isRep0Long = model(12 << 4);
  const posSlots = model(4 << 6);
  const posSpecial = model(115);
  const align = model(16);
  const matchLengths = lengthModel();
  const repLengths = lengthModel();
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  let pos = 0;

  while (pos < size) {
    const posState = pos & ((1 << pb) - 1);
    if (!bit(isMatch, (state << 4) + posState)) {
      const previous = pos > 0 ? out[pos - 1] : 0;
      const base = 0x300 * (((pos & ((1 << lp) - 1)) << lc) + (previous >>> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        let matchByte = out[pos - rep0 - 1];
        do {
          const matchBit = (matchByte >>> 7) & 1;
          matchByte <<= 1;
          const b = bit(literals, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | b;
          if (matchBit !== b) break;
        } while (symbol < 0x100);
      }
      while (symbol < 0x100) symbol = (symbol << 1) | bit(literals, base + symbol);
      out[pos++] = symbol & 0xff;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep, state)) {
      if (pos === 0) damaged();
      if (!bit(isRepG0, state)) {
        if (!bit(isRep0Long, (state << 4) + posState)) {
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1];
          pos++;
          continue;
        }
      } else {
        let distance;
        if (!bit(isRepG1, state)) {
          distance = rep1;
        } else {
          if (!bit(isRepG2, state)) {
            distance = rep2;
          } else {
            distance = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = distance;
      }
      len = length(repLengths, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(matchLengths, posState);
      state = state < 7 ? 7 : 10;
      const slot = tree(posSlots, Math.min(len, 3) << 6, 6);
      if (slot < 4) {
        rep0 = slot;
      } else {
        const bits = (slot >>> 1) - 1;
        let distance = (2 | (slot & 1)) * 2 ** bits;
        if (slot < 14) {
          distance += reverseTree(posSpecial, distance - slot, bits);
        } else {
          distance += direct(bits - 4) * 16;
          distance += reverseTree(align, 0, 4);
        }
        rep0 = distance;
      }
      // An end marker: with the size known, there is none before the last byte.
      if (rep0 === 0xffffffff) damaged();
    }
    len += 2;
    if (rep0 >= pos || pos + len > size) damaged();
    for (; len > 0; len--, pos++) out[pos] = out[pos - rep0 - 1];
  }
  if (pos !== size) damaged();
  return out;
}
