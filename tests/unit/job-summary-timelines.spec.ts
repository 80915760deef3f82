import { expect, test } from '@playwright/test';
import { MAX_DIAGRAMS } from '../../lib/reporting/summary/failure-diagrams';
import { frameLogFiles } from '../../lib/reporting/summary/frame-logs';
import { renderJobSummary } from '../../lib/reporting/summary/job-summary-markdown';
import { readReport, reportTests, type PlaywrightJsonReport } from '../../lib/reporting/summary/report-tests';

/**
 * Recorded runs (blob reports of the local suite against stand-in faults, merged with
 * `playwright merge-reports` as the nightly does, then trimmed): see tests/unit/fixtures/recorded/README.md.
 */
const RECORDED = 'tests/unit/fixtures/recorded';
const red = readReport(`${RECORDED}/red-run.json`);
const timeout = readReport(`${RECORDED}/timeout-run.json`);
const green = readReport(`${RECORDED}/green-run.json`);
const summaryOf = (report: PlaywrightJsonReport) =>
  renderJobSummary({ title: 'Nightly', reports: [{ name: 'nightly.json', report }] });

type Placement = 'test' | 'result' | 'both';

/**
 * A red run through the real frontend: every failure is a plain locator or assertion error (no `[verdict]`
 * first line), its verdict only in the `verdict` annotation, which Playwright's JSON report keeps on the test,
 * on the result, or (merged blob reports) on both.
 */
function realFrontendRun(failures: number, placement: Placement): PlaywrightJsonReport {
  const specs = Array.from({ length: failures }, (_, i) => {
    const verdict =
      i % 4 === 3
        ? { type: 'verdict', description: 'unclassified: expect(received).toBe(expected)' }
        : { type: 'verdict', description: `ui-broken: expect(locator).toBeVisible() failed` };
    const annotations = [verdict];
    return {
      title: `P1-${String(i + 1).padStart(3, '0')} journey`,
      file: 'e2e/p1/agent.spec.ts',
      tests: [
        {
          projectName: 'staging',
          status: 'unexpected' as const,
          ...(placement !== 'result' ? { annotations } : { annotations: [] }),
          results: [
            {
              status: 'failed' as const,
              duration: 4000,
              errors: [{ message: 'Error: expect(locator).toBeVisible() failed\n\nLocator: getByTestId(…)' }],
              ...(placement !== 'test' ? { annotations } : {}),
              attachments: [],
            },
          ],
        },
      ],
    };
  });
  return {
    suites: [{ title: 'e2e/p1/agent.spec.ts', specs }],
    stats: { duration: 1, expected: 0, unexpected: failures, flaky: 0, skipped: 0 },
  };
}

test.describe('job summary of recorded runs', () => {
  test('every failure is counted under its verdict, wherever the report keeps the annotation', () => {
    for (const placement of ['test', 'result', 'both'] as const) {
      const { markdown } = summaryOf(realFrontendRun(19, placement));
      expect(markdown, placement).toContain('| ui-broken | 15 |');
      expect(markdown, placement).toContain('| unclassified | 4 |');
      expect(markdown, placement).not.toContain('(none)');
      // The failed test's line says the verdict even though its error does not.
      expect(markdown, placement).toContain('`ui-broken: expect(locator).toBeVisible() failed`');
    }
    const { markdown } = summaryOf(red);
    expect(markdown).toContain('| protocol-drift | 2 |');
    expect(markdown).toContain('| connection-lost | 1 |');
    expect(markdown).toContain('| ui-broken | 1 |');
    expect(markdown).not.toContain('(none)');
  });

  test('a red run draws a sequence diagram per failed test with the bad frame highlighted, and its latency', () => {
    const { markdown } = summaryOf(red);
    expect(markdown).toContain('### Frame timelines of failed tests');
    const diagrams = markdown.match(/```mermaid\n%%.*%%\nsequenceDiagram\n[\s\S]*?```/g) ?? [];
    expect(diagrams).toHaveLength(4);
    const drift = diagrams.find((d) => d.includes('B-xP:'));
    expect(drift).toContain('rect rgb(255, 205, 210)');
    expect(drift).toMatch(/B-xP: ✖ \+\d\.\d{3}s #35;1 connection_established/);
    expect(drift).toContain(
      'Note over P,B: type: expected "system_message", received "connection_established"',
    );
    expect(markdown).toMatch(/Note over P,B: ✖ \+\d\.\d{3}s socket #35;1 closed/);
    expect(markdown).toMatch(
      /\| welcome \| first event \| final_report \|\n\| --- \| --- \| --- \|\n\| \d+ ms \| \d+ ms \| \d+ ms \|/,
    );
  });

  test('a timeout draws the pending deadline', () => {
    const { markdown, ok } = summaryOf(timeout);
    expect(ok).toBe(false);
    expect(markdown).toContain('| agent-timeout | 1 |');
    expect(markdown).toMatch(
      /rect rgb\(255, 237, 213\)\n {4}Note over P,B: ⚠ phase "welcome": waited \d+ ms for the welcome frame/,
    );
    expect(markdown).toContain('deadline deadlines.welcome (2000 ms) still pending when the test ended');
  });

  test('a green run draws nothing and the diagrams stop at the cap', () => {
    const { markdown, ok } = summaryOf(green);
    expect(ok).toBe(true);
    expect(markdown).not.toContain('```mermaid');
    // The red run three times over: more failed tests than the summary draws.
    const many = {
      ...red,
      suites: [...red.suites, ...structuredClone(red.suites), ...structuredClone(red.suites)],
    };
    const capped = summaryOf(many).markdown;
    expect(capped.match(/```mermaid\n%%.*%%\nsequenceDiagram/g)).toHaveLength(MAX_DIAGRAMS);
    expect(capped).toContain(
      'more failed test(s) with a frame log: their `frame-timeline.png` is in the HTML report.',
    );
  });

  test('the frame-logs artifact carries each failed test’s timeline next to its frames', () => {
    const files = frameLogFiles(reportTests(red)).map((f) => f.path.split('/').at(-1));
    expect(files.filter((name) => name === 'frame-timeline.json')).toHaveLength(4);
    expect(files.filter((name) => name === 'websocket-frames.txt')).toHaveLength(4);
  });
});
