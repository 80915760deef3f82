import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import { waitOnFrames } from '../../recorder/frame-waiter';
import type { NamedDeadline } from '../../setup/deadlines';
import type { PageSocket } from '../../recorder/page-socket';
import { parseServerFrame, serverErrorOf } from '../../protocol';
import { judgeAsync } from './judge';

export interface BadInputAnswer {
  /** The first frame seq after the input was sent. */
  fromSeq: number;
  /** The input in words; the phase is `bad input: <input>`. */
  input: string;
  deadline: NamedDeadline;
  closeAllowed?: boolean;
  /** The type an `ack` must name to count as an answer to this input. */
  ackOf?: string;
}

/** How the server answered: with a frame (an error, the allowed ack), or by closing the socket. */
type ClearAnswer = 'frame' | 'closed';

const phaseOf = (input: string) => `bad input: ${input}`;

/**
 * After the page socket sent something the server must refuse, the server answers: an error frame (either
 * form), an `ack` naming the unknown type it received (`ackOf`, as the backend answers a type it does not
 * route), or, where allowed, a close. Silence until the deadline, or an agent run, fails naming the input.
 */
function expectClearAnswer(log: FrameLog, probe: PageSocket, options: BadInputAnswer): Promise<ClearAnswer> {
  const phase = phaseOf(options.input);
  return waitOnFrames<ClearAnswer>(log, {
    phase,
    waitingFor: `an error frame${options.ackOf ? ` or an ack of "${options.ackOf}"` : ''} answering ${options.input} on socket #${probe.socket}`,
    deadline: options.deadline,
    timeoutVerdict: 'protocol-drift',
    fromSeq: options.fromSeq,
    watchesSocket: (s) => s.index === probe.socket,
    ...(options.closeAllowed ? { onClose: () => ({ done: 'closed' as const }) } : {}),
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== probe.socket) return undefined;
      const parsed = parseServerFrame(frame.text);
      const error = parsed.ok ? serverErrorOf(parsed.frame) : undefined;
      if (error) return { done: 'frame' };
      const acked = parsed.ok && parsed.kind === 'ack' ? parsed.frame.received_type : undefined;
      if (options.ackOf !== undefined && acked === options.ackOf) return { done: 'frame' };
      if (parsed.ok && parsed.kind === 'agent_event')
        return {
          fail: {
            verdict: 'protocol-drift',
            phase,
            summary: `${options.input} started an agent run instead of being refused`,
            frame,
          },
        };
      return undefined;
    },
  });
}

/** The connection survived: a ping on it is answered with a pong. */
async function expectPong(
  log: FrameLog,
  probe: PageSocket,
  options: { phase: string; deadline: NamedDeadline },
): Promise<void> {
  const fromSeq = log.frames.length;
  await probe.send(JSON.stringify({ type: 'ping', timestamp: Date.now() }));
  await waitOnFrames(log, {
    phase: options.phase,
    waitingFor: `a pong on socket #${probe.socket} (the connection still works)`,
    deadline: options.deadline,
    fromSeq,
    watchesSocket: (s) => s.index === probe.socket,
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== probe.socket) return undefined;
      const parsed = parseServerFrame(frame.text);
      return parsed.ok && parsed.kind === 'pong' ? { done: frame } : undefined;
    },
  });
}

/**
 * After a clear answer the connection survives: an error frame leaves it open (a ping gets its pong); a close
 * is only acceptable as 1009, "message too big".
 */
async function expectSurvived(
  log: FrameLog,
  probe: PageSocket,
  answer: ClearAnswer,
  options: { input: string; deadline: NamedDeadline },
): Promise<void> {
  if (answer !== 'closed') {
    await expectPong(log, probe, { phase: `after ${options.input}`, deadline: options.deadline });
    return;
  }
  const close = await probe.closed(options.deadline, phaseOf(options.input));
  if (close.code !== 1009)
    throw new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase: phaseOf(options.input),
        summary: `socket #${probe.socket} was closed instead of answered`,
        issues: [
          {
            path: '(close code)',
            expected: 'an error frame, or 1009 (message too big)',
            received: close.code,
            message: 'refusal',
          },
        ],
      },
      log,
    );
}

/**
 * `await expect(probe).toAnswerBadInput(frames, { fromSeq, input, deadline, closeAllowed?, ackOf? })`:
 * after the probe sent bad input, the server answers it clearly (an error frame, the ack it allows, or where
 * allowed a close) and the connection survives (a pong, or a close only as 1009).
 */
export function toAnswerBadInput(
  this: ExpectMatcherState,
  probe: PageSocket,
  log: FrameLog,
  options: BadInputAnswer,
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toAnswerBadInput', async () => {
    const answer = await expectClearAnswer(log, probe, options);
    await expectSurvived(log, probe, answer, { input: options.input, deadline: options.deadline });
  });
}
