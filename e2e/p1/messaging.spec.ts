import { expect, test } from '../../fixtures';
import type { Journey } from '../../lib/pages/journey';
import { peerOf } from '../../lib/secrets/tokens';
import { deadlineOf } from '../../lib/setup/deadlines';
import { expectSentFrame } from '../../lib/checks/expect-run';
import { REST_PATHS, ThreadListSchema } from '../../lib/protocol';
import { appCall } from '../../lib/recorder/app-calls';
import { appAnswer } from '../../lib/checks/matchers/to-answer-the-app';
import { chatJourney, sendChat } from '../../flows/chat-run';
import { openChat } from '../../flows/open-chat';
import { uniquePrompt } from '../../flows/prompt';
import { recordTextTimeline } from '../../lib/recorder/text-timeline';
import { openThreadByLink, startNewChat, threadOf, threadRoute } from '../../flows/threads';

/** The page's `switch_thread` frame for a thread, sent when the user opens it. */
function expectSwitchThread(journey: Journey, threadId: string, fromSeq: number) {
  return expectSentFrame(journey.frames, {
    phase: 'switch thread',
    waitingFor: `a switch_thread frame for ${threadId}`,
    deadline: deadlineOf(journey.target.deadlines, 'apiCall'),
    fromSeq,
    accept: (parsed, frame) =>
      parsed.type === 'switch_thread' && parsed.payload.thread_id === threadId ? frame : undefined,
  });
}

/** P1-012 to P1-016 of the seed suite: messages and threads, and what one user may see of another. */
test.describe('P1 Messaging', () => {
  test(
    'P1-012 a sent message and its answer survive a reload of the thread',
    { tag: '@p1' },
    async ({ chatPage, journey }) => {
      const prompt = uniquePrompt('Keep a note of my caching plan');
      const { sent, run } = await chatJourney(journey, prompt);
      const threadId = threadOf(sent);

      await expect(journey).toShowHistory(
        {
          threadId,
          texts: [prompt, run.finalReport.payload.executive_summary],
          phase: 'history after reload',
        },
        () => chatPage.page.reload(),
      );
      await expect(chatPage.page, 'the reload stays on the thread').toHaveURL(threadRoute(threadId));
      await expect(chatPage.messageInput, 'the reloaded thread takes input again').toBeEditable();
    },
  );

  test(
    'P1-013 New Chat creates a thread that the app routes to and the sidebar lists, and the first message goes to it',
    { tag: '@p1' },
    async ({ chatPage, journey }) => {
      await openChat(journey);
      // New Chat: POST /api/threads answers with a schema-valid thread, the route becomes /chat/<id>.
      const threadId = await startNewChat(journey);
      await expect(chatPage.threadItem(threadId), 'the sidebar lists the new thread').toBeVisible();
      const sent = await sendChat(journey, uniquePrompt('Start a plan for my embeddings bill'));
      expect(sent.threadId, 'the first chat frame goes to the new thread').toBe(threadId);
      await expect(chatPage.page, 'the page stays on the new thread').toHaveURL(threadRoute(threadId));
    },
  );

  test(
    'P1-014 switching threads from the sidebar shows each thread’s own history',
    { tag: '@p1' },
    async ({ chatPage, frames, journey }) => {
      const promptA = uniquePrompt('Thread one: my batch jobs');
      const promptB = uniquePrompt('Thread two: my chat traffic');
      const a = (await chatJourney(journey, promptA)).threadId;
      const b = (await chatJourney(journey, promptB)).threadId;
      expect(a, 'two chats, two threads').not.toBe(b);

      // The user is on the second thread, its answer shown, and switches from the sidebar.
      for (const [threadId, shown, hidden] of [
        [a, promptA, promptB],
        [b, promptB, promptA],
      ] as const) {
        await test.step(`open thread ${threadId} from the sidebar`, async () => {
          const fromSeq = frames.frames.length;
          const from = new URL(chatPage.page.url());
          await expect(journey).toShowHistory(
            {
              threadId,
              texts: [shown],
              absent: [hidden],
              phase: `switch to ${threadId} (from ${from.pathname}${from.search})`,
              leftThreadId: threadId === a ? b : a,
            },
            () => chatPage.threadItem(threadId).click(),
          );
          await expect(chatPage.page).toHaveURL(threadRoute(threadId));
          await expectSwitchThread(journey, threadId, fromSeq);
        });
      }
    },
  );

  test(
    'P1-015 a thread’s history opens from its link in another session, in order',
    { tag: '@p1' },
    async ({ session, users, journey }) => {
      const prompt = uniquePrompt('Record the plan for my vector store');
      const { sent, run } = await chatJourney(journey, prompt);
      const threadId = threadOf(sent);
      const answer = run.finalReport.payload.executive_summary;

      const elsewhere = await users.open(session);
      await expect(elsewhere).toShowHistory(
        { threadId, texts: [prompt, answer], ordered: true, phase: 'thread history' },
        () => openChat(elsewhere, `/chat/${threadId}`),
      );
      await expect(
        elsewhere.chatPage.threadItem(threadId),
        'the thread is in the other session’s list',
      ).toBeVisible();
    },
  );

  test(
    'P1-016 two users in two browsers never see each other’s events or threads',
    { tag: '@p1' },
    async ({ session, target, users, journey }) => {
      test.skip(
        !users.canMintUsers,
        'only a pre-issued NETRA_E2E_TOKEN is configured: a second user cannot be signed in',
      );
      const first = journey;
      const second = await users.open(await users.sessionFor(peerOf(session.userId)));
      // Everything the second user's page ever shows, from its first document on.
      await recordTextTimeline(second.context);

      const promptA = uniquePrompt('User one: my private fine-tune costs');
      const a = await chatJourney(first, promptA);
      const listed = appCall(
        second.page,
        'GET',
        REST_PATHS.threads,
        deadlineOf(target.deadlines, 'appReady'),
      );
      const b = await chatJourney(second, uniquePrompt('User two: my own traffic'));

      await test.step('each socket carried only its own user’s run', () => {
        expect(second).toReceiveOnlyOwnRuns([b.run.runId]);
        expect(first).toReceiveOnlyOwnRuns([a.run.runId]);
      });

      await test.step('the second user’s threads never include the first user’s', async () => {
        const list = await appAnswer(await listed, ThreadListSchema, {
          phase: 'user isolation',
          log: second.frames,
        });
        expect(
          list.map((t) => t.id),
          'GET /api/threads of the second user',
        ).not.toContain(a.threadId);
        await expect(second.chatPage.threadItem(a.threadId)).toHaveCount(0);
      });

      await test.step('the first user’s thread, opened by its link, shows the second user nothing', async () => {
        // Absence means something only once the app has asked for that thread's history and had it answered.
        const answered = await openThreadByLink(second, a.threadId, promptA);
        await expect(second).toNeverHaveShown({
          phase: 'user isolation',
          text: promptA,
          what: 'the first user’s message',
        });
        expect(answered.ok(), `GET /api/threads/${a.threadId}/messages refuses the second user`).toBe(false);
      });
    },
  );
});
