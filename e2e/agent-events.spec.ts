import { expect, test } from '../fixtures';
import { expectChatSent, expectCriticalRun } from '../lib/checks/expect-run';
import { expectCriticalRunShape } from '../lib/checks/expect-run-shape';
import { isWebSocketSafePrompt } from '../lib/protocol';
import { openNewThread } from '../flows/threads';

// The real frontend routes prompts containing "test", "analyze", "optimize" or "process" over REST.
const PROMPT = 'Which of my model calls could run on a cheaper model?';

test.describe('Agent events', () => {
  test(
    'P1-007 a chat message streams the five critical events in order and the user sees the answer',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      expect(isWebSocketSafePrompt(PROMPT), 'prompt stays on the WebSocket path').toBe(true);
      const { deadlines } = target;

      const { welcome } = await openNewThread(journey);
      await chatPage.send(PROMPT);

      const sent = await test.step('the chat frame leaves the page', () =>
        expectChatSent(frames, PROMPT, deadlines.firstEvent, welcome.seq));

      await test.step('the page says the agent is working', async () => {
        await expect(chatPage.processing, 'agent-processing while the run works').toBeVisible({
          timeout: deadlines.firstEvent,
        });
      });

      const run = await test.step('the run streams its events', () =>
        expectCriticalRun(frames, { sent, welcome: welcome.frame, deadlines }));

      await test.step('the run delivered each of the five critical events', () => {
        expectCriticalRunShape(run);
      });

      test.info().annotations.push({
        type: 'latency',
        description: `first event ${run.firstEventMs} ms, final_report ${run.completedMs} ms after send`,
      });

      await test.step('the page shows the answer and the run is over', async () => {
        await expect(journey).toShowAnswer(run);
        await expect(chatPage.processing, 'no agent-processing once the answer is shown').toBeHidden();
      });
    },
  );
});
