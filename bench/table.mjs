// Prints the figures the benchmarks recorded (bench/report.mjs) as one table, with the machine
// they ran on; with --json, as one JSON document instead. Exits 1 when a figure misses its budget.
//
//   node bench/table.mjs ROWS [--json]

import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

import { meets } from './report.mjs';

const [file, flag] = process.argv.slice(2);
const rows = (await readFile(file, 'utf8'))
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

const version = (command, ...args) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'not found';
  }
};
const machine = {
  date: new Date().toISOString().slice(0, 10),
  cpu: `${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores)`,
  memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  rustc: version('rustc', '--version'),
  node: process.version,
  chromium: version('chromium', '--version'),
};
const missed = rows.filter((row) => meets(row) === false);

if (flag === '--json') {
  console.log(JSON.stringify({ machine, rows: rows.map((row) => ({ ...row, met: meets(row) })) }, null, 2));
} else {
  const number = (value) => {
    if (typeof value !== 'number') return String(value);
    const digits = Number.isInteger(value) || Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
    return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  };
  const withUnit = (value, unit) => `${number(value)}${unit === 'x' ? 'x' : unit ? ` ${unit}` : ''}`;
  const budget = ({ budget, unit }) => (!budget ? '' : budget.max !== undefined ? `≤ ${withUnit(budget.max, unit)}` : `≥ ${withUnit(budget.min, unit)}`);
  const header = ['figure', 'Scholia', 'baseline (same run)', 'ratio', 'budget', '', 'detail'];
  const cells = (row) => {
    const { baseline } = row;
    const met = meets(row);
    return [
      `  ${row.figure}`,
      withUnit(row.value, row.unit),
      baseline ? `${withUnit(baseline.value, row.unit)} (${baseline.name})` : '',
      baseline?.value > 0 ? `${(row.value / baseline.value).toFixed(2)}x` : '',
      budget(row),
      met === undefined ? '' : met ? 'met' : 'MISSED',
      row.detail ?? '',
    ];
  };
  const table = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  // Numbers right-aligned, words left.
  const format = (line) => line.map((cell, i) => (i === 1 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(`Scholia benchmark, ${machine.date}: ${machine.cpu}, ${machine.memory}; ${machine.rustc}; Node.js ${machine.node}; ${machine.chromium}`);
  console.log(format(header));
  rows.forEach((row, i) => {
    if (row.section !== rows[i - 1]?.section) console.log(`${row.section}:`);
    console.log(format(table[i + 1]));
  });
  const budgets = rows.filter((row) => row.budget).length;
  console.log(`${budgets - missed.length} of ${budgets} budgets met${missed.length ? `; missed: ${missed.map((row) => row.figure).join(', ')}` : ''}`);
}
process.exitCode = missed.length ? 1 : 0;
