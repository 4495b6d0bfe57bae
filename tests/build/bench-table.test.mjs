// The benchmark's one table (bench/table.mjs over rows from bench/report.mjs): every recorded
// figure appears with its baseline, ratio and budget; a missed budget is named and fails the run;
// --json carries the same rows with whether each met its budget, and the machine.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ROOT } from '../e2e/support.mjs';

const run = promisify(execFile);

/** Records `rows` the way the benchmarks do, then runs the table over them. */
async function table(rows, ...args) {
  const dir = await mkdtemp(join(tmpdir(), 'scholia-bench-'));
  const file = join(dir, 'rows.jsonl');
  try {
    const record = `import { record } from ${JSON.stringify(join(ROOT, 'bench/report.mjs'))}; for (const row of ${JSON.stringify(rows)}) record(row);`;
    await run(process.execPath, ['--input-type=module', '-e', record], { env: { ...process.env, BENCH_ROWS: file } });
    return await run(process.execPath, [join(ROOT, 'bench/table.mjs'), file, ...args]).then(
      ({ stdout }) => ({ stdout, code: 0 }),
      (error) => ({ stdout: error.stdout, code: error.code }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const FAST = { section: 'Page', figure: 'time to the first sentence', value: 120, unit: 'ms', baseline: { name: 'inline-script page', value: 60 }, budget: { max: 300 } };
const SLOW = { section: 'Page', figure: 'standalone.html, on disk', value: 451.5, unit: 'KB', budget: { max: 450 } };
const SPEED = { section: 'Segmentation', figure: 'speed, wasm', value: 51.5, unit: 'MB/s', baseline: { name: 'unicode-segmentation', value: 28.4 }, budget: { min: 20 } };

describe('the benchmark table', () => {
  test('shows each figure with its baseline, ratio and budget, by section', async () => {
    const { stdout, code } = await table([FAST, SPEED]);
    assert.equal(code, 0);
    const lines = stdout.split('\n');
    assert.match(lines[0], /cores/, 'the machine comes first');
    assert.ok(lines.indexOf('Page:') < lines.indexOf('Segmentation:'));
    const fast = lines.find((line) => line.includes('time to the first sentence'));
    assert.match(fast, /120 ms\s+60 ms \(inline-script page\)\s+2\.00x\s+≤ 300 ms\s+met/);
    assert.match(lines.find((line) => line.includes('speed, wasm')), /51\.5 MB\/s.*1\.81x\s+≥ 20 MB\/s\s+met/);
    assert.match(stdout, /2 of 2 budgets met/);
  });

  test('names a missed budget and exits 1', async () => {
    const { stdout, code } = await table([FAST, SLOW]);
    assert.equal(code, 1);
    assert.match(stdout.split('\n').find((line) => line.includes('standalone')), /MISSED/);
    assert.match(stdout, /1 of 2 budgets met; missed: standalone\.html, on disk/);
  });

  test('--json gives the rows with whether each met its budget', async () => {
    const { stdout, code } = await table([FAST, SLOW, SPEED], '--json');
    assert.equal(code, 1);
    const { machine, rows } = JSON.parse(stdout);
    assert.ok(machine.cpu && machine.rustc && machine.date);
    assert.deepEqual(rows.map((row) => row.met), [true, false, true]);
    assert.deepEqual(rows[0].baseline, FAST.baseline);
  });
});
