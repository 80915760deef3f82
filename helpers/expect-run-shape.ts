import { expect } from '@playwright/test';
import type { CheckedRun } from './expect-run';
import { CRITICAL_EVENT_TYPES, eventsOfType } from './protocol';

/**
 * The shape of a finished run, as the user's story states it: the five critical events, agent_started first,
 * agent_completed then final_report last, one run_id throughout, and every tool_executing paired with its
 * tool_completed.
 */
export function expectCriticalRunShape(run: Pick<CheckedRun, 'events' | 'runId'>): void {
  const types = run.events.map((e) => e.type);
  for (const critical of CRITICAL_EVENT_TYPES) expect(types, `run includes ${critical}`).toContain(critical);
  expect(types[0], 'agent_started opens the run').toBe('agent_started');
  expect(types.slice(-2), 'agent_completed, then the final_report the page shows').toEqual([
    'agent_completed',
    'final_report',
  ]);
  expect(new Set(run.events.map((e) => e.run_id).filter(Boolean)), 'one run_id for the whole run').toEqual(
    new Set([run.runId]),
  );
  const executing = eventsOfType(run.events, 'tool_executing').map((e) => e.payload.tool_name);
  const completed = eventsOfType(run.events, 'tool_completed').map((e) => e.payload.tool_name);
  expect(completed.sort(), 'every tool_executing has its tool_completed').toEqual(executing.sort());
}
