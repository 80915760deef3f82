import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { CheckedWelcome } from '../expect-welcome';
import { E2EFailure } from '../failure';
import { judge } from './judge';

/** `expect(welcomes).toHaveDistinctConnections()`: parallel pages, every welcome carries its own connection_id. */
export function toHaveDistinctConnections(
  this: ExpectMatcherState,
  welcomes: readonly CheckedWelcome[],
): MatcherReturnType {
  return judge(this, 'toHaveDistinctConnections', () => {
    const ids = welcomes.map((w) => w.frame.data.connection_id);
    if (new Set(ids).size === ids.length) return;
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
  });
}
