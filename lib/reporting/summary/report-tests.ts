import { readFileSync } from 'node:fs';
import type {
  JSONReport,
  JSONReportError,
  JSONReportSpec,
  JSONReportSuite,
  JSONReportTest,
  JSONReportTestResult,
} from '@playwright/test/reporter';
import { stripAnsi } from '../ansi';

/**
 * The tests of a Playwright JSON report (the `json` reporter's file, or `merge-reports --reporter=json`), as a
 * flat list: one entry per test and project, with the last attempt's outcome. The report types are Playwright's
 * own, cut to the fields our scripts read, those Playwright may leave out (or a trimmed fixture drops) optional.
 */
export type ReportAnnotation = JSONReportTest['annotations'][number];

export type ReportAttachment = JSONReportTestResult['attachments'][number];

export interface ReportResult
  extends
    Pick<JSONReportTestResult, 'duration'>,
    Partial<Pick<JSONReportTestResult, 'status' | 'retry' | 'annotations' | 'attachments'>> {
  errors?: Partial<Pick<JSONReportError, 'message'>>[];
}

export interface ReportTestRun
  extends Pick<JSONReportTest, 'projectName' | 'status'>, Partial<Pick<JSONReportTest, 'annotations'>> {
  results: ReportResult[];
}

export interface ReportSpec
  extends Pick<JSONReportSpec, 'title' | 'file'>, Partial<Pick<JSONReportSpec, 'id' | 'tags'>> {
  tests: ReportTestRun[];
}

export interface ReportSuite extends Pick<JSONReportSuite, 'title'>, Partial<Pick<JSONReportSuite, 'file'>> {
  specs?: ReportSpec[];
  suites?: ReportSuite[];
}

export interface PlaywrightJsonReport extends Partial<Pick<JSONReport, 'errors'>> {
  suites: ReportSuite[];
  stats: Omit<JSONReport['stats'], 'startTime'>;
}

export interface ReportTest {
  /** `[project] file › describe › title`: unique within one run. */
  id: string;
  /**
   * Playwright's id of the test (the JSON report's spec id, one project per run), the one its HTML report
   * opens: `index.html#?testId=<testId>`. Undefined in a report that does not carry it.
   */
  testId?: string;
  /** Its tags without the `@` (`p1`), as the JSON report lists them. */
  tags?: string[];
  project: string;
  file: string;
  title: string;
  /** Playwright's outcome over all attempts: expected, unexpected, flaky or skipped. */
  outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  /** The last attempt's status: passed, failed, timedOut, interrupted or skipped. */
  status: string;
  attempts: number;
  durationMs: number;
  /** The error messages of the last attempt, ANSI colours removed. */
  errors: string[];
  annotations: ReportAnnotation[];
  attachments: ReportAttachment[];
}

function uniqueAnnotations(lists: (ReportAnnotation[] | undefined)[]): ReportAnnotation[] {
  const seen = new Map<string, ReportAnnotation>();
  for (const a of lists.flatMap((list) => list ?? [])) seen.set(`${a.type}\u0000${a.description ?? ''}`, a);
  return [...seen.values()];
}

function collect(suite: ReportSuite, titles: string[], out: ReportTest[]): void {
  for (const spec of suite.specs ?? []) {
    const title = [...titles, spec.title].join(' › ');
    for (const test of spec.tests) {
      const last = test.results.at(-1);
      out.push({
        id: `[${test.projectName}] ${spec.file} › ${title}`,
        ...(spec.id ? { testId: spec.id } : {}),
        ...(spec.tags ? { tags: spec.tags } : {}),
        project: test.projectName,
        file: spec.file,
        title,
        outcome: test.status,
        status: last?.status ?? 'skipped',
        attempts: test.results.length,
        durationMs: last?.duration ?? 0,
        errors: (last?.errors ?? []).map((e) => stripAnsi(e.message ?? '')),
        annotations: uniqueAnnotations([test.annotations, last?.annotations]),
        attachments: last?.attachments ?? [],
      });
    }
  }
  for (const child of suite.suites ?? []) collect(child, [...titles, child.title], out);
}

/** Every test of the report; a file's top-level suite (titled by the file) is not part of the title. */
export function reportTests(report: PlaywrightJsonReport): ReportTest[] {
  const out: ReportTest[] = [];
  for (const fileSuite of report.suites) collect(fileSuite, [], out);
  return out;
}

/** Reads a Playwright JSON report file. */
export function readReport(file: string): PlaywrightJsonReport {
  return JSON.parse(readFileSync(file, 'utf8')) as PlaywrightJsonReport;
}
