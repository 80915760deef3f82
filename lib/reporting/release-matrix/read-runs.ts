import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripAnsi } from '../ansi';
import { readReport, reportTests, type PlaywrightJsonReport } from '../summary/report-tests';
import type { ColumnRun } from './model';
import type { RunRecord } from './run-record';

/** Where a run's reports are, from the project root (playwright.config.ts: NETRA_REPORT_NAME). */
export const reportFileOf = (root: string, reportName: string) => join(root, 'reports', `${reportName}.json`);
export const htmlReportDirOf = (root: string, reportName: string) =>
  join(root, `playwright-report-${reportName}`);

const firstLine = (text: string): string =>
  stripAnsi(text)
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean) ?? '';

function readable(file: string): PlaywrightJsonReport | undefined {
  try {
    return readReport(file);
  } catch {
    return undefined;
  }
}

/** Why a run has no test result: its report's error, else the end of its output, else its exit code. */
function whyNotRun(record: RunRecord, report: PlaywrightJsonReport | undefined): string {
  const reported = report?.errors?.map((e) => firstLine(e.message ?? '')).find(Boolean);
  const said = record.output?.trim();
  const exit = `exit code ${record.exitCode ?? 'none (killed)'}`;
  const parts = [reported ?? (report ? 'the run ran no test' : 'the run wrote no report'), said, exit];
  return parts.filter(Boolean).join('; ');
}

/**
 * A recorded run as a matrix column: its tests from `reports/<name>.json`, its HTML report linked relative to
 * the matrix folder. A run that reached no test (its server did not start, the build is not one) is a column
 * that says why, never an error.
 */
export function readColumnRun(record: RunRecord, root: string, matrixDir: string): ColumnRun {
  const report = readable(reportFileOf(root, record.reportName));
  const htmlDir = htmlReportDirOf(root, record.reportName);
  const base = {
    id: record.id,
    kind: record.kind,
    ...(record.build ? { build: record.build } : {}),
    ...(existsSync(join(htmlDir, 'index.html')) ? { htmlReport: relative(matrixDir, htmlDir) } : {}),
  };
  const tests = report ? reportTests(report) : [];
  if (!report || tests.length === 0)
    return { ...base, outcome: { ran: false, why: whyNotRun(record, report) } };
  const durationMs = record.wallMs || report.stats.duration;
  return { ...base, outcome: { ran: true, tests, durationMs } };
}
