import { expect, test } from '../fixtures';
import { expectWelcome } from '../lib/checks/expect-welcome';

test.describe('WebSocket welcome', () => {
  test(
    'P1-001 the chat page connects and the first server frame is staging’s welcome for this user, on one open socket to /ws',
    { tag: '@p1' },
    async ({ chatPage, frames, session, target }) => {
      await chatPage.open();

      // The welcome waiter is the check: the schema, this user's id, ready, heartbeat and size limits in bounds.
      const welcome =
        await test.step('the first server frame is this user’s welcome: ready, with sane limits', () =>
          expectWelcome(frames, { userId: session.userId, deadlines: target.deadlines }));

      await expect(chatPage.mainChat, 'the chat is shown').toBeVisible({
        timeout: target.deadlines.appReady,
      });

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

      await test.step('the chat is ready for input', async () => {
        await expect(chatPage.messageInput).toBeEditable();
      });
    },
  );
});
