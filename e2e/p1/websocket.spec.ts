import { expect, test } from '../../fixtures';
import { ChatPage } from '../../lib/pages/chat-page';
import { deadlineOf } from '../../lib/setup/deadlines';
import { firstAgentEvent } from '../../lib/checks/expect-run';
import { PageSocket } from '../../lib/recorder/page-socket';
import { STORAGE_KEYS } from '../../lib/protocol';
import { badCredentials, expiredSignIn } from '../../flows/bad-credentials';
import { sendChat } from '../../flows/chat-run';
import { openChat } from '../../flows/open-chat';
import { uniquePrompt } from '../../flows/prompt';
import { openNewThread, threadRoute } from '../../flows/threads';

/** P1-002 to P1-004 of the seed suite (P1-001 is e2e/welcome.spec.ts): the WebSocket a user's chat depends on. */
test.describe('P1 WebSocket', () => {
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
          // Refused means closed 1008 or answered 401/403 before any frame: the server sent it nothing.
          await expect(probe).toBeRefused(frames, { presented, deadline });
        });
      }
    },
  );

  test(
    'P1-003 a chat message leaves the page for its thread, is shown to the user, and the server acknowledges it for that thread',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      const { threadId } = await openNewThread(journey);
      const prompt = uniquePrompt('Which of my workloads could move to a cheaper model?');
      const sent = await sendChat(journey, prompt);

      await test.step('the chat frame names the thread the page is on', async () => {
        expect(sent.threadId, 'the chat frame names the thread the page is on').toBe(threadId);
        await expect(chatPage.page, 'the page is on that thread').toHaveURL(threadRoute(threadId));
      });

      // Soft, and judged while the story goes on: the user's message on the page within its deadline of Send.
      const shown = expect.soft(journey).toShowOwnMessage(sent, { phase: 'message sent' });

      const ack = await test.step('the server acknowledges with agent_started', () =>
        firstAgentEvent(frames, sent, {
          phase: 'acknowledgement',
          waitingFor: `agent_started acknowledging the chat frame sent ${frames.relative(sent.sentAt)}`,
          deadline: deadlineOf(target.deadlines, 'firstEvent'),
        }));

      expect(ack.type, 'the first answer to a chat is agent_started').toBe('agent_started');
      expect(ack.thread_id, 'agent_started names the thread of the chat').toBe(threadId);
      await shown;
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

      // Each welcome names this user: openChat's welcome waiter holds it to the session's id.
      await test.step('each welcome names this user on its own connection', () => {
        expect(welcomes).toHaveDistinctConnections();
      });

      for (const [i, user] of pages.entries())
        expect(
          user.frames.sockets.filter((s) => s.closedAt === undefined),
          `page ${i + 1} keeps one socket`,
        ).toHaveLength(1);
    },
  );
});
