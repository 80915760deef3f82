import type { ElementHandle, ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import { threadRoute, wherePageIs } from '../../pages/routes';
import { E2EFailure } from '../failure';
import { judgeAsync } from './judge';

export interface NewThreadExpectation {
  /** The thread New Chat created (`POST /api/threads` answered it). */
  threadId: string;
  phase: string;
  /** The thread the page was on when the user clicked New Chat, if any. */
  leftThreadId?: string;
  /** The chat as it was before the click: the new thread's chat is ready once this one is gone (remounted). */
  chatBefore?: ElementHandle | null;
}

/**
 * After New Chat: the page routes to the new thread (`/chat/<id>`) within deadlines.newChat, the chat there is
 * mounted anew (the old one gone) and takes input, and the page is still on the new thread then. Fails as
 * `ui-broken` saying where the page is: "New Chat created thread_x, but it went back to /chat/thread_y, the
 * thread the user left" (Netra bug B6).
 */
async function checkNewThread(journey: Journey, expectation: NewThreadExpectation): Promise<void> {
  const { chatPage, frames, target } = journey;
  const { page } = chatPage;
  const ms = target.deadlines.newChat;
  const route = threadRoute(expectation.threadId);
  const fail = (why: string) =>
    new E2EFailure(
      {
        verdict: 'ui-broken',
        phase: expectation.phase,
        summary: `New Chat created ${expectation.threadId}, but ${why}`,
        issues: [
          {
            path: '(page URL)',
            expected: `/chat/${expectation.threadId} within deadlines.newChat (${ms} ms), the chat there taking input`,
            received: new URL(page.url()).pathname,
            message: 'new chat route',
          },
        ],
      },
      frames,
    );
  await page.waitForURL(route, { timeout: ms }).catch(() => {
    throw fail(`${wherePageIs(page, expectation.leftThreadId)} ${ms} ms later`);
  });
  // Where the app remounts the chat on the new route, text typed before the remount is lost: wait for it.
  const before = expectation.chatBefore;
  if (before)
    await page.waitForFunction((chat) => !chat.isConnected, before, { timeout: ms }).catch(() => undefined);
  await chatPage.messageInput
    .and(page.locator(':enabled'))
    .waitFor({ state: 'visible', timeout: ms })
    .catch(() => {
      throw fail(`the chat on its route took no input within deadlines.newChat (${ms} ms)`);
    });
  if (!route.test(page.url())) throw fail(wherePageIs(page, expectation.leftThreadId));
}

/** `await expect(journey).toOpenNewThread({ threadId, phase, leftThreadId })`: New Chat lands on its thread. */
export function toOpenNewThread(
  this: ExpectMatcherState,
  journey: Journey,
  expectation: NewThreadExpectation,
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toOpenNewThread', () => checkNewThread(journey, expectation));
}
