import { expect, test } from '@playwright/test';
import { AgentEventSchema, RunOrderTracker, parseServerFrame, type AgentEvent } from '../../lib/protocol';

const base = { run_id: 'run_1', agent_name: 'supervisor', timestamp: '2025-09-08T20:26:58.000Z' };
const ev = {
  started: { type: 'agent_started', ...base, payload: { status: 'started', context: {}, message: 'go' } },
  thinking: {
    type: 'agent_thinking',
    ...base,
    payload: { reasoning: 'hm', step_number: 1, progress_percentage: 10, status: 'thinking' },
  },
  executing: {
    type: 'tool_executing',
    ...base,
    payload: { tool_name: 't', parameters: {}, status: 'executing', message: '' },
  },
  toolDone: {
    type: 'tool_completed',
    ...base,
    payload: { tool_name: 't', result: 1, execution_time_ms: 3, status: 'completed', message: '' },
  },
  completed: {
    type: 'agent_completed',
    ...base,
    payload: { status: 'completed', result: {}, execution_time_ms: 9, message: '' },
  },
  report: { type: 'final_report', ...base, payload: { executive_summary: 'answer' } },
} as const;

const parse = (value: unknown): AgentEvent => AgentEventSchema.parse(value);

function feed(events: readonly unknown[]) {
  const tracker = new RunOrderTracker();
  for (const e of events) {
    const violation = tracker.accept(parse(e));
    if (violation) return { tracker, violation };
  }
  return { tracker, violation: undefined };
}

test.describe('run order', () => {
  test('accepts the five critical events then final_report', () => {
    const { tracker, violation } = feed([
      ev.started,
      ev.thinking,
      ev.executing,
      ev.toolDone,
      ev.thinking,
      ev.completed,
      ev.report,
    ]);
    expect(violation).toBeUndefined();
    expect(tracker.state).toBe('reported');
  });

  test('final_report without agent_completed is named', () => {
    const { violation } = feed([ev.started, ev.executing, ev.toolDone, ev.report]);
    expect(violation?.expected).toContain('agent_completed or agent_error before final_report');
  });

  test('tool_completed before its tool_executing is named with the tool', () => {
    const { violation } = feed([ev.started, ev.toolDone]);
    expect(violation).toMatchObject({ path: 'payload.tool_name', received: 't' });
  });

  test('an event of another run is named by run_id', () => {
    const { violation } = feed([ev.started, { ...ev.thinking, run_id: 'run_2' }]);
    expect(violation).toMatchObject({ path: 'run_id', received: 'run_2' });
  });

  test('events before agent_started and after the terminal event are rejected', () => {
    expect(feed([ev.thinking]).violation?.expected).toContain('agent_started first');
    expect(feed([ev.started, ev.completed, ev.thinking]).violation?.expected).toContain(
      'nothing after agent_completed',
    );
    expect(feed([ev.started, ev.executing, ev.completed]).violation?.expected).toContain(
      'tool_completed for t',
    );
  });

  test('agent event schemas name the drifted payload field', () => {
    const parsed = parseServerFrame(
      JSON.stringify({ ...ev.thinking, payload: { ...ev.thinking.payload, step_number: 'one' } }),
    );
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.path)).toEqual(['payload.step_number']);
    const dataNotPayload = parseServerFrame(
      JSON.stringify({ ...ev.started, payload: undefined, data: ev.started.payload }),
    );
    expect(dataNotPayload.ok ? [] : dataNotPayload.issues.map((i) => i.path)).toEqual(['payload']);
  });
});
