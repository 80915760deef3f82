import { expect, type ExpectMatcherState, type MatcherReturnType } from '@playwright/test';
import type { FrameLog } from '../../recorder/frame-log';
import { waitOnFrames } from '../../recorder/frame-waiter';
import type { NamedDeadline } from '../../setup/deadlines';
import type { PageSocket } from '../../recorder/page-socket';
import { parseServerFrame, serverErrorOf } from '../../protocol';
import { judgeAsync } from './judge';

const RATE_LIMIT_WORDS = /rate.?limit|too many/i;
/** Close codes a server uses to push back: policy violation, try again later. */
const PUSHBACK_CLOSES = new Set([1008, 1013]);

/**
 * `await expect(probe).toBeRateLimited(frames, { fromSeq, burst, deadline })`: after a burst, the server pushes
 * back on that socket: an error frame (either form, its message required by the schema) whose code or message
 * speaks of a rate limit, or a 1008/1013 close saying so, and the answer says what happened (not blank).
 * Silence until the deadline fails as drift.
 */
export function toBeRateLimited(
  this: ExpectMatcherState,
  probe: PageSocket,
  log: FrameLog,
  options: { fromSeq: number; burst: number; deadline: NamedDeadline },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toBeRateLimited', async () => {
    const limited = await waitOnFrames(log, {
      phase: 'rate limit',
      waitingFor: `a rate-limit error (or a 1008/1013 close) after a burst of ${options.burst} frames on socket #${probe.socket}`,
      deadline: options.deadline,
      timeoutVerdict: 'protocol-drift',
      fromSeq: options.fromSeq,
      watchesSocket: (s) => s.index === probe.socket,
      onClose: (socket) =>
        socket.closeCode !== undefined && PUSHBACK_CLOSES.has(socket.closeCode)
          ? { done: { message: `closed ${socket.closeCode}${socket.error ? ` (${socket.error})` : ''}` } }
          : undefined,
      onFrame: (frame) => {
        if (frame.direction !== 'received' || frame.socket !== probe.socket) return undefined;
        const parsed = parseServerFrame(frame.text);
        const error = parsed.ok ? serverErrorOf(parsed.frame) : undefined;
        return error && RATE_LIMIT_WORDS.test(`${error.code} ${error.message}`)
          ? { done: { message: error.message } }
          : undefined;
      },
    });
    expect(limited.message, 'the rate-limit answer says what happened').toMatch(/\S/);
  });
}
