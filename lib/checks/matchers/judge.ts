import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import { E2EFailure } from '../failure';

/**
 * How every suite matcher reports: the check throws an `E2EFailure` (verdict, phase, issues, last frames) and
 * the matcher fails with exactly that message, so the first line of the error is `[verdict] phase "…": …` as
 * the verdict annotation and the reporters read it. Any other error (a web-first assertion inside the check,
 * a bug) is thrown as it is. A suite matcher states what must hold; `.not` is refused rather than guessed.
 */
export function judge(state: ExpectMatcherState, name: string, check: () => void): MatcherReturnType {
  refuseNot(state, name);
  try {
    check();
  } catch (error) {
    return failed(name, error);
  }
  return passed(name);
}

/** `judge` for a check that waits (on frames, on the page): the matcher is awaited. */
export async function judgeAsync(
  state: ExpectMatcherState,
  name: string,
  check: () => Promise<unknown>,
): Promise<MatcherReturnType> {
  refuseNot(state, name);
  try {
    await check();
  } catch (error) {
    return failed(name, error);
  }
  return passed(name);
}

function refuseNot(state: ExpectMatcherState, name: string): void {
  if (state.isNot) throw new Error(`expect(…).not.${name}() is not supported: ${name} states what must hold`);
}

function failed(name: string, error: unknown): MatcherReturnType {
  if (!(error instanceof E2EFailure)) throw error;
  return { pass: false, name, message: () => error.message };
}

const passed = (name: string): MatcherReturnType => ({ pass: true, name, message: () => `${name} held` });
