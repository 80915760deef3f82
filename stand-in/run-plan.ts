import type { FaultMode } from './faults';

/** How long the fault `slow-agent` holds a run back: far beyond any first-event deadline. */
export const SLOW_AGENT_DELAY_MS = 30_000;

export interface ScheduledSend {
  /** Milliseconds after the chat frame arrived. */
  delayMs: number;
  /** Sent together, back to back: one frame while streaming, the whole run when batched. */
  frames: object[];
}

const typeOf = (frame: object): unknown => (frame as { type?: unknown }).type;

/**
 * When each frame of a scripted run is sent: one event gap apart, or bent by a run fault: `slow-agent` starts
 * late, `batched-run` sends everything at once at the end, `drop-event-later-runs` loses tool_completed from the
 * connection's second run on.
 */
export function planRun(
  frames: readonly object[],
  options: { gapMs: number; fault: FaultMode | undefined; runIndex: number },
): ScheduledSend[] {
  const { gapMs, fault, runIndex } = options;
  const kept =
    fault === 'drop-event-later-runs' && runIndex > 0
      ? frames.filter((frame) => typeOf(frame) !== 'tool_completed')
      : [...frames];
  if (fault === 'batched-run') return [{ delayMs: gapMs * kept.length, frames: kept }];
  const offset = fault === 'slow-agent' ? SLOW_AGENT_DELAY_MS : 0;
  return kept.map((frame, i) => ({ delayMs: offset + gapMs * (i + 1), frames: [frame] }));
}

/** The terminal event of a run the user stopped: agent_error whose context says it was stopped. */
export function stoppedRunFrame(
  started: { run_id?: unknown; agent_name?: unknown; thread_id?: unknown },
  timestamp: string,
): object {
  return {
    type: 'agent_error',
    run_id: started.run_id,
    agent_name: started.agent_name,
    timestamp,
    ...(typeof started.thread_id === 'string' ? { thread_id: started.thread_id } : {}),
    payload: {
      status: 'error',
      error_message: 'Run stopped by the user',
      error_context: { reason: 'stopped_by_user' },
      message: 'The agent run was stopped',
    },
  };
}
