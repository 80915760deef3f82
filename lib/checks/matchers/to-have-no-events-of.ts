import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import { arrivalsAfter } from '../../recorder/arrivals';
import { judge } from './judge';

/**
 * `expect(frames).toHaveNoEventsOf({ runId, socket, phase })`: no event of a run (one the user left) reached a
 * socket; fails naming the first that did.
 */
export function toHaveNoEventsOf(
  this: ExpectMatcherState,
  log: FrameLog,
  options: { runId: string; socket: number; phase: string },
): MatcherReturnType {
  return judge(this, 'toHaveNoEventsOf', () => {
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
  });
}
