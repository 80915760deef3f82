import { expect, test } from '@playwright/test';
import { netraBugAnnotation } from '../../lib/known-bugs/annotation';
import { buildAlert } from '../../lib/reporting/summary/alert-message';
import { renderJobSummary, verdictLine, verdictOf } from '../../lib/reporting/summary/job-summary-markdown';
import type { PlaywrightJsonReport, ReportTestRun } from '../../lib/reporting/summary/report-tests';

const B1 = netraBugAnnotation({
  id: 'B1',
  release: 'beta-15',
  title: 'no second message without a reload',
  suffers: 'after an answer the input stays disabled.',
  source: 'frontend/components/chat/MessageInput.tsx:1',
  failure: '[ui-broken] phase "send": the chat input did not take a message within 8000 ms after the answer',
});

const run = (
  status: 'expected' | 'unexpected',
  result: 'passed' | 'failed',
  annotations = [B1],
): ReportTestRun => ({
  projectName: 'real-frontend',
  status,
  annotations,
  results: [
    { status: result, duration: 1000, errors: result === 'failed' ? [{ message: B1.description }] : [] },
  ],
});

/** A run through beta-15: one plain pass, two tests failed by B1 (expected), one real failure expecting B1. */
const report: PlaywrightJsonReport = {
  suites: [
    {
      title: 'e2e/user-needs.spec.ts',
      specs: [
        { title: 'plain pass', file: 'e2e/user-needs.spec.ts', tests: [run('expected', 'passed', [])] },
        { title: 'second message', file: 'e2e/user-needs.spec.ts', tests: [run('expected', 'failed')] },
        { title: 'P1-009 busy', file: 'e2e/user-needs.spec.ts', tests: [run('expected', 'failed')] },
        {
          title: 'P1-007 events',
          file: 'e2e/user-needs.spec.ts',
          tests: [
            run('unexpected', 'failed', [
              { type: 'known-bug-mismatch', description: 'known bug B1 was expected on beta-15, but …' },
            ]),
          ],
        },
      ],
    },
  ],
  stats: { duration: 4000, expected: 3, unexpected: 1, flaky: 0, skipped: 0 },
};

test.describe('known Netra bugs in the reports', () => {
  test('the job summary counts a known bug apart from a pass and names what the user suffers', () => {
    const { markdown, ok } = renderJobSummary({ title: 'Nightly', reports: [{ name: 'r.json', report }] });
    expect(ok).toBe(false);
    expect(markdown).toContain('| passed | failed | known Netra bug |');
    expect(markdown).toContain('| 1 | 1 | 2 | 0 | 0 | 4 | 4.0 s |');
    expect(markdown).toContain('### Known Netra bugs');
    expect(markdown).toContain(
      '| **B1** no second message without a reload | beta-15 | after an answer the input stays disabled. | 2: second message; P1-009 busy |',
    );
    expect(markdown).toContain('known bug B1 was expected on beta-15, but …');
  });

  test('a green run with known bugs stays green, and says which bugs it met', () => {
    const [suite] = report.suites;
    const green: PlaywrightJsonReport = {
      ...report,
      suites: suite ? [{ ...suite, specs: (suite.specs ?? []).slice(0, 3) }] : [],
    };
    const { markdown, ok } = renderJobSummary({
      title: 'Nightly',
      reports: [{ name: 'r.json', report: green }],
    });
    expect(ok).toBe(true);
    expect(markdown).toContain('| 1 | 0 | 2 |');
    expect(markdown).toContain('**B1**');
  });

  test('the alert of a red run lists the known bugs apart from the verdict lines', () => {
    const summary = { title: 'Nightly', reports: [{ name: 'r.json', report }] };
    const alert = buildAlert({
      title: 'Nightly',
      ok: false,
      summary,
      warnings: [],
      verdictOf: (t) => verdictOf(t) ?? '(none)',
      verdictLine,
      redact: (text) => text,
    });
    const texts = (alert?.blocks ?? []).flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
    expect(texts.join('\n')).toContain('B1 on beta-15 ×2: no second message without a reload');
    expect(alert?.text).toContain('1 failed test(s)');
  });
});
