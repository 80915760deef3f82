import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SELECTED_PROJECTS_ENV } from '../../helpers/project-selection';

export interface ChildTestResult {
  title: string;
  status: string;
  durationMs: number;
  errorMessage: string;
}

interface JsonSuite {
  title: string;
  specs?: {
    title: string;
    tests: { results: { status: string; duration: number; errors?: { message?: string }[] }[] }[];
  }[];
  suites?: JsonSuite[];
}

/** The parent's project choice and worker identity must not leak into the child run. */
const PARENT_ONLY_ENV = [SELECTED_PROJECTS_ENV, 'TEST_WORKER_INDEX', 'TEST_PARALLEL_INDEX'];

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function collect(suite: JsonSuite, out: ChildTestResult[]): void {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      const result = t.results.at(-1);
      if (!result) continue;
      out.push({
        title: spec.title,
        status: result.status,
        durationMs: result.duration,
        errorMessage: (result.errors ?? [])
          .map((e) => e.message ?? '')
          .join('\n')
          .replace(ANSI, ''),
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
}): Promise<{ exitCode: number | null; results: ChildTestResult[]; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-meta-'));
  const reportFile = join(dir, 'results.json');
  const inherited = Object.entries(process.env).filter(([name]) => !PARENT_ONLY_ENV.includes(name));
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    ...options.env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
    PW_TEST_HTML_REPORT_OPEN: 'never',
    FORCE_COLOR: '0',
  };
  const child = spawn(
    process.execPath,
    [
      require.resolve('@playwright/test/cli'),
      'test',
      '--reporter=json',
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
  rmSync(dir, { recursive: true, force: true });
  return { exitCode, results, output };
}
