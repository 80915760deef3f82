import { readFileSync } from 'node:fs';

/**
 * The tests of a Playwright JSON report (the `json` reporter's file, or `merge-reports --reporter=json`), as a
 * flat list: one entry per test and project, with the last attempt's outcome. Only the fields our scripts read
 * are typed here, all optional where Playwright may leave them out.
 */
export interface ReportAnnotation {
  type: string;
  description?: string;
}

export interface ReportAttachment {
  name: string;
  contentType: string;
  path?: string;
  body?: string;
}

interface ReportResult {
  status?: string;
  duration: number;
  retry?: number;
  errors?: { message?: string }[];
  annotations?: ReportAnnotation[];
  attachments?: ReportAttachment[];
}

interface ReportSuite {
  title: string;
  file?: string;
  specs?: {
    title: string;
    file: string;
    tests: {
      projectName: string;
      status: 'expected' | 'unexpected' | 'flaky' | 'skipped';
      annotations?: ReportAnnotation[];
      results: ReportResult[];
    }[];
  }[];
  suites?: ReportSuite[];
}

export interface PlaywrightJsonReport {
  suites: ReportSuite[];
  errors?: { message?: string }[];
  stats: {
    duration: number;
    expected: number;
    unexpected: number;
    flaky: number;
    skipped: number;
  };
}

export interface ReportTest {
  /** `[project] file › describe › title`: unique within one run. */
  id: string;
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

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export const stripAnsi = (text: string): string => text.replace(ANSI, '');

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
