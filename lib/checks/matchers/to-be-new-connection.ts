import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { CheckedWelcome } from '../expect-welcome';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import { judge } from './judge';

/**
 * `expect(again).toBeNewConnection(dropped, frames)`: after a drop, the reconnect's welcome names a new
 * connection, not the dropped one.
 */
export function toBeNewConnection(
  this: ExpectMatcherState,
  again: CheckedWelcome,
  dropped: string,
  log: FrameLog,
): MatcherReturnType {
  return judge(this, 'toBeNewConnection', () => {
    const id = again.frame.data.connection_id;
    if (id !== dropped) return;
    throw new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase: 'reconnect',
        summary: 'the welcome after the reconnect repeats the dropped connection’s id',
        issues: [
          {
            path: 'data.connection_id',
            expected: `a new id (not the dropped ${dropped})`,
            received: id,
            message: 'stale connection id',
          },
        ],
        frame: log.frames[again.seq],
      },
      log,
    );
  });
}
