import { expect, test } from '@playwright/test';
import type { MetaOptions } from './meta-test';
import type { ChildTestResult } from './run-suite';

/** The default bound: a fault must fail its check within 5 s of the test's start on our chat page. */
const FAIL_WITHIN_MS = 5_000;
/** A failure that names the frame it judged must come this soon after that frame arrived. */
const FAIL_AFTER_FRAME_MS = 2_000;
/**
 * What the frontend itself costs before a fault can show: nothing on our page; on Netra's real build, its
 * boot (it waits 3 s twice for its socket check: ~10 s on 2 cores) and reopening a thread (another load).
 */
const FRONTEND_ALLOWANCE_MS: Record<MetaOptions['metaChildProject'], number> = {
  local: 0,
  'real-frontend': 30_000,
};

export interface FailsFast {
  /** What must fail, and against what, e.g. `P1-003 must fail against slow-agent`. */
  mustFail: string;
  /** Each must match the error message (verdict, phase, field or endpoint). */
  patterns: readonly RegExp[];
  /** The schema path (or page element) the first line of the error must name. */
  field?: string;
  /** The error must show the last frames seen (checks that judge frames). */
  showsLastFrames?: boolean;
  /** A longer bound than FAIL_WITHIN_MS, with the reason the check needs it before the fault can show. */
  within?: { ms: number; why: string };
  /** A longer bound than FAIL_AFTER_FRAME_MS after the bad frame: a page check given its named deadline. */
  afterFrame?: { ms: number; why: string };
  /** Names the `time-to-fail` annotation: `<label>: <ms> ms`. */
  label: string;
  /** The frontend the child run drove (default `local`): adds its allowance to the bound. */
  frontend?: MetaOptions['metaChildProject'];
}

/**
 * The line a reader sees first: the verdict annotation's (the first error that is no known Netra bug of the
 * release; see lib/reporting/verdict.ts), else the first line of the first error.
 */
export function readersFirstLine(result: ChildTestResult | undefined): string {
  const verdict = result?.annotations.find((a) => a.type === 'verdict')?.description;
  const line = /^[\w-]+: (\[[\w-]+\] phase .*)$/.exec(verdict ?? '')?.[1];
  return line ?? result?.errorMessage.split('\n')[0] ?? '';
}

/** "…, 12 ms after the frame above arrived": how long after the bad frame the failure was reported. */
const AFTER_FRAME = /(\d+) ms after the frame above arrived/;

/**
 * A child run against a fault produced one result, which failed fast with a message matching every pattern;
 * annotates the time to fail and returns the result for further checks. A failure that names a frame must
 * come within 2 s of that frame, whichever frontend delivered it.
 */
export function expectFailsFast(
  run: { results: ChildTestResult[]; output: string },
  expected: FailsFast,
): ChildTestResult | undefined {
  expect(run.results, `child run produced one result:\n${run.output.slice(-2000)}`).toHaveLength(1);
  const [result] = run.results;
  expect(result?.status, `${expected.mustFail}:\n${result?.errorMessage.slice(0, 1500) ?? ''}`).toBe(
    'failed',
  );
  const firstLine = readersFirstLine(result);
  for (const pattern of expected.patterns) expect(result?.errorMessage).toMatch(pattern);
  if (expected.field !== undefined)
    expect(firstLine, `the first line names ${expected.field}`).toContain(expected.field);
  if (expected.showsLastFrames)
    expect(result?.errorMessage, 'the error shows the last frames seen').toContain('last frames seen:');
  const frontend = expected.frontend ?? 'local';
  const bound = (expected.within?.ms ?? FAIL_WITHIN_MS) + FRONTEND_ALLOWANCE_MS[frontend];
  const why = expected.within ? ` (${expected.within.why})` : '';
  expect(result?.durationMs, `failed within ${bound} ms on the ${frontend} frontend${why}`).toBeLessThan(
    bound,
  );
  const afterFrame = AFTER_FRAME.exec(result?.errorMessage ?? '');
  const afterBound = expected.afterFrame?.ms ?? FAIL_AFTER_FRAME_MS;
  const afterWhy = expected.afterFrame ? ` (${expected.afterFrame.why})` : '';
  if (afterFrame)
    expect(
      Number(afterFrame[1]),
      `reported within ${afterBound} ms of the bad frame${afterWhy}: ${firstLine}`,
    ).toBeLessThanOrEqual(afterBound);
  test.info().annotations.push({
    type: 'time-to-fail',
    description: `${expected.label} (${frontend}): ${result?.durationMs} ms${afterFrame ? `, ${afterFrame[1]} ms after the bad frame` : ''}`,
  });
  return result;
}
