import { expect, type ExpectMatcherState, type MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import { E2EFailure } from '../failure';
import { judgeAsync } from './judge';

/**
 * `await expect(journey).toOfferStop({ phase })`: while the agent works the page offers a control that stops
 * it (a button named "Stop…"), within deadlines.messageShown. Fails as `ui-broken`: "no stop control on the page
 * while the agent works", the words of Netra bug B4.
 */
export function toOfferStop(
  this: ExpectMatcherState,
  journey: Journey,
  options: { phase: string },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toOfferStop', async () => {
    const { chatPage, frames, target } = journey;
    const ms = target.deadlines.messageShown;
    try {
      await expect(chatPage.stopControl).toBeEnabled({ timeout: ms });
    } catch {
      const working = await chatPage.processing.isVisible();
      throw new E2EFailure(
        {
          verdict: 'ui-broken',
          phase: options.phase,
          summary: `no stop control on the page while the agent works: no enabled button named "Stop…" within ${ms} ms (agent-processing ${working ? 'shown' : 'not shown'})`,
          issues: [
            {
              path: 'button "Stop…"',
              expected: `an enabled stop control within deadlines.messageShown (${ms} ms) of agent_started`,
              received: 'none',
              message: 'no stop control',
            },
          ],
        },
        frames,
      );
    }
  });
}
