import { randomBytes } from 'node:crypto';
import { expect, test } from '../../../fixtures';
import type { Journey } from '../../../fixtures/pages';
import {
  expectChatSent,
  expectCriticalRun,
  type CheckedRun,
  type SentChat,
} from '../../../helpers/expect-run';
import { expectWelcome, type CheckedWelcome } from '../../../helpers/expect-welcome';
import { deadlineOf, type NamedDeadline } from '../../../helpers/deadlines';
import { E2EFailure } from '../../../helpers/failure';
import { PageSocket } from '../../../helpers/page-socket';
import { REST_PATHS, ThreadSchema, isWebSocketSafePrompt } from '../../../helpers/protocol';
import { appCall, expectAppResponse } from './app-calls';

export type { Journey } from '../../../fixtures/pages';

export interface ChatRun {
  sent: SentChat;
  run: CheckedRun;
}

/**
 * A prompt that stays on the WebSocket path (the real frontend sends prompts with "test", "analyze",
 * "optimize" or "process" over REST) and is unique to this test, so histories never collide.
 */
export function uniquePrompt(text: string): string {
  const prompt = `${text} [${randomBytes(3).toString('hex')}]`;
  if (!isWebSocketSafePrompt(prompt)) throw new Error(`prompt "${prompt}" would leave the WebSocket path`);
  return prompt;
}

/** Opens the chat: the first server frame is this user's welcome and the chat is shown. */
export async function openChat(journey: Journey, path = '/chat'): Promise<CheckedWelcome> {
  const { chatPage, frames, target, userId } = journey;
  await chatPage.open(path);

  const welcome = await test.step('the first server frame is this user’s welcome', () =>
    expectWelcome(frames, { userId, deadlines: target.deadlines }));

  await expect(chatPage.mainChat, 'the chat is shown').toBeVisible({ timeout: target.deadlines.appReady });
  return welcome;
}

/** A thread's route: `/chat/<thread_id>`, or the `/chat?thread=<thread_id>` the real app passes through. */
export const threadRoute = (threadId: string): RegExp =>
  new RegExp(`/chat(/${threadId}|\\?thread=${threadId})$`);

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
    const thread = await expectAppResponse(await created, ThreadSchema, { phase: 'new chat', log: frames });
    await expect(chatPage.page, 'New Chat routes to the new thread').toHaveURL(threadRoute(thread.id), {
      timeout: deadline.ms,
    });
    return thread.id;
  });

  await reopenThread(journey, threadId);
  return threadId;
}

/** Types and sends a prompt in the thread the page is on; resolves when the page sent its chat frame. */
export async function sendChat(journey: Journey, prompt: string): Promise<SentChat> {
  const { chatPage, frames, target } = journey;
  const fromSeq = frames.frames.length;
  await chatPage.send(prompt);
  return test.step('the chat frame leaves the page', () =>
    expectChatSent(frames, prompt, target.deadlines.firstEvent, fromSeq));
}

export interface RunChatOptions {
  welcome?: CheckedWelcome;
  /**
   * A check of the run's frames that must be judged before the page is: the real app cannot render some
   * broken runs (a batch of events in one tick), and its missing answer would hide what broke.
   */
  beforeAnswer?: (chat: ChatRun) => void | Promise<void>;
}

/** Sends a prompt and checks the whole run: the critical events in order, final_report, the answer shown. */
export async function runChat(
  journey: Journey,
  prompt: string,
  options: RunChatOptions = {},
): Promise<ChatRun> {
  const { frames, target } = journey;
  const sent = await sendChat(journey, prompt);

  const run = await test.step('the run streams its critical events', () =>
    expectCriticalRun(frames, {
      sent,
      ...(options.welcome ? { welcome: options.welcome.frame } : {}),
      deadlines: target.deadlines,
    }));

  await options.beforeAnswer?.({ sent, run });
  await expectAnswerShown(journey, run);
  return { sent, run };
}

/**
 * The page shows the run's answer (`final_report.executive_summary`) within deadlines.answerVisible of its
 * frame. Fails as `ui-broken` naming the frame that carried it and how close the frame before it came: the real
 * app loses an event that reaches it before it has rendered the previous one.
 */
export async function expectAnswerShown(journey: Journey, run: CheckedRun): Promise<void> {
  const { chatPage, frames, target } = journey;
  const answer = run.finalReport.payload.executive_summary;
  try {
    await expect(chatPage.message(answer), 'the answer is shown').toBeVisible({
      timeout: target.deadlines.answerVisible,
    });
  } catch {
    const frame = run.finalReportFrame;
    const before = frames
      .received(frame.socket)
      .filter((f) => f.seq < frame.seq)
      .at(-1);
    const gap = before ? `, ${frame.at - before.at} ms after the frame before it` : '';
    throw new E2EFailure(
      {
        verdict: 'ui-broken',
        phase: 'answer',
        summary: `final_report reached the page ${frames.relative(frame.at)}${gap}, but the page never showed its executive_summary`,
        issues: [
          {
            path: 'payload.executive_summary',
            expected: `on the page within deadlines.answerVisible (${target.deadlines.answerVisible} ms)`,
            received: 'not shown',
            message: 'answer not rendered',
          },
        ],
        frame,
      },
      frames,
    );
  }
}

/** A new thread, a prompt, the run, the answer: the journey most scenarios start with. */
export async function chatJourney(
  journey: Journey,
  prompt: string,
  options: Pick<RunChatOptions, 'beforeAnswer'> = {},
): Promise<ChatRun & { welcome: CheckedWelcome; threadId: string }> {
  const { threadId, welcome } = await openNewThread(journey);
  const chat = await runChat(journey, prompt, { ...options, welcome });
  return { welcome, threadId, ...chat };
}

/** The thread a sent chat belongs to. */
export function threadOf(sent: SentChat): string {
  if (!sent.threadId) throw new Error(`the chat frame ${sent.frame.type} named no thread_id`);
  return sent.threadId;
}

/** A further socket the test opens in the page with a token, welcomed for the journey's user. */
export async function openWelcomedProbe(
  journey: Journey,
  token: string,
  deadline: NamedDeadline,
): Promise<PageSocket> {
  const { chatPage, frames, target, userId } = journey;
  const probe = await PageSocket.open(chatPage.page, frames, { url: target.wsUrl, token, deadline });
  await expectWelcome(frames, { userId, deadlines: target.deadlines, socket: probe.socket });
  return probe;
}
