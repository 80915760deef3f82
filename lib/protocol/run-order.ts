import type { AgentEvent } from './agent-events';
import type { InvariantName } from './invariants';

/**
 * The order every chat run must keep: agent_started, any agent_thinking, each tool_executing followed by
 * its tool_completed (same tool_name), exactly one terminal agent_completed (or agent_error), then final_report.
 * A run the user stops ends with agent_stopped instead, at any point after agent_started, and nothing follows.
 * Feed events one at a time; the first violation is returned at once so a test fails on the bad frame.
 */
export interface RunViolation {
  path: string;
  expected: string;
  received: unknown;
  /** The promise it breaks: another run's id is isolation, a missing terminal event completeness, else order. */
  invariant?: InvariantName;
}

/** Which promise a run-order violation breaks, from where it was found and the state the run was in. */
function invariantOf(violation: RunViolation, event: AgentEvent, before: RunState): InvariantName {
  if (violation.path === 'run_id') return 'isolation';
  const terminal = event.type === 'agent_completed' || event.type === 'agent_error';
  if (event.type === 'final_report' && before !== 'terminal') return 'completeness';
  if (terminal && (before === 'running' || before === 'terminal')) return 'completeness';
  return 'order';
}

export type RunState = 'waiting' | 'running' | 'terminal' | 'reported' | 'stopped';

export class RunOrderTracker {
  state: RunState = 'waiting';
  runId: string | undefined;
  readonly types: AgentEvent['type'][] = [];
  private readonly openTools: string[] = [];
  terminalType: 'agent_completed' | 'agent_error' | undefined;

  accept(event: AgentEvent): RunViolation | undefined {
    const before = this.state;
    const violation = this.check(event);
    if (!violation) this.types.push(event.type);
    return violation && { ...violation, invariant: invariantOf(violation, event, before) };
  }

  private check(event: AgentEvent): RunViolation | undefined {
    const seen = this.types.length ? this.types.join(' → ') : 'nothing yet';
    if (this.runId !== undefined && event.run_id !== undefined && event.run_id !== this.runId) {
      return { path: 'run_id', expected: `"${this.runId}" (this run's id)`, received: event.run_id };
    }
    switch (event.type) {
      case 'agent_started':
        if (this.state !== 'waiting') {
          return { path: 'type', expected: `no second agent_started (after ${seen})`, received: event.type };
        }
        this.state = 'running';
        this.runId = event.run_id;
        return undefined;
      case 'agent_thinking':
      case 'tool_executing':
      case 'tool_completed':
      case 'agent_completed':
      case 'agent_error':
        if (this.state !== 'running') return this.notRunning(event.type, seen);
        return this.checkRunning(event, seen);
      case 'agent_stopped':
        if (this.state !== 'running') return this.notRunning(event.type, seen);
        this.state = 'stopped';
        return undefined;
      case 'final_report':
        if (this.state !== 'terminal') {
          return {
            path: 'type',
            expected: `agent_completed or agent_error before final_report (after ${seen})`,
            received: event.type,
          };
        }
        this.state = 'reported';
        return undefined;
    }
  }

  /** An event of a run that is not running: before agent_started, or after its end. */
  private notRunning(received: string, seen: string) {
    const wanted =
      this.state === 'waiting' ? 'agent_started first' : `nothing after ${this.terminalType ?? 'the end'}`;
    return { path: 'type', expected: `${wanted} (after ${seen})`, received };
  }

  private checkRunning(event: AgentEvent, seen: string): RunViolation | undefined {
    if (event.type === 'tool_executing') {
      this.openTools.push(event.payload.tool_name);
    } else if (event.type === 'tool_completed') {
      const index = this.openTools.indexOf(event.payload.tool_name);
      if (index < 0) {
        const open = this.openTools.length ? this.openTools.join(', ') : 'none open';
        return {
          path: 'payload.tool_name',
          expected: `a tool_executing before its tool_completed (open tools: ${open}; after ${seen})`,
          received: event.payload.tool_name,
        };
      }
      this.openTools.splice(index, 1);
    } else if (event.type === 'agent_completed' || event.type === 'agent_error') {
      if (this.openTools.length) {
        return {
          path: 'type',
          expected: `tool_completed for ${this.openTools.join(', ')} before ${event.type}`,
          received: event.type,
        };
      }
      this.state = 'terminal';
      this.terminalType = event.type;
    }
    return undefined;
  }
}
