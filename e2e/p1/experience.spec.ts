import { expect, test } from '../../fixtures';
import { deadlineOf } from '../../lib/setup/deadlines';
import { expectRunStarted } from '../../lib/checks/expect-run';
import { expectCriticalRunShape } from '../../lib/checks/expect-run-shape';
import { expectWelcome, type CheckedWelcome } from '../../lib/checks/expect-welcome';
import { chatJourney, runChat, sendChat } from '../../flows/chat-run';
import { openWelcomedProbe } from '../../flows/probe-socket';
import { uniquePrompt } from '../../flows/prompt';
import { startTextTimeline } from '../../lib/recorder/text-timeline';
import { openNewThread, threadOf } from '../../flows/threads';
import { stopRun } from '../../flows/stop-run';

/** P1-022 to P1-025 of the seed suite: what the user experiences of a run. */
test.describe('P1 User experience', () => {
  test(
    'P1-022 a run starts, shows its progress, is stopped by the user, and starts again; a run left mid-way leaves nothing behind',
    { tag: '@p1' },
    async ({ chatPage, frames, session, target, journey }) => {
      test.info().annotations.push({
        type: 'decision',
        description:
          'The lifecycle a user lives in one page: start a run and watch it work, stop it from the UI (the run ends with agent_stopped), start again and see the answer, leave a run mid-way (reload) and start again. No reload between runs: the same page takes the next message.',
      });
      const firstEvent = deadlineOf(target.deadlines, 'firstEvent');
      await openNewThread(journey);

      const stopped =
        await test.step('start, then stop: agent_started, the page works, the user stops it', async () => {
          const sent = await sendChat(journey, uniquePrompt('Draft a plan for my model routing'));
          const started = await expectRunStarted(frames, { ...sent, phase: 'start', deadline: firstEvent });
          await expect(chatPage.processing, 'start: agent-processing while the run works').toBeVisible();
          const { stopped: end } = await stopRun(journey, { runId: started.run_id, socket: sent.socket });
          return { runId: started.run_id, socket: sent.socket, end };
        });

      await test.step('start again: the run finishes with its answer, and nothing of the stopped run follows', async () => {
        await runChat(journey, uniquePrompt('Give me the short plan instead'));
        await expect(chatPage.processing, 'finish: no agent-processing after the answer').toBeHidden();
        expect(frames).toHaveNoEventsOf({
          ...stopped,
          phase: 'after the stop',
          end: { stoppedAt: stopped.end },
        });
      });

      const abandoned = await test.step('leave mid-run: the page reloads while the agent works', async () => {
        const sent = await sendChat(journey, uniquePrompt('Draft another plan I will abandon'));
        const started = await expectRunStarted(frames, { ...sent, phase: 'abandon', deadline: firstEvent });
        const socketsBefore = frames.sockets.length;
        await chatPage.page.reload();
        await expectWelcome(frames, {
          userId: session.userId,
          deadlines: target.deadlines,
          socket: socketsBefore + 1,
        });
        await expect(chatPage.mainChat).toBeVisible({ timeout: target.deadlines.appReady });
        return { runId: started.run_id, nextSocket: socketsBefore + 1 };
      });

      await test.step('start again: a new run completes, and no event of the abandoned run reaches the new socket', async () => {
        const noneOfTheAbandoned = {
          runId: abandoned.runId,
          socket: abandoned.nextSocket,
          phase: 'start again',
        };
        // An event of the abandoned run can reach the new socket mid-way through the new run and break its order:
        // checked however the run ends, so the root cause is what the test reports.
        try {
          await runChat(journey, uniquePrompt('Now give me the short version'));
        } finally {
          expect(frames).toHaveNoEventsOf(noneOfTheAbandoned);
        }
        await expect(chatPage.processing, 'no run left spinning').toBeHidden();
      });
    },
  );

  test(
    'P1-023 partial results render on the page as they stream, before the final answer',
    { tag: '@p1' },
    async ({ chatPage, journey }) => {
      const { welcome } = await openNewThread(journey);
      await startTextTimeline(chatPage.page);
      const { sent, run } = await runChat(journey, uniquePrompt('Walk me through my cost drivers'), {
        welcome,
      });

      // The answer is on the page (runChat waited for it); the partials must have come before it.
      await expect(journey).toRenderProgressively({ sent, run });
    },
  );

  test(
    'P1-024 a burst of messages keeps its order: each run is well-formed and the history lists them as sent',
    { tag: '@p1' },
    async ({ chatPage, frames, session, target, journey }) => {
      test.info().annotations.push({
        type: 'decision',
        description:
          'The UI sends one message per run, so the burst of further messages to the same thread comes from a socket the test opens in the page with the user’s token, as start_agent frames like the app’s.',
      });
      const deadline = deadlineOf(target.deadlines, 'apiCall');
      const firstPrompt = uniquePrompt('Order check one');
      const { sent } = await chatJourney(journey, firstPrompt);
      const threadId = threadOf(sent);

      const probe = await openWelcomedProbe(journey, session.accessToken, deadline);
      const burst = ['two', 'three', 'four'].map((n) => uniquePrompt(`Order check ${n}`));
      const fromSeq = frames.frames.length;

      await test.step(`${burst.length} messages in a burst to thread ${threadId}`, async () => {
        for (const prompt of burst)
          await probe.send(
            JSON.stringify({
              type: 'start_agent',
              payload: {
                user_request: prompt,
                thread_id: threadId,
                context: { source: 'message_input' },
                settings: {},
              },
            }),
          );
      });

      // One run per message: the matcher counts distinct run_ids that reached final_report.
      await test.step('every run of the burst completes in order on its own', () =>
        expect(frames).toCompleteRunsInOrder({
          socket: probe.socket,
          fromSeq,
          count: burst.length,
          phase: 'burst runs',
          deadline: deadlineOf(target.deadlines, 'runComplete'),
        }));

      await expect(journey).toShowHistory(
        { threadId, texts: [firstPrompt, ...burst], ordered: true, phase: 'message order' },
        () => chatPage.page.reload(),
      );
    },
  );

  test(
    'P1-025 every run of a session delivers all critical events, in order, then the answer',
    { tag: '@p1' },
    async ({ journey }) => {
      const RUNS = 3;
      // The waiter holds each run to its order; this asks that each critical event was there at all.
      const runChecked = async (n: number, welcome: CheckedWelcome) => {
        const { run } = await runChat(journey, uniquePrompt(`Cost question number ${n}`), { welcome });
        expectCriticalRunShape(run, `run ${n}`);
        return run.runId;
      };
      const { welcome } = await openNewThread(journey);
      // One page, one run after another, as a user asks: each next message is typed once the answer shows.
      const runIds: string[] = [];
      for (let n = 1; n <= RUNS; n += 1)
        runIds.push(await test.step(`run ${n} of ${RUNS}`, () => runChecked(n, welcome)));
      expect(new Set(runIds).size, 'each run has its own run_id').toBe(RUNS);
    },
  );
});
