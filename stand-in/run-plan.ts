import type { FaultMode } from './faults';

/** How long the fault `slow-agent` holds a run back: far beyond any first-event deadline. */
const SLOW_AGENT_DELAY_MS = 30_000;
/** How long the fault `sluggish-agent` holds a run back: inside deadlines.firstEvent, past the budget. */
const SLUGGISH_AGENT_DELAY_MS = 1_500;

export interface ScheduledSend {
  /** Milliseconds after the chat frame arrived. */
  delayMs: number;
  /** Sent together, back to back: one frame while streaming, the whole run when batched. */
  frames: object[];
}

const START_DELAYS: Partial<Record<FaultMode, number>> = {
  'slow-agent': SLOW_AGENT_DELAY_MS,
  'sluggish-agent': SLUGGISH_AGENT_DELAY_MS,
};

/**
 * When each frame of a scripted run is sent: one event gap apart, or bent by a run fault: `slow-agent` and
 * `sluggish-agent` start late, `batched-run` sends everything at once at the end.
 */
export function planRun(
  frames: readonly object[],
  options: { gapMs: number; fault: FaultMode | undefined },
): ScheduledSend[] {
  const { gapMs, fault } = options;
  if (fault === 'batched-run') return [{ delayMs: gapMs * frames.length, frames: [...frames] }];
  const offset = (fault && START_DELAYS[fault]) ?? 0;
  return frames.map((frame, i) => ({ delayMs: offset + gapMs * (i + 1), frames: [frame] }));
}
