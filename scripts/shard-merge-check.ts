import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitArgs } from '../lib/reporting/summary/cli-args';
import { compareRuns, describeComparison, runsMatch } from '../lib/reporting/summary/compare-runs';
import { readReport, reportTests } from '../lib/reporting/summary/report-tests';
import { listTestIds, runShardedAndMerge, runUnsharded } from '../lib/reporting/summary/sharded-merge';

/**
 * `npm run test:shard-check`: proves the nightly's sharded-and-merged report loses and doubles nothing. Runs the
 * projects (default `unit`, `local`) as 2 shards with the blob reporter and merges them, runs them again
 * unsharded, and compares the two JSON reports test for test (project, file, title, status).
 *
 *   npm run test:shard-check -- [--projects=unit,local] [--shards=2] [--out=reports/shard-check] [playwright args]
 *
 * Writes `<out>/comparison.json` and exits 0 only when every test of the unsharded run is in the merged report
 * exactly once, with the same status. Failing tests do not fail the check: only a difference does. When the
 * suite itself changed while the check ran (a spec added or renamed meanwhile), it says so and exits 3.
 */
async function main(): Promise<number> {
  const { options, rest } = splitArgs(process.argv.slice(2), ['projects', 'shards', 'out']);
  const outDir = options.get('out') ?? 'reports/shard-check';
  const projects = (options.get('projects') ?? 'unit,local').split(',').filter(Boolean);
  const listedBefore = await listTestIds({ projects, extraArgs: rest });

  const sharded = await runShardedAndMerge({
    projects,
    shards: Number(options.get('shards') ?? '2'),
    outDir,
    extraArgs: rest,
    echo: true,
  });
  const unsharded = await runUnsharded({ projects, outDir, extraArgs: rest, echo: true });

  const merged = reportTests(readReport(sharded.mergedJson));
  const comparison = compareRuns(reportTests(readReport(unsharded.json)), merged);
  const perShard = sharded.shardJsons.map((file) => reportTests(readReport(file)).map((t) => t.id));
  writeFileSync(
    join(outDir, 'comparison.json'),
    JSON.stringify({ projects, ...comparison, mergedIds: merged.map((t) => t.id), perShard }, null, 2),
  );
  console.log(`\n${describeComparison(comparison)}`);
  console.log(`tests per shard: ${perShard.map((ids) => ids.length).join(' + ')}`);
  if (runsMatch(comparison)) return 0;
  const listedAfter = await listTestIds({ projects, extraArgs: rest });
  const changed = [
    ...listedAfter.filter((id) => !listedBefore.includes(id)).map((id) => `  added meanwhile: ${id}`),
    ...listedBefore.filter((id) => !listedAfter.includes(id)).map((id) => `  removed meanwhile: ${id}`),
  ];
  if (changed.length === 0) return 1;
  console.log(
    `the suite changed while the check ran, so the runs are not comparable; run it again:\n${changed.join('\n')}`,
  );
  return 3;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
