import { expect } from '@playwright/test';
import { answerTextOf, deliveryFailureOf, parseJsonFrame, previewValue } from '../protocol';
import { frameLabel } from '../protocol/frame-label';
import type { ChatPage } from '../pages/chat-page';
import type { FrameLog, RecordedFrame, UserNeed } from '../recorder/frame-log';
import { waitOnFrames } from '../recorder/frame-waiter';
import { deadlineOf, type Deadlines } from '../setup/deadlines';

/** What the user needed after a drifted frame, and whether the page showed it. */
export interface UserView {
  /** In words: `the chat`, `the answer` (on the chat's thread). */
  need: string;
  met: boolean;
  /** What the page showed, or what it did not, with the deadline that bounded the look. */
  detail: string;
  /** What arrived on the socket after the chat, by type (the answer's need only). */
  arrived?: string;
}

type ViewDeadlines = Pick<Deadlines, 'appReady' | 'runComplete' | 'answerVisible'>;

const remaining = (since: number, ms: number) => Math.max(0, since + ms - Date.now());

/** One frame as a backend engineer reads a run: its type, and for a connection_error the event it replaced. */
function arrivalOf(frame: RecordedFrame): string {
  const json = parseJsonFrame(frame.text);
  const failed = json.ok ? deliveryFailureOf(json.value) : undefined;
  if (failed) return `connection_error (for ${failed.eventType ?? 'an event'})`;
  return frameLabel(frame.text).type;
}

/** The types of what reached the socket after the chat frame, in order, heartbeats left out. */
export function arrivedAfter(log: FrameLog, socket: number, afterSeq: number): string {
  const types = log
    .received(socket)
    .filter((f) => f.seq > afterSeq)
    .map(arrivalOf)
    .filter((type) => type !== 'heartbeat' && type !== 'pong');
  return types.length ? types.join(' → ') : 'nothing';
}

/** The chat is shown: `main-chat` visible within deadlines.appReady of the drifted frame. */
async function viewChat(chatPage: ChatPage, log: FrameLog, deadlines: ViewDeadlines, from: RecordedFrame) {
  const deadline = deadlineOf(deadlines, 'appReady');
  try {
    await expect(chatPage.mainChat, 'the chat is shown after the drifted welcome').toBeVisible({
      timeout: remaining(from.at, deadline.ms),
    });
  } catch {
    return {
      need: 'the chat',
      met: false,
      detail: `main-chat did not show within ${deadline.name} (${deadline.ms} ms) of the frame`,
    };
  }
  const now = Date.now();
  return {
    need: 'the chat',
    met: true,
    detail: `the chat showed ${now - from.at} ms after the frame`,
  };
}

/**
 * The answer of the chat is shown on its thread: the frame that carries it arrives within deadlines.runComplete
 * of the chat, the page shows its text within deadlines.answerVisible of that frame, on `/chat/<thread>`.
 */
async function viewAnswer(
  chatPage: ChatPage,
  log: FrameLog,
  deadlines: ViewDeadlines,
  need: Extract<UserNeed, { kind: 'answer' }>,
): Promise<UserView> {
  const runComplete = deadlineOf(deadlines, 'runComplete');
  const carrier = await waitOnFrames<{ frame: RecordedFrame; text: string } | undefined>(log, {
    phase: 'what the user sees',
    waitingFor: 'the frame that carries the answer (executive_summary)',
    deadline: { ...runComplete, since: need.sentAt },
    fromSeq: need.sentSeq + 1,
    watchesSocket: (s) => s.index === need.socket,
    onClose: () => ({ done: undefined }),
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== need.socket) return undefined;
      const json = parseJsonFrame(frame.text);
      const text = json.ok ? answerTextOf(json.value) : undefined;
      return text === undefined ? undefined : { done: { frame, text } };
    },
  }).catch(() => undefined);
  const arrived = arrivedAfter(log, need.socket, need.sentSeq);
  const label = 'the answer';
  if (!carrier)
    return {
      need: label,
      met: false,
      detail: `no final_report (executive_summary) within ${runComplete.name} (${runComplete.ms} ms) of the chat`,
      arrived,
    };
  const answerVisible = deadlineOf(deadlines, 'answerVisible');
  try {
    await expect(chatPage.message(carrier.text), 'the answer is shown after the drift').toBeVisible({
      timeout: remaining(carrier.frame.at, answerVisible.ms),
    });
  } catch {
    return {
      need: label,
      met: false,
      detail: `the page never showed the answer ${previewValue(carrier.text, 80)} within ${answerVisible.name} (${answerVisible.ms} ms) of the frame that carried it (${log.relative(carrier.frame.at)})`,
      arrived,
    };
  }
  const path = new URL(chatPage.page.url()).pathname;
  if (need.threadId !== undefined && path !== `/chat/${need.threadId}`)
    return {
      need: label,
      met: false,
      detail: `the answer showed on ${path}, not on the chat's thread /chat/${need.threadId}`,
      arrived,
    };
  const now = Date.now();
  return {
    need: label,
    met: true,
    detail: `the answer showed${need.threadId === undefined ? '' : ' on its thread'} ${now - carrier.frame.at} ms after the frame that carried it`,
    arrived,
  };
}

/** Looks at the page for what the user needs after a drifted frame, each look bounded by a named deadline. */
export function viewUserNeed(
  chatPage: ChatPage,
  log: FrameLog,
  deadlines: ViewDeadlines,
  need: UserNeed,
  from: RecordedFrame,
): Promise<UserView> {
  return need.kind === 'chat'
    ? viewChat(chatPage, log, deadlines, from)
    : viewAnswer(chatPage, log, deadlines, need);
}
