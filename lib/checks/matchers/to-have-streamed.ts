import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import { timestampMs } from '../../protocol';
import type { Arrival } from '../../recorder/arrivals';
import { judge } from './judge';

/**
 * A buffered run is stamped and delivered in one go, its events a few milliseconds apart; a streaming agent's
 * first and last events are at least one event gap apart (120 ms on the fast stand-in, seconds on staging).
 */
export const MIN_STREAM_SPREAD_MS = 50;

/**
 * `expect(frames).toHaveStreamed(arrivals)`: the run's events (`arrivalsAfter` the sent chat) were emitted
 * (server timestamps) and received spread over the run, not in one batch.
 */
export function toHaveStreamed(
  this: ExpectMatcherState,
  log: FrameLog,
  arrivals: readonly Arrival[],
): MatcherReturnType {
  return judge(this, 'toHaveStreamed', () => {
    const stamps = arrivals.map((a) => timestampMs(a.event.timestamp));
    const emittedMs = (stamps.at(-1) ?? 0) - (stamps[0] ?? 0);
    const arrivedMs = (arrivals.at(-1)?.at ?? 0) - (arrivals[0]?.at ?? 0);
    if (emittedMs >= MIN_STREAM_SPREAD_MS && arrivedMs >= MIN_STREAM_SPREAD_MS) return;
    throw new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase: 'streaming',
        summary: `the ${arrivals.length} events of the run were stamped within ${emittedMs} ms and arrived within ${arrivedMs} ms: the run was buffered, not streamed`,
        issues: [
          {
            path: 'timestamp',
            expected: `first event at least ${MIN_STREAM_SPREAD_MS} ms before final_report, as stamped and as received`,
            received: arrivals.map(
              (a) => `${a.event.type} ${a.event.timestamp} (received ${log.relative(a.at)})`,
            ),
            message: 'no streaming',
          },
        ],
      },
      log,
    );
  });
}
