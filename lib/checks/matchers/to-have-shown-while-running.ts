import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import { E2EFailure } from '../failure';
import { firstAppearance, readTextTimeline } from '../../recorder/text-timeline';
import { judgeAsync } from './judge';

/**
 * `await expect(journey).toHaveShownWhileRunning({ phase, texts, what })`: each text (a tool name, a thinking
 * line) was on the page at some moment of the run (`startTextTimeline` before it): what the user saw while the
 * agent worked, whatever the page keeps once the run is over. Fails as `ui-broken` naming what never showed.
 */
export function toHaveShownWhileRunning(
  this: ExpectMatcherState,
  journey: Pick<Journey, 'chatPage' | 'frames'>,
  options: { phase: string; texts: readonly string[]; what: string },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toHaveShownWhileRunning', async () => {
    const timeline = await readTextTimeline(journey.chatPage.page);
    const missing = options.texts.filter((text) => !firstAppearance(timeline, text));
    if (missing.length === 0) return;
    throw new E2EFailure(
      {
        verdict: 'ui-broken',
        phase: options.phase,
        summary: `the page never showed ${options.what} ${missing.map((t) => `"${t}"`).join(', ')} while the run worked`,
        issues: missing.map((text) => ({
          path: '(page text)',
          expected: `${options.what} "${text}" on the page during the run`,
          received: 'never shown',
          message: `${options.what} not shown`,
        })),
      },
      journey.frames,
    );
  });
}
