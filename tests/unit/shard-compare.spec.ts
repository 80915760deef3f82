import { expect, test } from '@playwright/test';
import { compareRuns, describeComparison, runsMatch } from '../../lib/reporting/summary/compare-runs';
import type { ReportTest } from '../../lib/reporting/summary/report-tests';

function reportTest(id: string, status = 'passed'): ReportTest {
  return {
    id,
    project: 'unit',
    file: 'tests/unit/x.spec.ts',
    title: id,
    outcome: status === 'passed' ? 'expected' : 'unexpected',
    status,
    attempts: 1,
    durationMs: 1,
    errors: [],
    annotations: [],
    attachments: [],
  };
}

test.describe('sharded-and-merged run against an unsharded run', () => {
  const unsharded = [reportTest('a'), reportTest('b'), reportTest('c', 'failed')];

  test('the same tests with the same statuses, each once, match', () => {
    const comparison = compareRuns(unsharded, [reportTest('c', 'failed'), reportTest('a'), reportTest('b')]);
    expect(runsMatch(comparison)).toBe(true);
    expect(describeComparison(comparison)).toContain('matches the unsharded run test for test (3 tests');
  });

  test('a missing, doubled, extra or changed test is named', () => {
    const comparison = compareRuns(unsharded, [
      reportTest('a'),
      reportTest('a'),
      reportTest('c', 'passed'),
      reportTest('d'),
    ]);
    expect(runsMatch(comparison)).toBe(false);
    expect(comparison.missing).toEqual(['b']);
    expect(comparison.extra).toEqual(['d']);
    expect(comparison.duplicates).toEqual([{ id: 'a', count: 2 }]);
    expect(comparison.statusChanged).toEqual([{ id: 'c', unsharded: 'failed', merged: 'passed' }]);
    const text = describeComparison(comparison);
    expect(text).toContain('MISMATCH');
    expect(text).toContain('missing from the merged report: b');
    expect(text).toContain('2 times in the merged report: a');
  });

  test('two empty runs do not count as a match', () => {
    expect(runsMatch(compareRuns([], []))).toBe(false);
  });
});
