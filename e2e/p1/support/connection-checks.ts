import type { CheckedWelcome } from '../../../helpers/expect-welcome';
import { E2EFailure } from '../../../helpers/failure';
import type { FrameLog } from '../../../helpers/frame-log';

/** Parallel pages: every welcome carries its own connection_id. */
export function expectDistinctConnections(welcomes: readonly CheckedWelcome[]): string[] {
  const ids = welcomes.map((w) => w.frame.data.connection_id);
  if (new Set(ids).size === ids.length) return ids;
  throw new E2EFailure({
    verdict: 'protocol-drift',
    phase: 'parallel connections',
    summary: `${ids.length} pages got ${new Set(ids).size} distinct connection_id(s)`,
    issues: [
      {
        path: 'data.connection_id',
        expected: 'a different id on every connection',
        received: ids,
        message: 'connections share an id',
      },
    ],
  });
}

/** After a drop, the reconnect's welcome names a new connection, not the dropped one. */
export function expectFreshConnection(log: FrameLog, dropped: string, again: CheckedWelcome): string {
  const id = again.frame.data.connection_id;
  if (id !== dropped) return id;
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
}
