import { E2EFailure } from './failure';
import type { FrameLog } from '../recorder/frame-log';
import type { SentChat } from './expect-run';

/**
 * The real frontend creates the thread over REST (`POST /api/threads`) before its first chat frame, and the
 * frame names that thread. Fails as `ui-broken` in phase "send", naming `payload.thread_id`.
 */
export function expectThreadCreatedFirst(
  log: FrameLog,
  check: { sent: SentChat; createdThreadId: string; postedAt: number | undefined },
): void {
  const { sent, createdThreadId } = check;
  // Both times are when this process heard of the request and of the frame; events of one batch share a
  // millisecond. The same millisecond is no later: start_agent naming the thread the server created (its id
  // comes back in POST's answer) is what proves the order.
  const postedFirst = check.postedAt !== undefined && check.postedAt <= sent.sentAt;
  if (postedFirst && sent.threadId === createdThreadId) return;
  throw new E2EFailure(
    {
      verdict: 'ui-broken',
      phase: 'send',
      summary: postedFirst
        ? `start_agent names another thread than the one POST /api/threads created`
        : `start_agent left the page before POST /api/threads created the thread`,
      issues: [
        {
          path: 'payload.thread_id',
          expected: `"${createdThreadId}" (returned by POST /api/threads before the first send)`,
          received: sent.threadId ?? null,
          message: 'the thread is created over REST before the first send',
        },
      ],
      frame: log.frames[sent.seq],
    },
    log,
  );
}
