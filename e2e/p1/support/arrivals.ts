import { E2EFailure } from '../../../helpers/failure';
import type { FrameLog } from '../../../helpers/frame-log';
import { parseServerFrame, type AgentEvent } from '../../../helpers/protocol';

export interface Arrival {
  event: AgentEvent;
  /** When the page received it (epoch ms). */
  at: number;
}

/** The agent events a socket received after a frame (a sent chat), with their arrival times, in arrival order. */
export function arrivalsAfter(log: FrameLog, after: { socket: number; seq: number }): Arrival[] {
  return log
    .received(after.socket)
    .filter((frame) => frame.seq > after.seq)
    .flatMap((frame) => {
      const parsed = parseServerFrame(frame.text);
      return parsed.ok && parsed.kind === 'agent_event' ? [{ event: parsed.frame, at: frame.at }] : [];
    });
}

/** No event of a run (one the user left) reached a socket; fails naming the first that did. */
export function expectNoEventsOf(
  log: FrameLog,
  options: { runId: string; socket: number; phase: string },
): void {
  const stray = arrivalsAfter(log, { socket: options.socket, seq: -1 }).find(
    (a) => a.event.run_id === options.runId,
  );
  if (!stray) return;
  throw new E2EFailure(
    {
      verdict: 'protocol-drift',
      phase: options.phase,
      summary: `${stray.event.type} of the abandoned run ${options.runId} reached socket #${options.socket}, opened after it was left`,
      issues: [
        {
          path: 'run_id',
          expected: `no event of ${options.runId} (its socket was closed mid-run)`,
          received: stray.event.run_id,
          message: 'a run outlived its socket',
        },
      ],
    },
    log,
  );
}
