import { randomBytes } from 'node:crypto';
import type { AgentEvent, WelcomeFrame } from '../helpers/protocol';
import { isoNow } from './clock';
import type { FaultMode } from './faults';

export const WELCOME_CONFIG = { heartbeat_interval: 25, max_message_size: 8192 } as const;

export function connectionId(): string {
  return `ws_standin_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

/** The welcome as staging sends it, or the fault's variant of it (undefined: send nothing). */
export function welcomeFrame(
  userId: string,
  id: string,
  environment: string,
  fault?: FaultMode,
): object | undefined {
  if (fault === 'no-welcome') return undefined;
  if (fault === 'flat-welcome') {
    return {
      type: 'connection_established',
      connection_id: id,
      user_id: userId,
      timestamp: Date.now() / 1000,
    };
  }
  const welcome: WelcomeFrame = {
    type: 'system_message',
    data: {
      event: 'connection_established',
      connection_id: id,
      user_id: fault === 'wrong-user' ? 'staging-e2e-user-999' : userId,
      server_time: isoNow(),
      connection_ready: fault !== 'welcome-not-ready',
      environment,
      startup_complete: true,
      config:
        fault === 'welcome-bad-limits'
          ? { heartbeat_interval: 0.5, max_message_size: 100 }
          : { ...WELCOME_CONFIG },
      factory_pattern_enabled: true,
    },
  };
  return welcome;
}

export function errorFrame(code: string, message: string): object {
  return { type: 'error', error_code: code, message };
}

/**
 * One scripted agent run: the five critical events, a tool pair, then final_report. The answer never quotes
 * the request (a page showing the answer must not pass for one showing the question) and names the run.
 */
export function agentRunFrames(
  threadId: string | undefined,
  options: { fault?: FaultMode | undefined; runIndex: number },
): object[] {
  const { fault, runIndex } = options;
  const runId = `run_${randomBytes(6).toString('hex')}`;
  const agent = 'supervisor';
  const base = () => ({
    run_id: runId,
    agent_name: agent,
    timestamp: isoNow(),
    ...(threadId ? { thread_id: threadId } : {}),
  });
  const tool = 'cost_analyzer';
  const started: AgentEvent = {
    type: 'agent_started',
    ...base(),
    payload: { status: 'started', context: { thread_id: threadId ?? null }, message: `Starting ${agent}...` },
  };
  const thinking = (step: number, reasoning: string, progress: number): AgentEvent => ({
    type: 'agent_thinking',
    ...base(),
    payload: { reasoning, step_number: step, progress_percentage: progress, status: 'thinking' },
  });
  const executing: AgentEvent = {
    type: 'tool_executing',
    ...base(),
    payload: {
      tool_name: tool,
      parameters: { scope: 'workspace' },
      status: 'executing',
      message: `Running ${tool}`,
    },
  };
  const completedTool: AgentEvent = {
    type: 'tool_completed',
    ...base(),
    payload: {
      tool_name: tool,
      result: { monthly_spend_usd: 1840, models: 3 },
      execution_time_ms: 212,
      status: 'completed',
      message: `${tool} finished`,
    },
  };
  const completed: AgentEvent = {
    type: 'agent_completed',
    ...base(),
    payload: {
      status: 'completed',
      result: { summary: 'done' },
      execution_time_ms: 940,
      message: `${agent} completed`,
    },
  };
  const summary = `Route simple prompts to a smaller model to save about 30% (analysis ${runId.slice(-6)}).`;
  const report: AgentEvent = {
    type: 'final_report',
    ...base(),
    payload: { executive_summary: summary, recommendations: ['Route simple prompts to a smaller model'] },
  };
  const reasoning1 = 'Reading the request and the workspace usage';
  const reasoning2 = 'Comparing model costs for the workload';
  switch (fault) {
    case 'missing-completed':
      return [started, thinking(1, reasoning1, 20), executing, completedTool, report];
    case 'out-of-order':
      return [started, thinking(1, reasoning1, 20), completedTool, executing, completed, report];
    case 'foreign-run':
      return [
        started,
        { ...thinking(1, 'another user’s private reasoning', 10), run_id: 'run_other_user_0001' },
        completed,
        report,
      ];
    case 'close-early':
      return [started];
    case 'oversized':
      return [started, thinking(1, 'x'.repeat(WELCOME_CONFIG.max_message_size * 2), 20), completed, report];
    case 'no-agent-started':
      return [thinking(1, reasoning1, 20), executing, completedTool, completed, report];
    case 'no-tools':
      return [started, thinking(1, reasoning1, 20), thinking(2, reasoning2, 80), completed, report];
    case 'skip-thinking-later-runs':
      if (runIndex > 0) return [started, executing, completedTool, completed, report];
      break;
    default:
      break;
  }
  return [
    started,
    thinking(1, reasoning1, 20),
    executing,
    completedTool,
    thinking(2, reasoning2, 80),
    completed,
    report,
  ];
}

/** `ghost-run`: the start of a run nobody asked for, sent after a real run's final_report; it never ends. */
export function ghostRunStart(threadId: string | undefined): object {
  return {
    type: 'agent_started',
    run_id: `run_ghost_${randomBytes(4).toString('hex')}`,
    agent_name: 'supervisor',
    timestamp: isoNow(),
    ...(threadId ? { thread_id: threadId } : {}),
    payload: { status: 'started', context: {}, message: 'Starting supervisor...' },
  };
}

/** Stamps a frame as it is sent, as a live backend does: ISO 8601, or a Unix float under `float-timestamps`. */
export function stamped(frame: object, fault: FaultMode | undefined): object {
  if (!('timestamp' in frame)) return frame;
  const now = Date.now();
  return { ...frame, timestamp: fault === 'float-timestamps' ? now / 1000 : new Date(now).toISOString() };
}
