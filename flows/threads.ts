import type { Response } from '@playwright/test';
import { expect, test } from '../fixtures';
import type { Journey } from '../lib/pages/journey';
import type { SentChat } from '../lib/checks/expect-run';
import type { CheckedWelcome } from '../lib/checks/expect-welcome';
import { deadlineOf } from '../lib/setup/deadlines';
import { REST_PATHS, ThreadSchema } from '../lib/protocol';
import { appCall } from '../lib/recorder/app-calls';
import { appAnswer } from '../lib/checks/matchers/to-answer-the-app';
import { openChat } from './open-chat';

import { threadRoute } from '../lib/pages/routes';

export { threadRoute };

/** The thread a sent chat belongs to. */
export function threadOf(sent: SentChat): string {
  if (!sent.threadId) throw new Error(`the chat frame ${sent.frame.type} named no thread_id`);
  return sent.threadId;
}

/**
 * A conversation of its own: the thread is created through the backend API the app itself uses
 * (`POST /api/threads`, as New Chat does) and the page opens on its route, ready for input. Deterministic on
 * any deployment: the real app (beta-15) opens the newest thread on load and routes New Chat only from an
 * empty chat, so a user with threads cannot rely on New Chat.
 */
export async function openNewThread(
  journey: Journey,
): Promise<{ threadId: string; welcome: CheckedWelcome }> {
  const { api, chatPage, target } = journey;
  const { body: thread } = await api.call({
    method: 'POST',
    url: `${target.apiUrl}${REST_PATHS.threads}`,
    data: { title: 'New Chat' },
    schema: ThreadSchema,
  });
  const welcome = await openChat(journey, `/chat/${thread.id}`);
  await expect(chatPage.page, 'the page is on the new thread').toHaveURL(threadRoute(thread.id));
  await expect(chatPage.messageInput, 'the thread takes input').toBeEditable({
    timeout: target.deadlines.appReady,
  });
  return { threadId: thread.id, welcome };
}

/** The thread the page's route names (`/chat/<id>` or `/chat?thread=<id>`), if any. */
function threadOnPage(journey: Journey): string | undefined {
  const url = new URL(journey.chatPage.page.url());
  return /^\/chat\/([\w-]+)$/.exec(url.pathname)?.[1] ?? url.searchParams.get('thread') ?? undefined;
}

/**
 * New Chat, clicked wherever the user is: the thread is created at once (`POST /api/threads`, schema-checked),
 * the page routes to it and the chat there is ready (remounted where the app remounts it), and the page stays
 * on it. From an open thread the phase is "new chat from an open thread" (Netra bug B6 fails there). Resolves
 * with the new thread's id.
 */
export async function startNewChat(journey: Journey): Promise<string> {
  const { chatPage, frames, target } = journey;
  const left = threadOnPage(journey);
  const phase = left === undefined ? 'new chat' : 'new chat from an open thread';
  return test.step(`New Chat creates a thread and the page opens it (${phase})`, async () => {
    const created = appCall(
      chatPage.page,
      'POST',
      REST_PATHS.threads,
      deadlineOf(target.deadlines, 'newChat'),
    );
    const chatBefore = await chatPage.mainChat.elementHandle();
    await chatPage.clickNewChat();
    const thread = await appAnswer(await created, ThreadSchema, { phase, log: frames });
    await expect(journey).toOpenNewThread({
      threadId: thread.id,
      phase,
      chatBefore,
      ...(left === undefined ? {} : { leftThreadId: left }),
    });
    await chatBefore.dispose();
    return thread.id;
  });
}

/**
 * Opens a thread by its link (`/chat/<id>`, as a shared or guessed URL would) and resolves with the app's call
 * for its history once the page had its chance to render it: when the call succeeded, up to
 * `deadlines.answerVisible` for `shownText` to show (a leak renders a moment after the answer, as any
 * answer does); when it was refused, nothing to wait for. Absence on the page means something only after this.
 */
export async function openThreadByLink(
  journey: Journey,
  threadId: string,
  shownText: string,
): Promise<Response> {
  const { chatPage, target } = journey;
  const appReady = deadlineOf(target.deadlines, 'appReady');
  const history = appCall(chatPage.page, 'GET', `${REST_PATHS.threads}/${threadId}/messages`, appReady);
  await chatPage.open(`/chat/${threadId}`);
  const answered = await history;
  if (answered.ok())
    await chatPage
      .message(shownText)
      .first()
      .waitFor({ timeout: deadlineOf(target.deadlines, 'answerVisible').ms })
      .catch(() => undefined);
  return answered;
}
