import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { JSONReport } from '@playwright/test/reporter';
import { STAND_IN_ENV } from '../../lib/setup/config';
import { REDACTION_REPORTER } from '../../lib/reporting/reporter-args';
import {
  pressCtrlCUntilExit,
  redactedFiles,
  scanRun,
  tracesUnder,
  waitForFirstTrace,
  waitForWorkersGone,
  type ArtifactKind,
  type RunScan,
} from './run-artifacts';
import { runSuite, type ChildRun } from './run-suite';

/**
 * However a run ends, no artifact holds a credential: not the signing secret (raw, base64, base64url,
 * percent-encoded), not a minted JWT (raw, `jwt.<base64url>`, or base64 at any offset). Each ending is a real
 * child run of the suite, traced, writing every report CI uploads; then test results (scratch folders
 * included), the HTML report (its inlined data decoded), the blob zip, JUnit and JSON are scanned, and at
 * the end the blobs of every ending are merged as the nightly merges them and the merged reports scanned.
 */
const JOURNEYS = ['e2e/welcome.spec.ts', 'e2e/agent-events.spec.ts'];
const LOCAL = ['--project=local', '--workers=1'];
/** Long enough for a child to start and sign in a page even on a loaded machine; far shorter than the run. */
const GLOBAL_TIMEOUT_MS = 25_000;
const LONG_RUN = ['--trace=on', '--repeat-each=12', 'e2e/agent-events.spec.ts'];
const ALL_REPORTS: ArtifactKind[] = [
  'test-results',
  'HTML report',
  'blob report',
  'JSON report',
  'JUnit report',
];

const standInSecret = process.env[STAND_IN_ENV.secret] ?? '';
/** The secret of the "staging" the API ending calls (a closed loopback port): a needle like any other. */
const stagingSecret = randomBytes(32).toString('hex');
const SECRETS = [standInSecret, stagingSecret];

let blobs = '';

/** The traces did carry credentials (every journey signs in with tokens), and something removed them. */
const expectRedacted = (run: ChildRun) =>
  expect(redactedFiles(join(run.dir, 'out')).length, 'test results show removed credentials').toBeGreaterThan(
    0,
  );
const statuses = (run: ChildRun) => run.results.map((r) => r.status);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Every artifact kind the ending must have left, with files in it. */
function expectArtifacts(scan: RunScan, kinds: readonly ArtifactKind[]): void {
  for (const kind of kinds) expect(scan.files[kind], `${kind} was written and scanned`).toBeGreaterThan(0);
}

/** Runs one ending, waits for its last worker, scans everything it left, keeps its blob for the merge. */
async function endRun(
  name: string,
  options: Parameters<typeof runSuite>[0],
  check: (run: ChildRun, scan: RunScan) => void,
): Promise<void> {
  const started = Date.now();
  const run = await runSuite({
    reports: ['html', 'blob', 'junit'],
    timeoutMs: 100_000,
    ...options,
    keepArtifacts: true,
  });
  try {
    await waitForWorkersGone(join(run.dir, 'out'));
    const scan = scanRun(run.dir, SECRETS);
    check(run, scan);
    expect(scan.hits, `${name}: artifacts holding a credential (what matched is never printed)`).toEqual([]);
    // `report-<hash of the command>.zip`: one per run, renamed after its ending for the merge.
    const blobDir = join(run.dir, 'blob');
    for (const blob of existsSync(blobDir) ? readdirSync(blobDir).filter((f) => f.endsWith('.zip')) : [])
      copyFileSync(join(blobDir, blob), join(blobs, `${name}-${blob}`));
    const files = Object.values(scan.files).reduce((a, b) => a + b, 0);
    test.info().annotations.push({
      type: 'leak-scan',
      description: `${name}: ${files} files scanned, ${scan.hits.length} hits, ${Date.now() - started} ms`,
    });
  } finally {
    rmSync(run.dir, { recursive: true, force: true });
  }
}

