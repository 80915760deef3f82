import { namedDeadline } from '../setup/deadlines';
import { WS_CLOSE_POLICY_VIOLATION, parseJsonFrame } from '../protocol';
import type { FrameLog, SocketRecord } from '../recorder/frame-log';
import { waitOnFrames } from '../recorder/frame-waiter';

/** A refusal on upgrade: the server may also answer the HTTP upgrade with 401/403 instead of closing 1008. */
const HTTP_REFUSAL = /Unexpected server response: 40[13]\b/;

export interface RefusalExpectation {
  /** The socket that must be refused. */
  socket: number;
  /** What was presented, in words, e.g. "a forged token in Authorization: Bearer". */
  presented: string;
  phase: string;
  deadlineMs: number;
}

/**
 * The server must refuse this socket: close it with 1008 (policy violation) or answer the upgrade with
 * HTTP 401/403, before any frame. A welcome (or any frame) means it was accepted: that fails at once.
 */
export function expectRefused(log: FrameLog, expectation: RefusalExpectation): Promise<SocketRecord> {
  const { socket, presented, phase } = expectation;
  const wanted = `close code ${WS_CLOSE_POLICY_VIOLATION} or HTTP 401/403 on upgrade`;
  return waitOnFrames<SocketRecord>(log, {
    phase,
    waitingFor: `the server to refuse socket #${socket} (${presented}) with ${wanted}`,
    deadline: namedDeadline('welcome', expectation.deadlineMs),
    timeoutVerdict: 'protocol-drift',
    watchesSocket: (s) => s.index === socket,
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== socket) return undefined;
      const json = parseJsonFrame(frame.text);
      const type = json.ok ? (json.value as { type?: unknown } | null)?.type : undefined;
      return {
        fail: {
          verdict: 'protocol-drift',
          phase,
          summary: `socket #${socket} was accepted with ${presented}: the server must refuse it`,
          issues: [
            {
              path: '(close code)',
              expected: wanted,
              received: `an open socket and a ${typeof type === 'string' ? type : 'non-JSON'} frame`,
              message: 'accepted a credential it must refuse',
            },
          ],
          frame,
        },
      };
    },
    onClose: (closed) => {
      if (closed.closeCode === WS_CLOSE_POLICY_VIOLATION || HTTP_REFUSAL.test(closed.error ?? ''))
        return { done: closed };
      return {
        fail: {
          verdict: 'protocol-drift',
          phase,
          summary: `socket #${socket} (${presented}) was closed, but not as a refusal`,
          issues: [
            {
              path: '(close code)',
              expected: wanted,
              received: closed.closeCode ?? closed.error ?? 'no close code',
              message: 'wrong refusal',
            },
          ],
        },
      };
    },
  });
}
