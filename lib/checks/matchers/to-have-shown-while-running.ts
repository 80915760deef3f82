import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import { E2EFailure } from '../failure';
import { firstAppearance, readTextTimeline } from '../../recorder/text-timeline';
import { judgeAsync } from './judge';
import { arrivalOf } from '../../recorder/arrival-gap';
import type { RecordedFrame } from '../../recorder/frame-log';

/** A text the page must have shown, and the frame that carried it when the check knows it. */
export type ShownText = string | { text: string; carriedBy: RecordedFrame; type: string };

const textOf = (shown: ShownText): string => (typeof shown === 'string' ? shown : shown.text);

/**
 * `await expect(journey).toHaveShownWhileRunning({ phase, texts, what })`: each text (a tool name, a thinking
 * line) was on the page at some moment of the run (`startTextTimeline` before it): what the user saw while the
 * agent worked, whatever the page keeps once the run is over. Fails as `ui-broken` naming what never showed.
 */
export function toHaveShownWhileRunning(
  this: ExpectMatcherState,
  journey: Pick<Journey, 'chatPage' | 'frames'>,
  options: { phase: string; texts: readonly ShownText[]; what: string },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toHaveShownWhileRunning', async () => {
    const timeline = await readTextTimeline(journey.chatPage.page);
    const missing = options.texts.filter((shown) => !firstAppearance(timeline, textOf(shown)));
    const [first] = missing;
    if (first === undefined) return;
    // A frame the check knows: when it reached the page, as the answer's check says it (Netra bug B2).
    const arrived =
      typeof first === 'string'
        ? ''
        : `${first.type} reached the page ${arrivalOf(journey.frames, first.carriedBy)}, but `;
    throw new E2EFailure(
      {
        verdict: 'ui-broken',
        phase: options.phase,
        summary: `${arrived}the page never showed ${options.what} ${missing.map((t) => `"${textOf(t)}"`).join(', ')} while the run worked`,
        issues: missing.map(textOf).map((text) => ({
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
