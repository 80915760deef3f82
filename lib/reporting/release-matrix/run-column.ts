import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { runRedactor } from '../../secrets/artifact-redaction';
import {
  FRONTEND_TAG_ENV,
  REAL_FRONTEND_BACKEND_PORT,
  REAL_FRONTEND_ENV,
  REAL_FRONTEND_PORT,
} from '../../setup/real-frontend';
import { stripAnsi } from '../ansi';
import { runPlaywright } from '../summary/playwright-child';
import type { ColumnKind } from './model';
import { htmlReportDirOf, reportFileOf } from './read-runs';
import { reportNameOf, type RunRecord } from './run-record';
import { portsStillTaken } from './free-ports';

/** One column to run: our page (`reference`, project `local`) or a release build (project `real-frontend`). */
export interface PlannedColumn {
  id: string;
  kind: ColumnKind;
  build?: string;
}

/** The last lines of a run's output kept in its record, for a column whose run reached no test. */
const OUTPUT_LINES = 6;
/** A release run's own global timeout is 45 min (playwright.config.ts); past that, the child is killed. */
const RUN_TIMEOUT_MS = 50 * 60_000;
/** How long the ports may take to be freed by the run before (its servers stopping). */
const PORTS_FREED_MS = 20_000;

/** The last lines of the output that say something: no blank line, no stack frame. */
const tailOf = (output: string): string =>
  stripAnsi(output)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^at /.test(line))
    .slice(-OUTPUT_LINES)
    .join(' ⏎ ');

/**
 * Runs the e2e specs through one column's frontend, as a plain `npx playwright test` would: the release's
 * build against the stand-in backend (`real-frontend`, NETRA_REAL_FRONTEND and NETRA_FRONTEND_TAG set), or our
 * page (`local`). Its reports are `reports/release-<id>.json` and `playwright-report-release-<id>/`, the ones
 * before removed first. Never throws for the run's sake: a run that fails to start is a record that says why.
 */
export async function runColumn(
  column: PlannedColumn,
  options: { root: string; playwrightArgs: readonly string[]; echo?: boolean },
): Promise<RunRecord> {
  const reportName = reportNameOf(column.id);
  const outputDir = join(options.root, 'test-results', reportName);
  for (const stale of [
    reportFileOf(options.root, reportName),
    htmlReportDirOf(options.root, reportName),
    outputDir,
  ])
    rmSync(stale, { recursive: true, force: true });
  const record = {
    id: column.id,
    kind: column.kind,
    ...(column.build ? { build: column.build } : {}),
    reportName,
  };
  const release = column.kind === 'release';
  if (release) {
    const taken = await portsStillTaken([REAL_FRONTEND_PORT, REAL_FRONTEND_BACKEND_PORT], PORTS_FREED_MS);
    if (taken.length)
      return {
        ...record,
        exitCode: null,
        wallMs: 0,
        output: `not started: localhost:${taken.join(' and localhost:')} is in use by another server, which the run would have judged instead of this build`,
      };
  }
  const started = Date.now();
  const loadStart = loadavg()[0] ?? 0;
  const run = await runPlaywright(
    [
      'test',
      `--project=${release ? 'real-frontend' : 'local'}`,
      `--output=${outputDir}`,
      ...options.playwrightArgs,
    ],
    {
      env: {
        NETRA_REPORT_NAME: reportName,
        [REAL_FRONTEND_ENV]: release ? (column.build ?? '') : '',
        [FRONTEND_TAG_ENV]: release ? column.id : '',
      },
      echo: options.echo ?? true,
      timeoutMs: RUN_TIMEOUT_MS,
    },
  );
  return {
    ...record,
    exitCode: run.exitCode,
    wallMs: Date.now() - started,
    machine: { cpus: availableParallelism(), loadStart, loadEnd: loadavg()[0] ?? 0 },
    output: runRedactor().text(tailOf(run.output)),
  };
}
