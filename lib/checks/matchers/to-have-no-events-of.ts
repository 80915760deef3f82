import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import { arrivalsAfter } from '../../recorder/arrivals';
import { judge } from './judge';

/** Why no event of the run may come: it was left with its socket, or the user stopped it. */
export type RunEnd =
  | { left: true }
  | {
      /** The agent_stopped that ended it: nothing of the run may come after it. */
      stoppedAt: { seq: number };
    };

/**
 * `expect(frames).toHaveNoEventsOf({ runId, socket, phase, end })`: no event of a run that ended for the user
 * reached a socket (one opened after the run was left, or the same socket after the run was stopped); fails
 * naming the first that did.
 */
export function toHaveNoEventsOf(
  this: ExpectMatcherState,
  log: FrameLog,
  options: { runId: string; socket: number; phase: string; end?: RunEnd },
): MatcherReturnType {
  return judge(this, 'toHaveNoEventsOf', () => {
    const end = options.end ?? { left: true };
    const afterSeq = 'stoppedAt' in end ? end.stoppedAt.seq : -1;
    const stray = arrivalsAfter(log, { socket: options.socket, seq: afterSeq }).find(
      (a) => a.event.run_id === options.runId,
    );
    if (!stray) return;
    const what =
      'stoppedAt' in end
        ? {
            summary: `${stray.event.type} of the stopped run ${options.runId} reached socket #${options.socket} after its agent_stopped`,
            expected: `nothing of ${options.runId} after agent_stopped (the user stopped it)`,
            message: 'a run outlived its stop',
          }
        : {
            summary: `${stray.event.type} of the abandoned run ${options.runId} reached socket #${options.socket}, opened after it was left`,
            expected: `no event of ${options.runId} (its socket was closed mid-run)`,
            message: 'a run outlived its socket',
          };
    throw new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase: options.phase,
        summary: what.summary,
        issues: [
          { path: 'run_id', expected: what.expected, received: stray.event.run_id, message: what.message },
        ],
        frame: stray.frame,
      },
      log,
    );
  });
}
