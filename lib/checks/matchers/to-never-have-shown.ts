import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import { E2EFailure } from '../failure';
import { firstAppearance, readTextTimeline } from '../../recorder/text-timeline';
import { judgeAsync } from './judge';

/**
 * `await expect(user).toNeverHaveShown({ phase, text, what })`: a text never appeared on the user's page (e.g.
 * another user's message), judged on its text timeline (`recordTextTimeline`); fails as `ui-broken` saying
 * when it did.
 */
export function toNeverHaveShown(
  this: ExpectMatcherState,
  user: Pick<Journey, 'chatPage' | 'frames'>,
  options: { phase: string; text: string; what: string },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toNeverHaveShown', async () => {
    const log = user.frames;
    const seen = firstAppearance(await readTextTimeline(user.chatPage.page), options.text);
    if (!seen) return;
    throw new E2EFailure(
      {
        verdict: 'ui-broken',
        phase: options.phase,
        summary: `the page showed ${options.what} at ${log.relative(seen.at)}`,
        issues: [
          {
            path: '(page text)',
            expected: `never "${options.text}"`,
            received: seen.text.slice(0, 200),
            message: `${options.what} shown`,
          },
        ],
      },
      log,
    );
  });
}
