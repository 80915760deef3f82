import { expect, test } from '../fixtures';
import type { Journey } from '../lib/pages/journey';
import { expectChatSent, expectCriticalRun, type CheckedRun, type SentChat } from '../lib/checks/expect-run';
import type { CheckedWelcome } from '../lib/checks/expect-welcome';
import { openNewThread } from './threads';

export interface ChatRun {
  sent: SentChat;
  run: CheckedRun;
}

/**
 * Types and sends a prompt in the thread the page is on, as a user does: the input must take it (after an
 * answer too: Netra bug B1 fails here); resolves when the page sent its chat frame.
 */
export async function sendChat(journey: Journey, prompt: string): Promise<SentChat> {
  const { chatPage, frames, target } = journey;
  await expect(journey).toTakeInput({ phase: 'send' });
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
  await expect(journey).toShowAnswer(run);
  return { sent, run };
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
