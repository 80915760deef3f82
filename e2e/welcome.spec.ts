import { expect, test } from '../fixtures';
import { expectWelcome } from '../helpers/expect-welcome';
import { WELCOME_LIMITS, WelcomeFrameSchema } from '../helpers/protocol';

test.describe('WebSocket welcome', () => {
  test('the chat page connects and the first server frame is staging’s welcome for this user', async ({
    chatPage,
    frames,
    session,
    target,
  }) => {
    await chatPage.open();

    const welcome = await test.step('the first server frame is the welcome', () =>
      expectWelcome(frames, { userId: session.userId, deadlines: target.deadlines }));

    await test.step('the welcome names this user, is ready, and announces sane limits', () => {
      expect(welcome.frame).toMatchSchema(WelcomeFrameSchema);
      expect(welcome.frame.data.user_id, 'welcome data.user_id is the token’s sub').toBe(session.userId);
      expect(welcome.frame.data.connection_ready).toBe(true);
      expect(welcome.frame.data.config.heartbeat_interval).toBeGreaterThanOrEqual(
        WELCOME_LIMITS.heartbeatSeconds.min,
      );
      expect(welcome.frame.data.config.heartbeat_interval).toBeLessThanOrEqual(
        WELCOME_LIMITS.heartbeatSeconds.max,
      );
      expect(welcome.frame.data.config.max_message_size).toBeGreaterThanOrEqual(
        WELCOME_LIMITS.maxMessageBytes.min,
      );
    });

    await test.step('the chat is ready for input', async () => {
      await expect(chatPage.mainChat).toBeVisible({ timeout: target.deadlines.appReady });
      await expect(chatPage.messageInput).toBeEditable();
    });
  });
});
