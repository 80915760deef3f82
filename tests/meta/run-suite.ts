import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripAnsi } from '../../lib/reporting/ansi';
import { SELECTED_PROJECTS_ENV } from '../../lib/setup/project-selection';
import { REDACTION_REPORTER } from '../../lib/reporting/reporter-args';
import type { PlaywrightJsonReport, ReportSuite } from '../../lib/reporting/summary/report-tests';

export interface ChildAttachment {
  name: string;
  contentType: string;
  /** The file, for attachments written to disk (gone after the run unless `keepArtifacts`). */
  path?: string;
  /** The inline body as text, for attachments added with `body`. */
  body?: string;
}

export interface ChildTestResult {
  title: string;
  /** The child's project, e.g. `local` or `staging-preflight`. */
  project: string;
  status: string;
  /** Playwright's outcome: `expected` (passed, or failed as expected), `unexpected`, `flaky` or `skipped`. */
  outcome: string;
  durationMs: number;
  errorMessage: string;
  /** Each error on its own (a soft failure, then the one that ended the test). */
  errors: string[];
  annotations: { type: string; description?: string }[];
  attachments: ChildAttachment[];
}

/** The parent's project choice and worker identity must not leak into the child run. */
const PARENT_ONLY_ENV = [SELECTED_PROJECTS_ENV, 'TEST_WORKER_INDEX', 'TEST_PARALLEL_INDEX'];

/** This process's environment as a child Playwright process should inherit it. */
export function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !PARENT_ONLY_ENV.includes(name)));
}

function collect(suite: ReportSuite, out: ChildTestResult[]): void {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      // A test that never ran (its dependency project failed) has no result: it was skipped.
      const result = t.results.at(-1) ?? { status: 'skipped', duration: 0 };
      out.push({
        title: spec.title,
        project: t.projectName,
        status: result.status ?? 'skipped',
        outcome: t.status,
        durationMs: result.duration,
        errorMessage: stripAnsi((result.errors ?? []).map((e) => e.message ?? '').join('\n')),
        errors: (result.errors ?? []).map((e) => stripAnsi(e.message ?? '')),
        annotations: result.annotations ?? t.annotations ?? [],
        attachments: (result.attachments ?? []).map(({ name, contentType, path, body }) => ({
          name,
          contentType,
          ...(path ? { path } : {}),
          ...(body ? { body: Buffer.from(body, 'base64').toString('utf8') } : {}),
        })),
      });
    }
  }
  for (const child of suite.suites ?? []) collect(child, out);
}

/** Reports a child run can write besides the JSON report, each into the run's folder. */
export type ChildReport = 'html' | 'blob' | 'junit';

export interface ChildRun {
  exitCode: number | null;
  results: ChildTestResult[];
  /** stdout and stderr, interleaved. */
  output: string;
  stdout: string;
  stderr: string;
  /** `out/` (test results), `results.json`, and `playwright-report/`, `blob/`, `results.junit.xml` if asked. */
  dir: string;
}

/**
 * Runs our own suite in a child Playwright process (same stand-in, same secret) and returns each test's
 * outcome: how meta-tests prove a spec fails, fast and clearly, against a stand-in fault. The reporters are
 * the config's redaction reporter first, then JSON (and `reports`), as in every real run.
 */
export async function runSuite(options: {
  args: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Also write these reports into the run's folder. */
  reports?: readonly ChildReport[];
  /** Replaces the reporter list (the JSON report is then read only if one of them writes it). */
  reporters?: readonly string[];
  /** Keep the run's folder (`out/` test results, the reports); the caller removes `dir`. */
  keepArtifacts?: boolean;
  /** The checkout the child runs in (default: this one), e.g. a scratch copy with a patch applied. */
  cwd?: string;
  /** Runs alongside the child (e.g. to interrupt it); the run ends once both have. */
  whileRunning?: (child: ChildProcess, dir: string) => Promise<void>;
}): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-meta-'));
  const reportFile = join(dir, 'results.json');
  const env: NodeJS.ProcessEnv = {
    ...childEnv(),
    PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
    PW_TEST_HTML_REPORT_OPEN: 'never',
    PLAYWRIGHT_HTML_OUTPUT_DIR: join(dir, 'playwright-report'),
    PLAYWRIGHT_BLOB_OUTPUT_DIR: join(dir, 'blob'),
    PLAYWRIGHT_JUNIT_OUTPUT_NAME: join(dir, 'results.junit.xml'),
    FORCE_COLOR: '0',
    // Last, so a meta-test can change any of the above (e.g. PLAYWRIGHT_JSON_OUTPUT_NAME='' for JSON on stdout).
    ...options.env,
  };
  const reporters = options.reporters ?? [REDACTION_REPORTER, 'json', ...(options.reports ?? [])];
  const child = spawn(
    process.execPath,
    [
      require.resolve('@playwright/test/cli'),
      'test',
      `--reporter=${reporters.join(',')}`,
      `--output=${join(dir, 'out')}`,
      ...options.args,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd ? { cwd: options.cwd } : {}) },
  );
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  // A hook that fails (its own deadline) ends the child too, so no run outlives its meta-test.
  const during = options.whileRunning?.(child, dir).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const [exit, hook] = await Promise.allSettled([exited, during]);
  const exitCode = exit.status === 'fulfilled' ? exit.value : null;
  if (hook.status === 'rejected') {
    if (!options.keepArtifacts) rmSync(dir, { recursive: true, force: true });
    throw hook.reason;
  }
  const results: ChildTestResult[] = [];
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Pick<PlaywrightJsonReport, 'suites'>;
    for (const suite of report.suites) collect(suite, results);
  } catch {
    // no report: the output says why
  }
  if (!options.keepArtifacts) rmSync(dir, { recursive: true, force: true });
  return { exitCode, results, output, stdout, stderr, dir };
}