test.describe('no credential leaves a run, however it ends', () => {
  // Each ending's child may take a while on a loaded machine; it is stopped before this bound.
  test.describe.configure({ mode: 'serial', timeout: 150_000 });

  test.beforeAll(() => {
    expect(standInSecret.length, 'the stand-in secret the child runs sign with').toBeGreaterThanOrEqual(32);
    blobs = mkdtempSync(join(tmpdir(), 'netra-leak-blobs-'));
  });

  test.afterAll(() => rmSync(blobs, { recursive: true, force: true }));

  test('green, fully traced: REST calls, socket upgrade and token refresh all recorded, then removed', async () => {
    await endRun('green', { args: [...LOCAL, '--trace=on', ...JOURNEYS] }, (run, scan) => {
      expect(statuses(run), run.output.slice(-1500)).toEqual(['passed', 'passed']);
      expect(tracesUnder(join(run.dir, 'out')), 'both traces kept').toHaveLength(2);
      expect(run.stderr, 'the reporter says what it removed').toMatch(
        /artifact redaction: removed credentials/,
      );
      expectRedacted(run);
      expectArtifacts(scan, ALL_REPORTS);
    });
  });

  test('red: failure traces, screenshots and frame logs', async () => {
    await endRun(
      'red',
      { args: [...LOCAL, 'e2e/agent-events.spec.ts'], env: { NETRA_FAULT: 'flat-welcome' } },
      (run, scan) => {
        expect(statuses(run), run.output.slice(-1500)).toEqual(['failed']);
        expectRedacted(run);
        expectArtifacts(scan, ALL_REPORTS);
      },
    );
  });

  test('a test killed by its timeout', async () => {
    // The contract check creates its thread (Bearer) and opens its socket within milliseconds; the agent then
    // starts 30 s late, and the test timeout ends the wait for its first event before deadlines.firstEvent can.
    const args = ['--project=local-api', '--timeout=2500', '--trace=on', 'api/4-agent-run.spec.ts'];
    await endRun('test-timeout', { args, env: { NETRA_FAULT: 'slow-agent' } }, (run, scan) => {
      expect(statuses(run), run.output.slice(-1500)).toEqual(['timedOut']);
      expectRedacted(run);
      expectArtifacts(scan, ALL_REPORTS);
    });
  });

  test('the global timeout: global teardown is skipped, a worker still writes its trace', async () => {
    const args = [...LOCAL, `--global-timeout=${GLOBAL_TIMEOUT_MS}`, ...LONG_RUN];
    await endRun('global-timeout', { args }, (run, scan) => {
      expect(run.output).toContain(
        `Timed out waiting ${GLOBAL_TIMEOUT_MS / 1000}s for the test suite to run`,
      );
      expectRedacted(run);
      expectArtifacts(scan, ALL_REPORTS);
    });
  });

  test('interrupted by Ctrl-C (SIGINT) in the middle of a journey', async () => {
    const whileRunning = async (child: Parameters<typeof waitForFirstTrace>[1], dir: string) => {
      await waitForFirstTrace(join(dir, 'out'), child);
      child.kill('SIGINT');
    };
    await endRun('sigint', { args: [...LOCAL, ...LONG_RUN], whileRunning }, (run, scan) => {
      expect(run.exitCode, run.output.slice(-1500)).toBe(130);
      expectRedacted(run);
      expectArtifacts(scan, ALL_REPORTS);
    });
  });

  test('Ctrl-C pressed again and again: teardown cut short, workers outliving the runner', async () => {
    let presses = 0;
    const whileRunning = async (child: Parameters<typeof waitForFirstTrace>[1], dir: string) => {
      await waitForFirstTrace(join(dir, 'out'), child);
      presses = await pressCtrlCUntilExit(child, 30_000);
    };
    await endRun('ctrl-c-again', { args: [...LOCAL, ...LONG_RUN], whileRunning }, (run, scan) => {
      expect(presses, 'Ctrl-C was pressed more than once').toBeGreaterThan(1);
      expect(run.exitCode, run.output.slice(-1500)).not.toBe(0);
      // Whether the reports got written depends on which press landed where; the traces are always there.
      expectRedacted(run);
      expectArtifacts(scan, ['test-results']);
    });
  });

  test('a failed API check that sent a Bearer header (Playwright puts its headers in the error)', async () => {
    const origin = `http://127.0.0.1:${await closedPort()}`;
    const env = {
      NETRA_FRONTEND_URL: origin,
      NETRA_API_URL: origin,
      NETRA_AUTH_URL: origin,
      NETRA_WS_URL: origin.replace('http', 'ws') + '/ws',
      NETRA_JWT_SECRET: stagingSecret,
    };
    const args = ['--project=staging-api', '--no-deps', '--trace=on', '--grep=GET /health/ready', 'api/'];
    await endRun('api-bearer', { args, env }, (run, scan) => {
      expect(statuses(run), run.output.slice(-1500)).toEqual(['failed']);
      const message = run.results[0]?.errorMessage ?? '';
      expect(message).toContain('[staging-unreachable] phase "REST GET /health/ready"');
      expect(message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/health\/ready: connect ECONNREFUSED/);
      expect(message, 'no request header in the error').not.toMatch(/authorization|user-agent/i);
      expectRedacted(run);
      expectArtifacts(scan, ALL_REPORTS);
    });
  });

  test('the blobs of every ending, merged as the nightly merges them: HTML, JUnit and JSON', async () => {
    const merged = mkdtempSync(join(tmpdir(), 'netra-leak-merged-'));
    try {
      expect(readdirSync(blobs).length, 'blob reports of the endings').toBeGreaterThanOrEqual(6);
      const child = spawn(
        process.execPath,
        [
          require.resolve('@playwright/test/cli'),
          'merge-reports',
          `--reporter=${REDACTION_REPORTER},html,junit,json`,
          blobs,
        ],
        {
          env: {
            ...process.env,
            PLAYWRIGHT_HTML_OUTPUT_DIR: join(merged, 'playwright-report'),
            PLAYWRIGHT_HTML_OPEN: 'never',
            PLAYWRIGHT_JUNIT_OUTPUT_NAME: join(merged, 'results.junit.xml'),
            PLAYWRIGHT_JSON_OUTPUT_NAME: join(merged, 'results.json'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code === 0 || code === 1, `merge-reports ran: ${output.slice(-1000)}`).toBe(true);
      const scan = scanRun(merged, SECRETS);
      expectArtifacts(scan, ['HTML report', 'JSON report', 'JUnit report']);
      const report = JSON.parse(readFileSync(join(merged, 'results.json'), 'utf8')) as JSONReport;
      expect(report.stats, 'the merged report holds the endings').toBeDefined();
      expect(scan.hits, 'merged reports holding a credential').toEqual([]);
    } finally {
      rmSync(merged, { recursive: true, force: true });
    }
  });

  test('control: the same run without the redaction reporter leaks the Bearer header of a step into the HTML report', async () => {
    // A unit spec that lets Playwright's own API error (its call log prints `authorization: Bearer <jwt>`)
    // land in a step, as a spec calling `request` directly would. Deterministic: nothing but the redaction
    // reporter rewrites a step's error before the HTML reporter serializes it.
    const args = ['--project=unit', 'tests/unit/api-request.spec.ts', '--grep=why the path exists'];
    const scanned = async (reporters: string[]) => {
      const run = await runSuite({ args, reporters, keepArtifacts: true });
      try {
        expect(statuses(run), run.output.slice(-1500)).toEqual(['passed']);
        return scanRun(run.dir, SECRETS);
      } finally {
        rmSync(run.dir, { recursive: true, force: true });
      }
    };
    const redacted = await scanned([REDACTION_REPORTER, 'json', 'html']);
    expectArtifacts(redacted, ['HTML report', 'JSON report']);
    expect(redacted.hits, 'with the redaction reporter first').toEqual([]);
    const raw = await scanned(['json', 'html']);
    expect(
      raw.hits.filter((hit) => hit.startsWith('HTML report: ')),
      'without it, the leak scan finds the JWT in the HTML report',
    ).not.toEqual([]);
  });
});
