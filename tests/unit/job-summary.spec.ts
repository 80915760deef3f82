import { expect, test } from '@playwright/test';
import { renderJobSummary } from '../../lib/reporting/summary/job-summary-markdown';
import { frameLogFiles } from '../../lib/reporting/summary/frame-logs';
import { readReport, reportTests, type PlaywrightJsonReport } from '../../lib/reporting/summary/report-tests';

/** A small merged nightly report: a drift failure, a timeout, a flaky run, a skip and a backend test. */
const FIXTURE = 'tests/unit/fixtures/nightly-report.json';
const report = readReport(FIXTURE);
const reports = [{ name: FIXTURE, report }];

const allPassed: PlaywrightJsonReport = {
  suites: [
    {
      title: 'api/health.spec.ts',
      specs: [
        {
          title: 'health is ready',
          file: 'api/health.spec.ts',
          tests: [
            { projectName: 'staging-api', status: 'expected', results: [{ status: 'passed', duration: 5 }] },
          ],
        },
      ],
    },
  ],
  stats: { duration: 5, expected: 1, unexpected: 0, flaky: 0, skipped: 0 },
};

test.describe('nightly job summary', () => {
  test('counts, verdicts and each failed test with the first line of its error', () => {
    const { markdown, ok } = renderJobSummary({ title: 'Nightly', reports });
    expect(ok).toBe(false);
    expect(markdown).toContain('## Nightly: ❌ failed');
    expect(markdown).toContain('| 1 | 2 | 0 | 1 | 1 | 5 | 212.3 s |');
    expect(markdown).toContain('| protocol-drift | 1 |');
    expect(markdown).toContain('| agent-timeout | 1 |');
    expect(markdown).toContain(
      '- [staging] e2e/welcome.spec.ts › WebSocket welcome › the first server frame is the welcome\n' +
        '  `[protocol-drift] phase "welcome": the first server frame does not match the welcome schema`',
    );
    // ANSI colours and the error class are gone, backticks can't break the code span.
    expect(markdown).not.toContain('E2EFailure');
    expect(markdown).not.toContain('\u001b[');
    expect(markdown).toContain("passed | waiting for 'agent_started'`");
    expect(markdown).toContain('### Flaky (passed on retry)');
  });

  test('latency figures and the verdict, latency and protocol-note annotations', () => {
    const { markdown } = renderJobSummary({ title: 'Nightly', reports });
    expect(markdown).toContain('| welcomeMs | 2 | 300 ms | 400 ms | 400 ms |');
    expect(markdown).toContain('| completionMs | 1 | 5400 ms | 5400 ms | 5400 ms |');
    expect(markdown).toContain('| protocol-drift in phase welcome |');
    expect(markdown).toContain('| first event 1200 ms, final_report 5400 ms after send |');
    expect(markdown).toContain('| data.region: a field the schema does not know |');
    expect(markdown).not.toContain('no admin user on staging');
  });

  test('browser tests are reported blocked when the backend contract failed', () => {
    const { markdown, ok } = renderJobSummary({
      title: 'Nightly',
      reports: [{ name: 'nightly.json', report: allPassed }],
      backend: { project: 'staging-api', result: 'failure', defined: true },
      browser: { project: 'staging', result: 'skipped' },
    });
    expect(ok).toBe(false);
    expect(markdown).toContain('- ❌ Backend contract (`staging-api`): failure.');
    expect(markdown).toContain('- ⛔ Browser tests (`staging`): **blocked by backend drift**, not run.');
  });

  test('green only when every test passed, at least one ran and every job succeeded', () => {
    const green = renderJobSummary({
      title: 'Nightly',
      reports: [{ name: 'nightly.json', report: allPassed }],
      backend: { project: 'staging-api', result: 'success', defined: false },
      browser: { project: 'staging', result: 'success' },
    });
    expect(green.ok).toBe(true);
    expect(green.markdown).toContain('project `staging-api` is not defined in this suite, skipped');
    const missing = renderJobSummary({
      title: 'Nightly',
      reports: [{ name: 'nightly.json', report: undefined }],
    });
    expect(missing.ok).toBe(false);
    expect(missing.markdown).toContain('`nightly.json` is missing: its run produced no report.');
    const empty = renderJobSummary({
      title: 'Nightly',
      reports: [{ name: 'nightly.json', report: { ...allPassed, suites: [] } }],
    });
    expect(empty.ok).toBe(false);
    expect(empty.markdown).toContain('no test ran');
    const shardFailed = renderJobSummary({
      title: 'Nightly',
      reports: [{ name: 'nightly.json', report: allPassed }],
      browser: { project: 'staging', result: 'failure' },
    });
    expect(shardFailed.ok).toBe(false);
  });

  test('a judged drift: its verdict counted, who is at fault, and the fix of a stale schema as a diff', () => {
    const diff =
      "diff --git a/lib/protocol/welcome.ts b/lib/protocol/welcome.ts\n-  type: z.literal('system_message'),\n";
    const stale = '[test-is-stale] phase "welcome": only the form changed and the app did it all';
    const broke =
      '[staging-broke-invariant] phase "welcome": the app tolerated it, but staging broke identity';
    const drifted = (title: string, line: string, record: object) => ({
      title,
      file: 'e2e/welcome.spec.ts',
      tests: [
        {
          projectName: 'local',
          status: 'unexpected' as const,
          results: [
            {
              status: 'failed' as const,
              duration: 900,
              errors: [{ message: `E2EFailure: ${line}` }],
              attachments: [
                {
                  name: 'protocol-drift.json',
                  contentType: 'application/json',
                  body: Buffer.from(JSON.stringify({ mismatches: [record], unknownFields: [] })).toString(
                    'base64',
                  ),
                },
              ],
            },
          ],
        },
      ],
    });
    const record = { source: 'waiter', phase: 'welcome', summary: 's', issues: [] };
    const report: PlaywrightJsonReport = {
      suites: [
        {
          title: 'e2e/welcome.spec.ts',
          specs: [
            drifted('renamed type', stale, {
              ...record,
              verdict: 'test-is-stale',
              verdictLine: stale,
              userView: { need: 'the chat', met: true, detail: 'the chat showed 90 ms after the frame' },
              patch: { edits: [], diff, files: ['lib/protocol/welcome.ts'] },
            }),
            drifted('wrong user', broke, {
              ...record,
              verdict: 'staging-broke-invariant',
              verdictLine: broke,
            }),
          ],
        },
      ],
      stats: { duration: 2, expected: 0, unexpected: 2, flaky: 0, skipped: 0 },
    };
    const { markdown } = renderJobSummary({ title: 'Nightly', reports: [{ name: 'r.json', report }] });
    expect(markdown).toContain('| test-is-stale | 1 |');
    expect(markdown).toContain('| staging-broke-invariant | 1 |');
    expect(markdown).toContain('### Protocol drift: staging or the test?');
    expect(markdown).toContain(
      '| [local] e2e/welcome.spec.ts › renamed type | test-is-stale | the chat showed 90 ms after the frame |',
    );
    expect(markdown).toContain(
      '#### The fix: only the form changed, the schema is stale (`npm run protocol:accept-drift -- reports/protocol-drift.json`)\n\n```diff\ndiff --git a/lib/protocol/welcome.ts',
    );
    expect(markdown).toContain("#### Staging's fault: no patch\n\n- `[staging-broke-invariant] phase");
  });

  test('frame logs are extracted one folder per test, bodies decoded', () => {
    const files = frameLogFiles(reportTests(report));
    expect(files.map((f) => f.path)).toEqual([
      'staging/e2e-welcome.spec.ts-WebSocket-welcome-the-first-server-frame-is-the-welcome/websocket-frames.txt',
    ]);
    expect(files[0]?.body?.toString()).toContain('connection_established');
  });
});
