import { deadlineOf, type Deadlines } from '../setup/deadlines';
import type { FrameLog, RecordedFrame, SocketRecord } from '../recorder/frame-log';
import { waitOnFrames } from '../recorder/frame-waiter';
import { parseJsonFrame, parseWelcome, welcomeProblems, type WelcomeFrame } from '../protocol';

export interface WelcomeExpectation {
  /** The token's `sub`: the welcome's `data.user_id` must equal it. */
  userId: string;
  /** `appReady` bounds the wait for the page to open its socket; `welcome` counts from the socket's opening. */
  deadlines: Pick<Deadlines, 'appReady' | 'welcome'>;
  /** Socket whose welcome to check; default: the first socket the page opens. */
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

/** The page opens its socket (or the socket asked for exists) within deadlines.appReady. */
function expectSocket(log: FrameLog, expectation: WelcomeExpectation): Promise<SocketRecord> {
  const wanted = expectation.socket;
  const which = wanted === undefined ? 'the page to open its WebSocket' : `socket #${wanted} to open`;
  return waitOnFrames<SocketRecord>(log, {
    phase: 'connect',
    waitingFor: which,
    deadline: deadlineOf(expectation.deadlines, 'appReady'),
    timeoutVerdict: 'ui-broken',
    timeoutContext: () => socketsSummary(log),
    watchesSocket: () => false,
    onFrame: () => undefined,
    onChange: () => {
      const socket = wanted === undefined ? log.sockets[0] : log.sockets[wanted - 1];
      return socket ? { done: socket } : undefined;
    },
  });
}

/**
 * The first server frame on a socket must be staging's welcome, within deadlines.welcome of the socket's
 * opening. Fails on that frame if it has the wrong shape or wrong values (naming each field), and as
 * auth-rejected if the server closes the socket before any frame.
 */
export async function expectWelcome(log: FrameLog, expectation: WelcomeExpectation): Promise<CheckedWelcome> {
  const socket = await expectSocket(log, expectation);
  return waitOnFrames<CheckedWelcome>(log, {
    phase: 'welcome',
    waitingFor: `the welcome frame {"type":"system_message","data":{"event":"connection_established",…}} on socket #${socket.index}`,
    deadline: { ...deadlineOf(expectation.deadlines, 'welcome'), since: socket.openedAt },
    timeoutVerdict: 'protocol-drift',
    timeoutContext: () => socketsSummary(log),
    // A welcome that drifts is judged by whether the user still gets the chat (lib/checks/drift-verdict.ts).
    userNeed: { kind: 'chat', socket: socket.index, userId: expectation.userId },
    // A socket the server closes before its first frame was refused: almost always the token.
    watchesSocket: (s) => s.index === socket.index && log.received(s.index).length === 0,
    describeClose: (s) => ({
      verdict: 'auth-rejected',
      summary: `socket #${s.index} (${s.url}) closed ${log.relative(s.closedAt ?? 0)} before any server frame${s.closeCode !== undefined ? ` with code ${s.closeCode}` : ''}: the server refused the connection (token, ticket or subprotocol)`,
    }),
    onFrame: (frame: RecordedFrame) => {
      if (frame.direction !== 'received' || frame.socket !== socket.index) return undefined;
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
