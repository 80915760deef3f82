import { expect, test } from '../fixtures/api';
import { expectChatSent, expectCriticalRun } from '../lib/checks/expect-run';
import { expectCriticalRunShape } from '../lib/checks/expect-run-shape';
import { expectUpgraded } from '../lib/checks/expect-upgrade';
import { expectWelcome } from '../lib/checks/expect-welcome';
import { REST_PATHS, ThreadSchema, isWebSocketSafePrompt, startAgentFrame } from '../lib/protocol';

// The real frontend routes prompts containing "test", "analyze", "optimize" or "process" over REST.
const PROMPT = 'Which of my routes could move to a smaller model without losing quality?';
/** Thread titles of the contract checks never match a browser spec's prompt (both share the E2E user). */
const THREAD_TITLE = 'Backend contract: agent run';

test.describe('Backend contract: agent run', () => {
  test('start_agent streams the five critical events in order under one run_id, then final_report', async ({
    api,
    connectSocket,
    frames,
    session,
    target,
  }) => {
    expect(isWebSocketSafePrompt(PROMPT), 'prompt stays on the WebSocket path').toBe(true);
    const { deadlines } = target;

    const thread =
      await test.step('the thread is created over REST first, as the frontend does', async () => {
        const { body } = await api.call({
          method: 'POST',
          url: `${target.apiUrl}${REST_PATHS.threads}`,
          data: { title: THREAD_TITLE },
          schema: ThreadSchema,
        });
        return body;
      });

    const socket = await connectSocket({ kind: 'bearer', token: session.accessToken });
    expectUpgraded(frames, socket);
    const welcome = await expectWelcome(frames, {
      userId: session.userId,
      deadlines: deadlines,
      socket: socket.index,
    });

    socket.send(startAgentFrame(PROMPT, thread.id));
    const sent = await expectChatSent(frames, PROMPT, deadlines.firstEvent, welcome.seq);

    const run = await test.step('the run streams its events', () =>
      expectCriticalRun(frames, { sent, welcome: welcome.frame, deadlines }));

    await test.step('the five critical events in order, one run_id, paired tools, then final_report', () => {
      expectCriticalRunShape(run);
      expect(run.finalReport.payload.executive_summary.length).toBeGreaterThan(0);
    });

    test.info().annotations.push({
      type: 'latency',
      description: `first event ${run.firstEventMs} ms, final_report ${run.completedMs} ms after start_agent`,
    });
  });
});
