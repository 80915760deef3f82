import { expect, test } from '../fixtures';
import { expectCriticalRun } from '../lib/checks/expect-run';
import { expectCriticalRunShape } from '../lib/checks/expect-run-shape';
import { sendChat } from '../flows/chat-run';
import { uniquePrompt } from '../flows/prompt';
import { openNewThread } from '../flows/threads';

test.describe('Agent events', () => {
  test(
    'P1-007 a chat message is shown, streams the five critical events in order, the user sees the answer and can ask again',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      const { deadlines } = target;

      const { welcome } = await openNewThread(journey);
      // uniquePrompt keeps it on the WebSocket path (the real frontend sends some words over REST).
      const sent = await sendChat(
        journey,
        uniquePrompt('Which of my model calls could run on a cheaper model?'),
      );

      // Soft, and judged while the story goes on to the run: the user's message on the page, within its deadline.
      const shown = expect.soft(journey).toShowOwnMessage(sent, { phase: 'message sent' });

      // The run's waiter starts at once, so a drifted frame is recorded when it arrives, not after the step below.
      const running = expectCriticalRun(frames, { sent, welcome: welcome.frame, deadlines });
      running.catch(() => undefined);

      await test.step('the page says the agent is working', async () => {
        await expect(chatPage.processing, 'agent-processing while the run works').toBeVisible({
          timeout: deadlines.firstEvent,
        });
      });

      const run = await test.step('the run streams its events', () => running);

      await test.step('the run delivered each of the five critical events', () => {
        expectCriticalRunShape(run);
      });

      test.info().annotations.push({
        type: 'latency',
        description: `first event ${run.firstEventMs} ms, final_report ${run.completedMs} ms after send`,
      });

      await test.step('the page shows the answer and the run is over: the user can ask again', async () => {
        await expect(journey).toShowAnswer(run);
        await expect(chatPage.processing, 'no agent-processing once the answer is shown').toBeHidden();
        await shown;
        await expect(journey).toTakeInput({ phase: 'after the answer' });
      });
    },
  );
});
