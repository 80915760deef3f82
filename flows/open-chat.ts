import { expect, test } from '../fixtures';
import type { Journey } from '../lib/pages/journey';
import { expectWelcome, type CheckedWelcome } from '../lib/checks/expect-welcome';

/** Opens the chat: the first server frame is this user's welcome and the chat is shown. */
export async function openChat(journey: Journey, path = '/chat'): Promise<CheckedWelcome> {
  const { chatPage, frames, target, userId } = journey;
  await chatPage.open(path);

  const welcome = await test.step('the first server frame is this user’s welcome', () =>
    expectWelcome(frames, { userId, deadlines: target.deadlines }));

  await expect(chatPage.mainChat, 'the chat is shown').toBeVisible({ timeout: target.deadlines.appReady });
  return welcome;
}
