import { ChatPage } from '../../fixtures/chat-page';
import { deadlineOf } from '../../helpers/deadlines';
import { waitOnFrames } from '../../helpers/frame-waiter';
import { PageSocket } from '../../helpers/page-socket';
import { STORAGE_KEYS, parseServerFrame, serverErrorOf, type AgentEvent } from '../../helpers/protocol';
import { badCredentials, expiredSignIn } from './support/bad-tokens';
import { expectDistinctConnections } from './support/connection-checks';
import { openChat, openNewThread, sendChat, threadRoute, uniquePrompt } from './support/journeys';
import { expect, test } from './support/p1-test';
import { expectSocketRefused } from './support/refusal';

/** P1-001 to P1-004 of the seed suite: the WebSocket a user's chat depends on. */
test.describe('P1 WebSocket', () => {
  test(
    'P1-001 the chat page opens one authenticated socket to /ws and gets this user’s welcome',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      const welcome = await openChat(journey);

      await test.step('one open socket to the configured /ws', () => {
        const socket = frames.sockets[welcome.socket - 1];
        const url = new URL(socket?.url ?? 'ws://missing');
        expect(url.pathname, 'the page connects to the WebSocket path').toBe('/ws');
        expect(url.host, 'the page connects to the configured WebSocket host').toBe(
          new URL(target.wsUrl).host,
        );
        expect(socket?.closedAt, 'the socket stays open while the chat is shown').toBeUndefined();
        expect(
          frames.sockets.filter((s) => s.closedAt === undefined),
          'one socket per browser tab',
        ).toHaveLength(1);
      });

      await expect(chatPage.messageInput).toBeEditable();
    },
  );

  test(
    'P1-002 missing, expired, forged and wrong-issuer tokens are refused on the socket and the page signs out',
    { tag: '@p1' },
    async ({ page, frames, session, target, fault }) => {
      const deadline = deadlineOf(target.deadlines, 'welcome');
      const { credentials, limitation } = badCredentials(target, session, fault);
      test.info().annotations.push({
        type: limitation ? 'limitation' : 'checked',
        description: limitation ?? credentials.map((c) => c.presented).join(', '),
      });

      await test.step('a page with an expired sign-in is sent to the sign-in page, never the chat', async () => {
        const expired = await expiredSignIn(target, session);
        await page.addInitScript(({ key, token }) => window.localStorage.setItem(key, token), {
          key: STORAGE_KEYS.accessToken,
          token: expired,
        });
        const chat = new ChatPage(page, target);
        await chat.open();
        await expect(page, 'the app sends a bad sign-in to /login').toHaveURL(/\/login/, {
          timeout: target.deadlines.appReady,
        });
        await expect(chat.mainChat, 'no chat for a bad sign-in').toHaveCount(0);
        await expect(chat.messageInput, 'no message input for a bad sign-in').toHaveCount(0);
      });

      for (const { presented, token } of credentials) {
        await test.step(`${presented}: the socket is refused within ${deadline.ms} ms`, async () => {
          const probe = await PageSocket.open(page, frames, {
            url: target.wsUrl,
            token: await token(),
            deadline,
          });
          const refused = await expectSocketRefused(frames, probe, { presented, deadline });
          expect(refused.code, `${presented}: close 1008 or an HTTP refusal (1006)`).toBeGreaterThan(0);
          expect(frames.received(probe.socket), `${presented}: the server sent nothing`).toHaveLength(0);
        });
      }
    },
  );

  test(
    'P1-003 a chat message leaves the page for its thread and the server acknowledges it',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      const { threadId } = await openNewThread(journey);
      const prompt = uniquePrompt('Which of my workloads could move to a cheaper model?');
      const sent = await sendChat(journey, prompt);

      await test.step('the chat frame names the thread the page is on', async () => {
        expect(sent.threadId, 'the chat frame names the thread the page is on').toBe(threadId);
        await expect(chatPage.page, 'the page is on that thread').toHaveURL(threadRoute(threadId));
      });

      const ack = await test.step('the server acknowledges with agent_started', () =>
        waitOnFrames<AgentEvent>(frames, {
          phase: 'acknowledgement',
          waitingFor: `agent_started acknowledging the chat frame sent ${frames.relative(sent.sentAt)}`,
          deadline: deadlineOf(target.deadlines, 'firstEvent'),
          fromSeq: sent.seq + 1,
          watchesSocket: (s) => s.index === sent.socket,
          onFrame: (frame) => {
            if (frame.direction !== 'received' || frame.socket !== sent.socket) return undefined;
            const parsed = parseServerFrame(frame.text);
            if (parsed.ok && serverErrorOf(parsed.frame))
              return {
                fail: {
                  verdict: 'agent-error',
                  phase: 'acknowledgement',
                  summary: 'the chat was answered with an error frame',
                  frame,
                },
              };
            return parsed.ok && parsed.kind === 'agent_event' ? { done: parsed.frame } : undefined;
          },
        }));

      expect(ack.type, 'the first answer to a chat is agent_started').toBe('agent_started');
    },
  );

  test(
    'P1-004 parallel pages each get their own welcome and connection_id',
    { tag: '@p1' },
    async ({ users, session }) => {
      const PAGES = 3;
      const pages = await Promise.all(Array.from({ length: PAGES }, () => users.open(session)));

      const welcomes = await test.step(`${PAGES} pages open the chat at the same time`, () =>
        Promise.all(pages.map((user) => openChat(user))));

      await test.step('each welcome names this user on its own connection', () => {
        for (const welcome of welcomes) expect(welcome.frame.data.user_id).toBe(session.userId);
        expect(new Set(expectDistinctConnections(welcomes)).size).toBe(PAGES);
      });

      for (const [i, user] of pages.entries())
        expect(
          user.frames.sockets.filter((s) => s.closedAt === undefined),
          `page ${i + 1} keeps one socket`,
        ).toHaveLength(1);
    },
  );
});
