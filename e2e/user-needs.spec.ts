import { expect, test } from '../fixtures';
import { expectCriticalRun, expectRunStarted } from '../lib/checks/expect-run';
import { deadlineOf } from '../lib/setup/deadlines';
import { arrivalsAfter, pairGaps, thinkingOf, toolsStartedOf } from '../lib/recorder/arrivals';
import { startTextTimeline } from '../lib/recorder/text-timeline';
import { chatJourney, runChat, sendChat } from '../flows/chat-run';
import { uniquePrompt } from '../flows/prompt';
import { stopRun } from '../flows/stop-run';
import { openNewThread, startNewChat } from '../flows/threads';

/**
 * What a chat user needs, one focused check each. Each holds on every frontend; each is also the focused check
 * of a known Netra bug (lib/known-bugs/list.ts), so on a release with that bug it fails with the bug's own
 * failure, named in the report, and turns red the day the release is fixed.
 */
test.describe('What a chat user needs', () => {
  test('the message the user sends is shown on Send', async ({ journey }) => {
    await openNewThread(journey);
    const sent = await sendChat(journey, uniquePrompt('Show me my own question first'));
    await expect(journey).toShowOwnMessage(sent, { phase: 'message sent' });
  });

  test('after the answer, the user sends a second message in the same page, with no reload', async ({
    journey,
  }) => {
    const first = await chatJourney(journey, uniquePrompt('What did my agents cost this week?'));
    const second = await runChat(journey, uniquePrompt('And last week?'));
    expect(second.sent.threadId, 'the second message goes to the same thread').toBe(first.threadId);
    expect(second.run.runId, 'the second message is a run of its own').not.toBe(first.run.runId);
  });

  test('the user stops a run from the UI, and the run ends stopped', async ({
    chatPage,
    frames,
    target,
    journey,
  }) => {
    await openNewThread(journey);
    const sent = await sendChat(journey, uniquePrompt('Draft a long plan for my model routing'));
    const started = await expectRunStarted(frames, {
      ...sent,
      phase: 'start',
      deadline: deadlineOf(target.deadlines, 'firstEvent'),
    });
    const { stopped } = await stopRun(journey, { runId: started.run_id, socket: sent.socket });

    await test.step('the user can ask again, and nothing of the stopped run comes after its stop', async () => {
      await runChat(journey, uniquePrompt('Just the short version, please'));
      expect(frames).toHaveNoEventsOf({
        runId: started.run_id,
        socket: sent.socket,
        phase: 'after the stop',
        end: { stoppedAt: stopped },
      });
      await expect(chatPage.processing, 'no run left working').toBeHidden();
    });
  });

  test('New Chat from an open thread routes to the new thread', async ({ journey }) => {
    const left = await chatJourney(journey, uniquePrompt('A first conversation about caching'));
    // startNewChat holds the page to the new thread: routed there, ready for input, and still there.
    const threadId = await startNewChat(journey);
    expect(threadId, 'New Chat made a thread of its own').not.toBe(left.threadId);
    const { sent } = await runChat(journey, uniquePrompt('A fresh conversation about batching'));
    expect(sent.threadId, 'the first message of the new chat goes to the new thread').toBe(threadId);
  });

  test.describe('delivered back to back', () => {
    test.use({ delivery: 'back-to-back' });

    test('frames delivered back to back in one write are all shown: the first thought, the tool it calls, the answer', async ({
      chatPage,
      frames,
      target,
      journey,
    }) => {
      const { welcome } = await openNewThread(journey);
      await startTextTimeline(chatPage.page);
      const sent = await sendChat(journey, uniquePrompt('Which of my prompts could be shorter?'));

      const run = await test.step('the run streams its critical events', () =>
        expectCriticalRun(frames, { sent, welcome: welcome.frame, deadlines: target.deadlines }));

      const arrivals = arrivalsAfter(frames, sent);
      test.info().annotations.push({ type: 'delivery', description: pairGaps(arrivals, run.runId) });
      const [firstThinking] = thinkingOf(arrivals, run.runId);
      const [firstTool] = toolsStartedOf(arrivals, run.runId);
      expect(firstThinking, 'the run thought aloud right after it started').toBeDefined();
      expect(firstTool, 'the run called a tool').toBeDefined();
      // Every frame of both bursts is judged, whichever the page loses: the first thinking line and the tool it
      // calls (the first step), and the answer (the last step).
      await expect.soft(journey).toHaveShownWhileRunning({
        phase: 'back to back: the first step',
        texts: firstThinking ? [firstThinking] : [],
        what: 'the thinking line',
      });
      await expect.soft(journey).toHaveShownWhileRunning({
        phase: 'back to back: the first step',
        texts: firstTool ? [firstTool] : [],
        what: 'the tool',
      });
      await expect.soft(journey).toShowAnswer(run);
    });
  });

  test('thinking lines are shown while the agent works', async ({ chatPage, frames, journey }) => {
    await openNewThread(journey);
    await startTextTimeline(chatPage.page);
    const { sent, run } = await runChat(journey, uniquePrompt('How do my agents reason about cost?'));
    const thinking = thinkingOf(arrivalsAfter(frames, sent), run.runId);
    expect(thinking.length, 'the run thought aloud').toBeGreaterThan(0);
    await expect(journey).toHaveShownWhileRunning({
      phase: 'thinking',
      texts: thinking,
      what: 'the thinking line',
    });
  });
});
