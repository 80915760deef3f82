import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REDACTION_REPORTER } from '../reporter-args';
import { runPlaywright } from './playwright-child';
import { readReport, reportTests } from './report-tests';

export interface ShardedRunOptions {
  /** Projects to run, e.g. `['unit', 'local']`. */
  projects: string[];
  shards: number;
  /** Everything the run writes goes under this folder (emptied first). */
  outDir: string;
  /** More `playwright test` arguments, e.g. `--workers=1`. */
  extraArgs?: string[];
  echo?: boolean;
}

export interface ShardedRunResult {
  shardExitCodes: (number | null)[];
  /** Each shard's own JSON report, to see how the tests were split. */
  shardJsons: string[];
  mergedJson: string;
  mergedJunit: string;
  htmlDir: string;
  /** Output of the runs, for a caller that has to say why something went wrong. */
  output: string;
}

const projectArgs = (projects: readonly string[]): string[] => projects.map((p) => `--project=${p}`);

/**
 * What the nightly does on GitHub, on one machine: runs the projects as `shards` shards one after the other, each
 * with the blob reporter into its own folder, then `playwright merge-reports` turns the blobs into one HTML
 * report, one JSON report and one JUnit file.
 */
export async function runShardedAndMerge(options: ShardedRunOptions): Promise<ShardedRunResult> {
  const outDir = resolve(options.outDir);
  rmSync(outDir, { recursive: true, force: true });
  const blobs = join(outDir, 'blobs');
  mkdirSync(blobs, { recursive: true });
  const shardExitCodes: (number | null)[] = [];
  const shardJsons: string[] = [];
  let output = '';

  for (let shard = 1; shard <= options.shards; shard++) {
    const blobDir = join(outDir, `blob-shard-${shard}`);
    const shardJson = join(outDir, `shard-${shard}.json`);
    if (options.echo) console.log(`\n== shard ${shard}/${options.shards} (blob report in ${blobDir})`);
    const run = await runPlaywright(
      [
        'test',
        ...projectArgs(options.projects),
        `--shard=${shard}/${options.shards}`,
        `--reporter=${REDACTION_REPORTER},list,blob,json`,
        `--output=${join(outDir, `test-results-shard-${shard}`)}`,
        ...(options.extraArgs ?? []),
      ],
      {
        env: { PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir, PLAYWRIGHT_JSON_OUTPUT_NAME: shardJson },
        echo: options.echo,
      },
    );
    shardExitCodes.push(run.exitCode);
    shardJsons.push(shardJson);
    output += run.output;
    for (const zip of readdirSync(blobDir).filter((f) => f.endsWith('.zip')))
      copyFileSync(join(blobDir, zip), join(blobs, zip));
  }

  const result: ShardedRunResult = {
    shardExitCodes,
    shardJsons,
    mergedJson: join(outDir, 'merged.json'),
    mergedJunit: join(outDir, 'merged.junit.xml'),
    htmlDir: join(outDir, 'html'),
    output,
  };
  if (options.echo) console.log(`\n== merging ${readdirSync(blobs).length} blob reports`);
  const merge = await runPlaywright(
    ['merge-reports', `--reporter=${REDACTION_REPORTER},html,json,junit`, blobs],
    {
      env: {
        PLAYWRIGHT_JSON_OUTPUT_NAME: result.mergedJson,
        PLAYWRIGHT_JUNIT_OUTPUT_NAME: result.mergedJunit,
        PLAYWRIGHT_HTML_OUTPUT_DIR: result.htmlDir,
        PLAYWRIGHT_HTML_OPEN: 'never',
      },
      echo: options.echo,
    },
  );
  result.output += merge.output;
  if (merge.exitCode !== 0)
    throw new Error(`playwright merge-reports exited with ${merge.exitCode}:\n${merge.output.slice(-3000)}`);
  return result;
}

/** The same projects in one run, for comparison; returns the JSON report's path. */
export async function runUnsharded(
  options: Omit<ShardedRunOptions, 'shards'>,
): Promise<{ json: string; exitCode: number | null; output: string }> {
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'unsharded.json');
  if (options.echo) console.log('\n== unsharded run');
  const run = await runPlaywright(
    [
      'test',
      ...projectArgs(options.projects),
      `--reporter=${REDACTION_REPORTER},list,json`,
      `--output=${join(outDir, 'test-results-unsharded')}`,
      ...(options.extraArgs ?? []),
    ],
    { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: json }, echo: options.echo },
  );
  return { json, ...run };
}

/** The ids of the tests the projects hold right now (`playwright test --list`), without running them. */
export async function listTestIds(
  options: Omit<ShardedRunOptions, 'shards' | 'outDir' | 'echo'>,
): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-list-'));
  const json = join(dir, 'list.json');
  try {
    const run = await runPlaywright(
      ['test', '--list', ...projectArgs(options.projects), '--reporter=json', ...(options.extraArgs ?? [])],
      { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: json } },
    );
    if (run.exitCode !== 0)
      throw new Error(`playwright test --list exited with ${run.exitCode}:\n${run.output.slice(-3000)}`);
    return reportTests(readReport(json)).map((t) => t.id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
