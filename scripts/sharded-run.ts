import { relative } from 'node:path';
import { splitArgs } from '../lib/reporting/summary/cli-args';
import { runShardedAndMerge } from '../lib/reporting/summary/sharded-merge';

/**
 * `npm run test:sharded`: the nightly's sharded run and report merge, on this machine. Runs the projects as
 * shards (default `unit` and `local` in 2 shards) with the blob reporter, one shard after the other, then merges
 * the blobs into one HTML report, one JSON report and one JUnit file.
 *
 *   npm run test:sharded -- [--projects=unit,local] [--shards=2] [--out=reports/sharded] [playwright args]
 *
 * Exits non-zero when a shard had a failing test, as the nightly does.
 */
async function main(): Promise<number> {
  const { options, rest } = splitArgs(process.argv.slice(2), ['projects', 'shards', 'out']);
  const outDir = options.get('out') ?? 'reports/sharded';
  const result = await runShardedAndMerge({
    projects: (options.get('projects') ?? 'unit,local').split(',').filter(Boolean),
    shards: Number(options.get('shards') ?? '2'),
    outDir,
    extraArgs: rest,
    echo: true,
  });
  const shown = (path: string): string => relative(process.cwd(), path);
  console.log(`\nmerged HTML report: npx playwright show-report ${shown(result.htmlDir)}`);
  console.log(`merged JSON: ${shown(result.mergedJson)}, JUnit: ${shown(result.mergedJunit)}`);
  console.log(`shard exit codes: ${result.shardExitCodes.join(', ')}`);
  return result.shardExitCodes.every((code) => code === 0) ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
