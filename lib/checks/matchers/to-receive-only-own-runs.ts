import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import { E2EFailure } from '../failure';
import { arrivalsAfter } from '../../recorder/arrivals';
import { judge } from './judge';

/**
 * `expect(user).toReceiveOnlyOwnRuns(runIds)`: every agent event any socket of this user's page received
 * belongs to one of this user's runs; else fails naming the stray run.
 */
export function toReceiveOnlyOwnRuns(
  this: ExpectMatcherState,
  user: Pick<Journey, 'frames' | 'userId'>,
  ownRuns: readonly string[],
): MatcherReturnType {
  return judge(this, 'toReceiveOnlyOwnRuns', () => {
    const stray = user.frames.sockets
      .flatMap((socket) => arrivalsAfter(user.frames, { socket: socket.index, seq: -1 }))
      .find((arrival) => arrival.event.run_id !== undefined && !ownRuns.includes(arrival.event.run_id));
    if (stray)
      throw new E2EFailure(
        {
          verdict: 'protocol-drift',
          phase: 'user isolation',
          summary: `${user.userId} received ${stray.event.type} of a run it never started`,
          issues: [
            {
              path: 'run_id',
              expected: `one of this user's runs (${ownRuns.join(', ')})`,
              received: stray.event.run_id,
              message: 'event delivered to the wrong user',
            },
          ],
        },
        user.frames,
      );
  });
}
