import { parseJsonFrame, parseWelcome, welcomeProblems, type WelcomeFrame } from './protocol';
import type { FrameLog, RecordedFrame } from './frame-log';
import { waitOnFrames } from './frame-waiter';

export interface WelcomeExpectation {
  /** The token's `sub`: the welcome's `data.user_id` must equal it. */
  userId: string;
  deadlineMs: number;
  /** Socket whose welcome to check; default: the first socket that sends anything. */
  socket?: number;
}

export interface CheckedWelcome {
  frame: WelcomeFrame;
  socket: number;
  receivedAt: number;
  /** The first frame on that socket; later frames of this socket come after it. */
  seq: number;
}

function socketsSummary(log: FrameLog): string {
  if (log.sockets.length === 0)
    return 'the page opened no WebSocket at all (signed out, or the app failed before connecting?)';
  return log.sockets
    .map(
      (s) =>
        `socket #${s.index} ${s.url} ${s.closedAt === undefined ? 'open' : 'closed'}, ${log.received(s.index).length} frames received`,
    )
    .join('; ');
}

/**
 * The first server frame on a socket must be staging's welcome. Fails on that frame if it has the wrong
 * shape (naming the field), names the wrong user, or is not ready; fails at `deadlines.welcome` on silence.
 */
export function expectWelcome(log: FrameLog, expectation: WelcomeExpectation): Promise<CheckedWelcome> {
  return waitOnFrames<CheckedWelcome>(log, {
    phase: 'welcome',
    waitingFor: `the welcome frame {"type":"system_message","data":{"event":"connection_established",…}}${expectation.socket ? ` on socket #${expectation.socket}` : ''}`,
    deadline: { name: 'deadlines.welcome', ms: expectation.deadlineMs },
    timeoutVerdict: 'protocol-drift',
    timeoutContext: () => socketsSummary(log),
    // A socket the server closes before its first frame was refused: almost always the token.
    watchesSocket: (s) =>
      (expectation.socket === undefined || s.index === expectation.socket) &&
      log.received(s.index).length === 0,
    describeClose: (s) => ({
      verdict: 'auth-rejected',
      summary: `socket #${s.index} (${s.url}) closed ${log.relative(s.closedAt ?? 0)} before any server frame${s.closeCode !== undefined ? ` with code ${s.closeCode}` : ''}: the server refused the connection (token, ticket or subprotocol)`,
    }),
    onFrame: (frame: RecordedFrame) => {
      if (frame.direction !== 'received') return undefined;
      if (expectation.socket !== undefined && frame.socket !== expectation.socket) return undefined;
      const json = parseJsonFrame(frame.text);
      const parsed = json.ok ? parseWelcome(json.value) : undefined;
      if (!json.ok || !parsed?.ok) {
        return {
          fail: {
            verdict: 'protocol-drift',
            phase: 'welcome',
            summary: 'the first server frame does not match the welcome schema',
            issues: json.ok ? (parsed && !parsed.ok ? parsed.issues : []) : [json.issue],
            frame,
          },
        };
      }
      if (parsed.kind !== 'welcome') return undefined;
      const problems = welcomeProblems(parsed.frame, expectation.userId);
      if (problems.length) {
        return {
          fail: {
            verdict: 'protocol-drift',
            phase: 'welcome',
            summary: 'the welcome frame has the right shape but wrong values',
            issues: problems.map((p) => ({ ...p, message: 'welcome value check' })),
            frame,
          },
        };
      }
      return { done: { frame: parsed.frame, socket: frame.socket, receivedAt: frame.at, seq: frame.seq } };
    },
  });
}
