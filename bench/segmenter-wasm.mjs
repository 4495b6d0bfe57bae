// Reads the benchmark prose on standard input and the three probes of bench/segmenter-wasm.sh
// (without a segmenter, with ours, with unicode-segmentation's), and prints what ours adds to the
// wasm and both segmenters' speed in wasm, taking turns, the best of several runs each.

import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';

import { record } from './report.mjs';

const RUNS = 9;
const SIZE_BUDGET_KB = 25;
const [bare, ours, uax29] = process.argv.slice(2);
const corpus = Buffer.from(await text(process.stdin));

const gzipped = async (file) => gzipSync(await readFile(file), { level: 9 }).length;

/** The probe's `probe` over the corpus, once its input is in place. */
async function load(file) {
  const { instance } = await WebAssembly.instantiate(await readFile(file));
  const { alloc, probe, memory } = instance.exports;
  const at = alloc(corpus.length);
  new Uint8Array(memory.buffer, at, corpus.length).set(corpus);
  return () => probe(at, corpus.length);
}

const [base, withOurs] = [await gzipped(bare), await gzipped(ours)];
const added = (withOurs - base) / 1024;
console.log(`segmenter in wasm: ${added.toFixed(1)} KB gzip (probe ${(withOurs / 1024).toFixed(1)} KB with it, ${(base / 1024).toFixed(1)} KB without; budget ${SIZE_BUDGET_KB} KB)`);
record({ section: 'Segmentation', figure: 'segmenter in the wasm, gzip', value: added, unit: 'KB', budget: { max: SIZE_BUDGET_KB } });

const runners = { ours: await load(ours), uax29: await load(uax29) };
const best = { ours: Infinity, uax29: Infinity };
const counts = {};
for (let run = 0; run < RUNS; run++) {
  for (const which of run % 2 ? ['uax29', 'ours'] : ['ours', 'uax29']) {
    const start = performance.now();
    counts[which] = runners[which]();
    best[which] = Math.min(best[which], performance.now() - start);
  }
}
const mb = corpus.length / 1e6;
const rate = (which) => mb / (best[which] / 1000);
console.log(`wasm speed on ${mb.toFixed(1)} MB (sentences: scholia ${counts.ours}, unicode-segmentation ${counts.uax29}): scholia ${rate('ours').toFixed(1)} MB/s, unicode-segmentation ${rate('uax29').toFixed(1)} MB/s, ratio ${(rate('ours') / rate('uax29')).toFixed(2)}x`);
record({ section: 'Segmentation', figure: 'speed, wasm (V8)', value: rate('ours'), unit: 'MB/s', baseline: { name: 'unicode-segmentation', value: rate('uax29') } });
