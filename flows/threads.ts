import type { Response } from '@playwright/test';
import { expect, test } from '../fixtures';
import type { Journey } from '../lib/pages/journey';
import type { SentChat } from '../lib/checks/expect-run';
import { expectWelcome, type CheckedWelcome } from '../lib/checks/expect-welcome';
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

/**
 * Reopens the thread the page is on (or `threadId`'s route), as a user of the real app must to go on chatting:
 * after a send it keeps its input disabled ("Sending…") until the chat remounts. The welcome on the new socket,
 * the chat back on the same thread, the input editable.
 */
export async function reopenThread(journey: Journey, threadId?: string): Promise<CheckedWelcome> {
  const welcome = await reopen(journey, threadId === undefined ? undefined : `/chat/${threadId}`);
  if (threadId !== undefined)
    await expect(journey.chatPage.page, 'the page is on the thread').toHaveURL(threadRoute(threadId));
  return welcome;
}

/**
 * Comes back to the chat's home (`/chat`), where the real app lets the sidebar switch threads: on a
 * `/chat/<id>` route it switches back to the route's thread. The welcome on the new socket, the input editable.
 */
export async function returnToChatHome(journey: Journey): Promise<CheckedWelcome> {
  return reopen(journey, '/chat');
}

async function reopen(journey: Journey, path: string | undefined): Promise<CheckedWelcome> {
  const { chatPage, frames, target, userId } = journey;
  const socket = frames.sockets.length + 1;
  if (path === undefined) await chatPage.page.reload();
  else await chatPage.open(path);
  const welcome = await expectWelcome(frames, { userId, deadlines: target.deadlines, socket });
  await expect(chatPage.mainChat, 'the chat is shown again').toBeVisible({
    timeout: target.deadlines.appReady,
  });
  await expect(chatPage.messageInput, 'the reopened chat takes input').toBeEditable({
    timeout: target.deadlines.appReady,
  });
  return welcome;
}

/**
 * New Chat clicked in an empty chat, as the real frontend does it: the thread is created at once
 * (`POST /api/threads`, schema-checked) and the route names it. The real app may then remount the chat or
 * not, so the thread is reopened before anyone types into it. Resolves with the new thread's id.
 */
export async function startNewChat(journey: Journey): Promise<string> {
  const { chatPage, frames, target } = journey;
  const deadline = deadlineOf(target.deadlines, 'newChat');

  const threadId = await test.step('New Chat creates the thread and routes to it', async () => {
    const created = appCall(chatPage.page, 'POST', REST_PATHS.threads, deadline);
    await chatPage.clickNewChat();
    const thread = await appAnswer(await created, ThreadSchema, { phase: 'new chat', log: frames });
    await expect(chatPage.page, 'New Chat routes to the new thread').toHaveURL(threadRoute(thread.id), {
      timeout: deadline.ms,
    });
    return thread.id;
  });

  await reopenThread(journey, threadId);
  return threadId;
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
