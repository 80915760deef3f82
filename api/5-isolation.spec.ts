import { z } from 'zod';
import { expect, test } from '../fixtures/api';
import { expectChatSent, expectCriticalRun } from '../lib/checks/expect-run';
import { expectNoForeignEvents, expectOnlyOwnThreads } from '../lib/checks/expect-isolation';
import { expectUpgraded } from '../lib/checks/expect-upgrade';
import { expectWelcome } from '../lib/checks/expect-welcome';
import { REST_PATHS, ThreadListSchema, ThreadSchema, startAgentFrame } from '../lib/protocol';

const PROMPT = 'Which of my workspaces spent the most on tokens last week?';
const THREAD_TITLE = 'Backend contract: user isolation';
/** Another user's thread is answered as if it did not exist. */
const FOREIGN_THREAD_STATUSES = [403, 404] as const;

test.describe('Backend contract: user isolation', () => {
  test('a second user sees none of the first user’s threads or events', async ({
    api,
    canMintTokens,
    connectSocket,
    frames,
    mintToken,
    peerUserId,
    session,
    target,
  }) => {
    test.skip(!canMintTokens, 'needs NETRA_JWT_SECRET to mint a second user');
    const { deadlines } = target;
    const threadsUrl = `${target.apiUrl}${REST_PATHS.threads}`;
    const peer = { authorization: `Bearer ${await mintToken('valid', peerUserId)}` };

    const thread = await test.step('the first user creates a thread', async () => {
      const { body } = await api.call({
        method: 'POST',
        url: threadsUrl,
        data: { title: THREAD_TITLE },
        schema: ThreadSchema,
      });
      return body;
    });

    await test.step('the second user’s thread list does not hold it, and fetching it is refused', async () => {
      const endpoint = 'GET /api/threads?limit=20&offset=0 (as the second user)';
      const { body } = await api.call({
        method: 'GET',
        url: `${threadsUrl}?limit=20&offset=0`,
        endpoint,
        headers: peer,
        schema: ThreadListSchema,
      });
      expectOnlyOwnThreads(api, { endpoint, threads: body, userId: peerUserId, foreignThreadId: thread.id });
      const { status } = await api.call({
        method: 'GET',
        url: `${threadsUrl}/${encodeURIComponent(thread.id)}`,
        endpoint: 'GET /api/threads/<first user’s id> (as the second user)',
        headers: peer,
        statuses: FOREIGN_THREAD_STATUSES,
        schema: z.unknown(),
      });
      expect(FOREIGN_THREAD_STATUSES).toContain(status);
    });

    await test.step('the second user’s socket receives none of the first user’s run', async () => {
      const mine = await connectSocket({ kind: 'bearer', token: session.accessToken });
      const theirs = await connectSocket({
        kind: 'bearer',
        token: peer.authorization.slice('Bearer '.length),
      });
      expectUpgraded(frames, mine);
      expectUpgraded(frames, theirs);
      const welcome = await expectWelcome(frames, {
        userId: session.userId,
        deadlines: deadlines,
        socket: mine.index,
      });
      await expectWelcome(frames, {
        userId: peerUserId,
        deadlines: deadlines,
        socket: theirs.index,
      });

      mine.send(startAgentFrame(PROMPT, thread.id));
      const sent = await expectChatSent(frames, PROMPT, deadlines.firstEvent, welcome.seq);
      const run = await expectCriticalRun(frames, { sent, welcome: welcome.frame, deadlines });

      theirs.send({ type: 'ping', timestamp: Date.now() });
      await expectNoForeignEvents(frames, {
        socket: theirs.index,
        foreignRun: `${session.userId}'s run ${run.runId}`,
        deadlineMs: deadlines.firstEvent,
      });
    });
  });
});
