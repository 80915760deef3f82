import { expect } from '@playwright/test';
import type { CheckedRun } from './expect-run';
import { CRITICAL_EVENT_TYPES } from '../protocol';

/**
 * What the run waiter cannot demand on its own: it checks order (agent_started first, tools paired, one
 * terminal event, final_report last, one run_id) but allows a run without thinking or tools. A chat run the
 * user sees must deliver each of the five critical events.
 */
export function expectCriticalRunShape(run: Pick<CheckedRun, 'events'>, label = 'run'): void {
  const types = run.events.map((e) => e.type);
  for (const critical of CRITICAL_EVENT_TYPES)
    expect(types, `${label}: ${critical} delivered`).toContain(critical);
}
