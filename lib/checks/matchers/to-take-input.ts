import { expect, type ExpectMatcherState, type MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import { parseServerFrame } from '../../protocol';
import { E2EFailure } from '../failure';
import { judgeAsync } from './judge';

/** `after the answer` when the page's current socket already delivered a run's answer, else `after it opened`. */
function sinceWhat(journey: Journey): string {
  const { frames } = journey;
  const socket = frames.sockets.at(-1)?.index;
  const answered = frames.received(socket).some((frame) => {
    const parsed = parseServerFrame(frame.text);
    return parsed.ok && parsed.kind === 'agent_event' && parsed.frame.type === 'final_report';
  });
  return answered ? 'after the answer' : 'after the chat opened';
}

/**
 * `await expect(journey).toTakeInput({ phase })`: the chat input is editable within deadlines.messageShown, so
 * the user can type (again). Fails as `ui-broken`: "the chat input did not take a message within 2000 ms after
 * the answer: it stays disabled (send button: "Sending...")", the words of Netra bug B1.
 */
export function toTakeInput(
  this: ExpectMatcherState,
  journey: Journey,
  options: { phase: string },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toTakeInput', async () => {
    const { chatPage, frames, target } = journey;
    const ms = target.deadlines.messageShown;
    const since = sinceWhat(journey);
    try {
      await expect(chatPage.messageInput).toBeEditable({ timeout: ms });
    } catch {
      const button = (await chatPage.sendButton.innerText().catch(() => '(no send button)')).trim();
      throw new E2EFailure(
        {
          verdict: 'ui-broken',
          phase: options.phase,
          summary: `the chat input did not take a message within ${ms} ms ${since}: it stays disabled (send button: "${button}")`,
          issues: [
            {
              path: 'message-textarea',
              expected: `editable within deadlines.messageShown (${ms} ms) ${since}`,
              received: 'disabled',
              message: 'input disabled',
            },
          ],
        },
        frames,
      );
    }
  });
}
