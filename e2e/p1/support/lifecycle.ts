import type { FrameLog } from '../../../helpers/frame-log';
import { waitOnFrames } from '../../../helpers/frame-waiter';
import type { NamedDeadline } from '../../../helpers/deadlines';
import { parseServerFrame, type AgentEvent } from '../../../helpers/protocol';

type AgentStarted = Extract<AgentEvent, { type: 'agent_started' }>;

/** The first agent event after a chat frame must be agent_started: the run has begun. */
export function expectRunStarted(
  log: FrameLog,
  options: { socket: number; seq: number; phase: string; deadline: NamedDeadline },
): Promise<AgentStarted> {
  return waitOnFrames<AgentStarted>(log, {
    phase: options.phase,
    waitingFor: `agent_started on socket #${options.socket}`,
    deadline: options.deadline,
    fromSeq: options.seq + 1,
    watchesSocket: (s) => s.index === options.socket,
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== options.socket) return undefined;
      const parsed = parseServerFrame(frame.text);
      if (!parsed.ok || parsed.kind !== 'agent_event') return undefined;
      if (parsed.frame.type === 'agent_started') return { done: parsed.frame };
      return {
        fail: {
          verdict: 'protocol-drift',
          phase: options.phase,
          summary: `the run began with ${parsed.frame.type}`,
          issues: [
            { path: 'type', expected: 'agent_started', received: parsed.frame.type, message: 'run order' },
          ],
          frame,
        },
      };
    },
  });
}
