import { expect, test } from '../fixtures';
import { expectWelcome } from '../helpers/expect-welcome';

test.describe('WebSocket welcome', () => {
  test('the chat page connects and the first server frame is staging’s welcome for this user', async ({
    chatPage,
    frames,
    session,
    target,
  }) => {
    await chatPage.open();

    // The welcome waiter is the check: the schema, this user's id, ready, heartbeat and size limits in bounds.
    await test.step('the first server frame is this user’s welcome: ready, with sane limits', () =>
      expectWelcome(frames, { userId: session.userId, deadlines: target.deadlines }));

    await test.step('the chat is ready for input', async () => {
      await expect(chatPage.mainChat).toBeVisible({ timeout: target.deadlines.appReady });
      await expect(chatPage.messageInput).toBeEditable();
    });
  });
});
