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
      connection_ready: true,
      environment,
      startup_complete: true,
      config: { ...WELCOME_CONFIG },
      factory_pattern_enabled: true,
    },
  };
  return welcome;
}

export function errorFrame(code: string, message: string): object {
  return { type: 'error', error_code: code, message };
}

/** One scripted agent run: the five critical events, a tool pair, then final_report. */
export function agentRunFrames(request: string, threadId: string | undefined, fault?: FaultMode): object[] {
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
  const summary = `Summary for "${request.slice(0, 60)}": route simple prompts to a smaller model to save about 30%.`;
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
    default:
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
}
