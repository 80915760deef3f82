import { expect, test } from '@playwright/test';
import type { ChildTestResult } from './run-suite';

/** The default bound: a fault must fail its check within 5 s. */
export const FAIL_WITHIN_MS = 5_000;

export interface FailsFast {
  /** What must fail, and against what, e.g. `P1-003 must fail against slow-agent`. */
  mustFail: string;
  /** Each must match the error message (verdict, phase, field or endpoint). */
  patterns: readonly RegExp[];
  /** The error must show the last frames seen (checks that judge frames). */
  showsLastFrames?: boolean;
  /** A longer bound than FAIL_WITHIN_MS, with the reason the check needs it before the fault can show. */
  within?: { ms: number; why: string };
  /** Names the `time-to-fail` annotation: `<label>: <ms> ms`. */
  label: string;
}

/**
 * A child run against a fault produced one result, which failed fast with a message matching every pattern;
 * annotates the time to fail and returns the result for further checks.
 */
export function expectFailsFast(
  run: { results: ChildTestResult[]; output: string },
  expected: FailsFast,
): ChildTestResult | undefined {
  expect(run.results, `child run produced one result:\n${run.output.slice(-2000)}`).toHaveLength(1);
  const [result] = run.results;
  expect(result?.status, expected.mustFail).toBe('failed');
  for (const pattern of expected.patterns) expect(result?.errorMessage).toMatch(pattern);
  if (expected.showsLastFrames)
    expect(result?.errorMessage, 'the error shows the last frames seen').toContain('last frames seen:');
  const bound = expected.within?.ms ?? FAIL_WITHIN_MS;
  const why = expected.within ? ` (${expected.within.why})` : '';
  expect(result?.durationMs, `failed within ${bound} ms${why}`).toBeLessThan(bound);
  test
    .info()
    .annotations.push({ type: 'time-to-fail', description: `${expected.label}: ${result?.durationMs} ms` });
  return result;
}
