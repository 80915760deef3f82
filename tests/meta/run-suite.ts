import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SELECTED_PROJECTS_ENV } from '../../helpers/project-selection';

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
  durationMs: number;
  errorMessage: string;
  annotations: { type: string; description?: string }[];
  attachments: ChildAttachment[];
}

interface JsonSuite {
  title: string;
  specs?: {
    title: string;
    tests: {
      projectName: string;
      annotations?: { type: string; description?: string }[];
      results: {
        status: string;
        duration: number;
        errors?: { message?: string }[];
        annotations?: { type: string; description?: string }[];
        attachments?: { name: string; contentType: string; path?: string; body?: string }[];
      }[];
    }[];
  }[];
  suites?: JsonSuite[];
}

/** The parent's project choice and worker identity must not leak into the child run. */
const PARENT_ONLY_ENV = [SELECTED_PROJECTS_ENV, 'TEST_WORKER_INDEX', 'TEST_PARALLEL_INDEX'];

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function collect(suite: JsonSuite, out: ChildTestResult[]): void {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      // A test that never ran (its dependency project failed) has no result: it was skipped.
      const result = t.results.at(-1) ?? { status: 'skipped', duration: 0 };
      out.push({
        title: spec.title,
        project: t.projectName,
        status: result.status,
        durationMs: result.duration,
        errorMessage: (result.errors ?? [])
          .map((e) => e.message ?? '')
          .join('\n')
          .replace(ANSI, ''),
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

/**
 * Runs our own suite in a child Playwright process (same stand-in, same secret) and returns each test's
 * outcome: how meta-tests prove a spec fails, fast and clearly, against a stand-in fault.
 */
export async function runSuite(options: {
  args: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Also write the HTML report, to `<dir>/playwright-report`. */
  htmlReport?: boolean;
  /** Keep the run's folder (`out/` test results, the JSON and HTML reports); the caller removes `dir`. */
  keepArtifacts?: boolean;
}): Promise<{ exitCode: number | null; results: ChildTestResult[]; output: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-meta-'));
  const reportFile = join(dir, 'results.json');
  const inherited = Object.entries(process.env).filter(([name]) => !PARENT_ONLY_ENV.includes(name));
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    ...options.env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
    PW_TEST_HTML_REPORT_OPEN: 'never',
    PLAYWRIGHT_HTML_OUTPUT_DIR: join(dir, 'playwright-report'),
    FORCE_COLOR: '0',
  };
  const child = spawn(
    process.execPath,
    [
      require.resolve('@playwright/test/cli'),
      'test',
      options.htmlReport ? '--reporter=json,html' : '--reporter=json',
      `--output=${join(dir, 'out')}`,
      ...options.args,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  const results: ChildTestResult[] = [];
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { suites: JsonSuite[] };
    for (const suite of report.suites) collect(suite, results);
  } catch {
    // no report: the output says why
  }
  if (!options.keepArtifacts) rmSync(dir, { recursive: true, force: true });
  return { exitCode, results, output, dir };
}
