import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { buildMatrix } from '../lib/reporting/release-matrix/build-matrix';
import { readColumnRun } from '../lib/reporting/release-matrix/read-runs';
import { readRunRecords } from '../lib/reporting/release-matrix/run-record';

/**
 * What each column of a release matrix cost: wall time per release run (one real-frontend run each, one page
 * at a time) and per test, with the machine's load while it ran, and the column's counts as the matrix shows
 * them. With builds (or any argument of `npm run releases`), runs the matrix first; without, reads the runs of
 * the last one (release-matrix/runs).
 *
 *   npm run bench:releases -- [--grep=@p1] [<tag>=<build>…]      # run, then print
 *   npm run bench:releases                                       # print the last matrix's cost
 */
const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'release-matrix';
if (args.some((a) => !a.startsWith('--out='))) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/releases.ts'), ...args], {
    stdio: 'inherit',
  });
  if (run.status === 2) process.exit(2);
}
const matrixDir = resolve(out);
const records = readRunRecords(matrixDir);
const matrix = buildMatrix(records.map((record) => readColumnRun(record, root, matrixDir)));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n${cpus().length} × ${cpu}, Node ${process.version}\n`);
console.log(
  '| column | project | tests | passed | known bug | failed | wall time (s) | s per test | load avg start → end |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
// In the matrix's order: the reference, then the releases oldest first.
for (const column of matrix.columns) {
  const record = records.find((r) => r.id === column.id);
  if (!record) continue;
  const c = column.counts;
  const tests = c.passed + c['bug gone'] + c['known bug'] + c.failed + c.skipped;
  const seconds = record.wallMs / 1000;
  const load = record.machine
    ? `${record.machine.loadStart.toFixed(1)} → ${record.machine.loadEnd.toFixed(1)}`
    : '';
  const perTest = tests ? (seconds / tests).toFixed(1) : '-';
  const project = record.kind === 'reference' ? 'local' : 'real-frontend';
  console.log(
    `| ${record.id} | ${project} | ${tests} | ${c.passed + c['bug gone']} | ${c['known bug']} | ${c.failed} | ${seconds.toFixed(1)} | ${perTest} | ${load} |`,
  );
}
