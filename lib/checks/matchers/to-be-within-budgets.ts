import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { Budgets } from '../../setup/deadlines';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import { judge } from './judge';

export interface RunTimings {
  welcomeMs: number;
  firstEventMs: number;
  runCompleteMs: number;
  answerShownMs: number;
}

const NAMES: Record<keyof RunTimings, string> = {
  welcomeMs: 'socket open → welcome',
  firstEventMs: 'chat sent → first agent event',
  runCompleteMs: 'chat sent → final_report',
  answerShownMs: 'final_report → answer on screen',
};

/**
 * `expect(timings).toBeWithinBudgets(budgets, frames)`: each timing within its budget (P1-011). A run inside
 * its deadlines can still be too slow for a user: the failure is `agent-timeout`, naming every figure over
 * budget with its measured value.
 */
export function toBeWithinBudgets(
  this: ExpectMatcherState,
  timings: RunTimings,
  budgets: Budgets,
  log: FrameLog,
): MatcherReturnType {
  return judge(this, 'toBeWithinBudgets', () => {
    const over = (Object.keys(NAMES) as (keyof RunTimings)[]).filter((key) => timings[key] > budgets[key]);
    if (over.length === 0) return;
    throw new E2EFailure(
      {
        verdict: 'agent-timeout',
        phase: 'performance budget',
        summary: `${over.map((key) => NAMES[key]).join(', ')} over budget: the run finished within its deadlines but too slowly for a user`,
        issues: over.map((key) => ({
          path: `budgets.${key}`,
          expected: `<= ${budgets[key]} ms`,
          received: `${timings[key]} ms`,
          message: NAMES[key],
        })),
      },
      log,
    );
  });
}
