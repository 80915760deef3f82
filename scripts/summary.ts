import { existsSync, readFileSync } from 'node:fs';

/**
 * Prints the plain line CI reads, `N passed, N failed` (and `, N skipped`), from Playwright JSON reports.
 * A report that is missing counts as one failure: a run that produced no report did not pass.
 */
interface JsonStats {
  expected: number;
  unexpected: number;
  flaky: number;
  skipped: number;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`summary: ${file} is missing (its run produced no report)`);
    failed += 1;
    continue;
  }
  const { stats, errors } = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: JsonStats;
    errors?: unknown[];
  };
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected + (errors?.length ?? 0);
  skipped += stats.skipped;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
