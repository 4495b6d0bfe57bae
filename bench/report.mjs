// The figures behind the one table `scripts/bench` prints. Every benchmark prints its own lines
// as it goes and records its figures here too; `scripts/bench` points BENCH_ROWS at a file, then
// `bench/table.mjs` reads it back as one table (or as JSON with `--json`). Run alone, a benchmark
// records nothing.
//
// A row: { section, figure, value, unit, baseline?: { name, value }, budget?: { max } | { min },
// detail? }. The baseline is measured in the same run on the same machine; the budget is the one
// an issue names.

import { appendFileSync } from 'node:fs';

/** Records one figure for the table. */
export function record(row) {
  const file = process.env.BENCH_ROWS;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

/** Whether `row` meets its budget: true, false, or undefined when it has none. */
export function meets(row) {
  if (!row.budget) return undefined;
  if (row.budget.max !== undefined) return row.value <= row.budget.max;
  return row.value >= row.budget.min;
}
