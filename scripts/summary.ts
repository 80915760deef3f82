import { existsSync, readFileSync } from 'node:fs';
import type { JSONReport } from '@playwright/test/reporter';

/**
 * Prints the plain line CI reads, `N passed, N failed`, last, from Playwright JSON reports; skipped tests, if any,
 * on the line before it (`N skipped`), so the last line keeps CI's form.
 * A report that is missing counts as one failure: a run that produced no report did not pass.
 */
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`summary: ${file} is missing (its run produced no report)`);
    failed += 1;
    continue;
  }
  const { stats, errors } = JSON.parse(readFileSync(file, 'utf8')) as Pick<JSONReport, 'stats'> &
    Partial<Pick<JSONReport, 'errors'>>;
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected + (errors?.length ?? 0);
  skipped += stats.skipped;
}
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
