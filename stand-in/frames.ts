import { randomBytes } from 'node:crypto';
import type { AgentEvent, WelcomeFrame } from '../lib/protocol';
import { isoNow } from './clock';

export const WELCOME_CONFIG = { heartbeat_interval: 25, max_message_size: 8192 } as const;

export function connectionId(): string {
  return `ws_standin_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

/** The welcome as staging sends it. */
export function welcomeFrame(userId: string, id: string, environment: string): WelcomeFrame {
  return {
    type: 'system_message',
    data: {
      event: 'connection_established',
      connection_id: id,
      user_id: userId,
      server_time: isoNow(),
      connection_ready: true,
      environment,
      startup_complete: true,
      config: { ...WELCOME_CONFIG },
      factory_pattern_enabled: true,
    },
  };
}

export function errorFrame(code: string, message: string): object {
  return { type: 'error', error_code: code, message };
}

/** The frames a scripted run is made of; a run fault picks and orders them (`runFrames` in stand-in/faults/). */
export interface RunParts {
  started: AgentEvent;
  /** Step 1, 'Reading the request and the workspace usage', 20 %. */
  thinking1: AgentEvent;
  /** Step 2, 'Comparing model costs for the workload', 80 %. */
  thinking2: AgentEvent;
  executing: AgentEvent;
  completedTool: AgentEvent;
  completed: AgentEvent;
  report: AgentEvent;
  /** Another agent_thinking of this run. */
  thinking: (step: number, reasoning: string, progress: number) => AgentEvent;
}

/**
 * The parts of one scripted agent run. The answer never quotes the request (a page showing the answer must not
 * pass for one showing the question) and names the run.
 */
export function runParts(threadId: string | undefined): RunParts {
  const runId = `run_${randomBytes(6).toString('hex')}`;
  const agent = 'supervisor';
  const base = () => ({
    run_id: runId,
    agent_name: agent,
    timestamp: isoNow(),
    ...(threadId ? { thread_id: threadId } : {}),
  });
  const tool = 'cost_analyzer';
  const thinking = (step: number, reasoning: string, progress: number): AgentEvent => ({
    type: 'agent_thinking',
    ...base(),
    payload: { reasoning, step_number: step, progress_percentage: progress, status: 'thinking' },
  });
  const summary = `Route simple prompts to a smaller model to save about 30% (analysis ${runId.slice(-6)}).`;
  return {
    started: {
      type: 'agent_started',
      ...base(),
      payload: {
        status: 'started',
        context: { thread_id: threadId ?? null },
        message: `Starting ${agent}...`,
      },
    },
    thinking1: thinking(1, 'Reading the request and the workspace usage', 20),
    thinking2: thinking(2, 'Comparing model costs for the workload', 80),
    executing: {
      type: 'tool_executing',
      ...base(),
      payload: {
        tool_name: tool,
        parameters: { scope: 'workspace' },
        status: 'executing',
        message: `Running ${tool}`,
      },
    },
    completedTool: {
      type: 'tool_completed',
      ...base(),
      payload: {
        tool_name: tool,
        result: { monthly_spend_usd: 1840, models: 3 },
        execution_time_ms: 212,
        status: 'completed',
        message: `${tool} finished`,
      },
    },
    completed: {
      type: 'agent_completed',
      ...base(),
      payload: {
        status: 'completed',
        result: { summary: 'done' },
        execution_time_ms: 940,
        message: `${agent} completed`,
      },
    },
    report: {
      type: 'final_report',
      ...base(),
      payload: { executive_summary: summary, recommendations: ['Route simple prompts to a smaller model'] },
    },
    thinking,
  };
}

/** One scripted agent run as staging streams it: the five critical events, a tool pair, then final_report. */
export function standardRun(parts: RunParts): AgentEvent[] {
  const { started, thinking1, executing, completedTool, thinking2, completed, report } = parts;
  return [started, thinking1, executing, completedTool, thinking2, completed, report];
}

/** How a live backend stamps a frame as it sends it: ISO 8601. */
const isoStamp = (nowMs: number): string | number => new Date(nowMs).toISOString();

/** Stamps a frame as it is sent, with `stamp` (a run fault may stamp otherwise). */
export function stamped(frame: object, stamp: (nowMs: number) => string | number = isoStamp): object {
  if (!('timestamp' in frame)) return frame;
  return { ...frame, timestamp: stamp(Date.now()) };
}
