import { randomBytes } from 'node:crypto';
import { expect, test } from '../../../fixtures';
import type { ChatPage } from '../../../fixtures/chat-page';
import type { TargetConfig } from '../../../helpers/config';
import {
  expectChatSent,
  expectCriticalRun,
  type CheckedRun,
  type SentChat,
} from '../../../helpers/expect-run';
import { expectWelcome, type CheckedWelcome } from '../../../helpers/expect-welcome';
import type { FrameLog } from '../../../helpers/frame-log';
import { PageSocket, type NamedDeadline } from '../../../helpers/page-socket';
import { isWebSocketSafePrompt } from '../../../helpers/protocol';

/** One signed-in user's chat in one page: what every journey needs. */
export interface Journey {
  chatPage: ChatPage;
  frames: FrameLog;
  userId: string;
  target: TargetConfig;
}

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
    expectWelcome(frames, { userId, deadlineMs: target.deadlines.welcome }));

  await expect(chatPage.mainChat, 'the chat is shown').toBeVisible({ timeout: target.deadlines.appReady });
  return welcome;
}

/** Types and sends a prompt (in a new chat unless told otherwise); resolves when the page sent its frame. */
export async function sendChat(
  journey: Journey,
  prompt: string,
  options: { newChat?: boolean } = {},
): Promise<SentChat> {
  const { chatPage, frames, target } = journey;
  if (options.newChat ?? true) await chatPage.startNewChat();
  const fromSeq = frames.frames.length;
  await chatPage.send(prompt);
  return test.step('the chat frame leaves the page', () =>
    expectChatSent(frames, prompt, target.deadlines.firstEvent, fromSeq));
}

/** Sends a prompt and checks the whole run: the critical events in order, final_report, the answer shown. */
export async function runChat(
  journey: Journey,
  prompt: string,
  options: { newChat?: boolean; welcome?: CheckedWelcome } = {},
): Promise<ChatRun> {
  const { chatPage, frames, target } = journey;
  const sent = await sendChat(journey, prompt, options);

  const run = await test.step('the run streams its critical events', () =>
    expectCriticalRun(frames, {
      sent,
      ...(options.welcome ? { welcome: options.welcome.frame } : {}),
      deadlines: target.deadlines,
    }));

  await expect(
    chatPage.message(run.finalReport.payload.executive_summary),
    'the answer is shown',
  ).toBeVisible({
    timeout: target.deadlines.answerVisible,
  });
  return { sent, run };
}

/** Open, welcome, new chat, send, run: the journey most scenarios start with. */
export async function chatJourney(
  journey: Journey,
  prompt: string,
): Promise<ChatRun & { welcome: CheckedWelcome }> {
  const welcome = await openChat(journey);
  const chat = await runChat(journey, prompt, { welcome });
  return { welcome, ...chat };
}

/** The thread a sent chat belongs to; the real frontend creates it over REST before the first send. */
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
  await expectWelcome(frames, { userId, deadlineMs: target.deadlines.welcome, socket: probe.socket });
  return probe;
}
