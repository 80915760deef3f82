import { expect, test } from '../fixtures';
import { expectChatSent, expectCriticalRun } from '../helpers/expect-run';
import { expectCriticalRunShape } from '../helpers/expect-run-shape';
import { expectWelcome } from '../helpers/expect-welcome';
import { eventsOfType, isWebSocketSafePrompt } from '../helpers/protocol';

// The real frontend routes prompts containing "test", "analyze", "optimize" or "process" over REST.
const PROMPT = 'Which of my model calls could run on a cheaper model?';

test.describe('Agent events', () => {
  test('a chat message streams the five critical events in order and the user sees the answer', async ({
    chatPage,
    frames,
    session,
    target,
  }) => {
    expect(isWebSocketSafePrompt(PROMPT), 'prompt stays on the WebSocket path').toBe(true);
    const { deadlines } = target;

    await chatPage.open();
    const welcome = await expectWelcome(frames, { userId: session.userId, deadlineMs: deadlines.welcome });
    await expect(chatPage.mainChat).toBeVisible({ timeout: deadlines.appReady });

    await chatPage.startNewChat();
    await chatPage.send(PROMPT);

    const sent = await test.step('the chat frame leaves the page', () =>
      expectChatSent(frames, PROMPT, deadlines.firstEvent, welcome.seq));

    await expect(chatPage.message(PROMPT)).toBeVisible();

    const run = await test.step('the run streams its events', () =>
      expectCriticalRun(frames, { sent, welcome: welcome.frame, deadlines }));

    await test.step('the five critical events arrived in order, one run_id, paired tools', () => {
      expectCriticalRunShape(run);
    });

    test.info().annotations.push({
      type: 'latency',
      description: `first event ${run.firstEventMs} ms, final_report ${run.completedMs} ms after send`,
    });

    await test.step('the page shows thinking, tool progress and the answer', async () => {
      const [thinking] = eventsOfType(run.events, 'agent_thinking');
      const [tool] = eventsOfType(run.events, 'tool_completed');
      expect(thinking, 'the run had an agent_thinking event to show').toBeDefined();
      expect(tool, 'the run had a tool_completed event to show').toBeDefined();
      await expect(chatPage.message(thinking?.payload.reasoning ?? '')).toBeVisible();
      await expect(chatPage.responseCard).toContainText(tool?.payload.tool_name ?? '');
      await expect(chatPage.message(run.finalReport.payload.executive_summary)).toBeVisible({
        timeout: deadlines.answerVisible,
      });
      await expect(chatPage.processing).toBeHidden();
      await expect(chatPage.messageInput).toBeEditable();
    });
  });
});
