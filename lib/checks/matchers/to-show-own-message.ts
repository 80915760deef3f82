import { expect, type ExpectMatcherState, type MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import type { SentChat } from '../expect-run';
import { E2EFailure } from '../failure';
import { judgeAsync } from './judge';

/**
 * `await expect(journey).toShowOwnMessage(sent, { phase })`: the message the user sent is on the page within
 * deadlines.messageShown of Send, as any chat shows what its user said. Fails as `ui-broken`: "the user’s
 * message "…" was not on the page 2000 ms after Send", the words of Netra bug B3.
 */
export function toShowOwnMessage(
  this: ExpectMatcherState,
  journey: Journey,
  sent: Pick<SentChat, 'text'>,
  options: { phase: string },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toShowOwnMessage', async () => {
    const { chatPage, frames, target } = journey;
    const ms = target.deadlines.messageShown;
    try {
      await expect(chatPage.message(sent.text).first()).toBeVisible({ timeout: ms });
    } catch {
      throw new E2EFailure(
        {
          verdict: 'ui-broken',
          phase: options.phase,
          summary: `the user’s message "${sent.text}" was not on the page ${ms} ms after Send`,
          issues: [
            {
              path: '(page text)',
              expected: `the sent message in the conversation within deadlines.messageShown (${ms} ms)`,
              received: 'not shown',
              message: 'own message not shown',
            },
          ],
        },
        frames,
      );
    }
  });
}
