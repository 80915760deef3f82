import { expect, test } from '../fixtures';
import { openChat } from '../flows/open-chat';

test.describe('WebSocket welcome', () => {
  test(
    'P1-001 the chat page connects and the first server frame is staging’s welcome for this user, on one open socket to /ws',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      // openChat's welcome waiter is the check: the schema, this user's id, ready, heartbeat and size limits
      // in bounds; then the chat is shown.
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

      await test.step('the chat is ready for input', async () => {
        await expect(chatPage.messageInput).toBeEditable();
      });
    },
  );
});
