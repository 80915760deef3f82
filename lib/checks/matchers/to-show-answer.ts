import { expect, type ExpectMatcherState, type MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import type { CheckedRun } from '../expect-run';
import { E2EFailure } from '../failure';
import { judgeAsync } from './judge';
import { arrivalOf } from '../../recorder/arrival-gap';

/**
 * The page shows the run's answer (`final_report.executive_summary`) within deadlines.answerVisible of its
 * frame. Fails as `ui-broken` naming the frame that carried it and how close the frame before it came: the real
 * app loses an event that reaches it before it has rendered the previous one.
 */
async function checkAnswerShown(journey: Journey, run: CheckedRun): Promise<void> {
  const { chatPage, frames, target } = journey;
  const answer = run.finalReport.payload.executive_summary;
  try {
    await expect(chatPage.message(answer), 'the answer is shown').toBeVisible({
      timeout: target.deadlines.answerVisible,
    });
  } catch {
    const frame = run.finalReportFrame;
    throw new E2EFailure(
      {
        verdict: 'ui-broken',
        phase: 'answer',
        summary: `final_report reached the page ${arrivalOf(frames, frame)}, but the page never showed its executive_summary`,
        issues: [
          {
            path: 'payload.executive_summary',
            expected: `on the page within deadlines.answerVisible (${target.deadlines.answerVisible} ms)`,
            received: 'not shown',
            message: 'answer not rendered',
          },
        ],
        frame,
      },
      frames,
    );
  }
}

/** `await expect(journey).toShowAnswer(run)`: the user sees the run's answer on the page. */
export function toShowAnswer(
  this: ExpectMatcherState,
  journey: Journey,
  run: CheckedRun,
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toShowAnswer', () => checkAnswerShown(journey, run));
}
