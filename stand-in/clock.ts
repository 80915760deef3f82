/**
 * Stand-in timings. The stand-in's own pace is a choice, never a claim about staging's: staging's gaps are
 * whatever its agents take, and Netra's backend sends some events back to back (agent_started then
 * agent_thinking; agent_completed twice).
 */
export interface StandInTiming {
  /** Delay between agent events of a run. */
  eventGapMs: number;
  /** Our chat page's wait after the socket opens before it shows main-chat (the real app waits 3 s). */
  socketCheckMs: number;
  /** Our chat page's remount after the first send changes the route (the real app: ~3.5 s). */
  remountMs: number;
}

/** `STANDIN_TIMING=fast` (the default): our chat page, a quarter second between events. */
export const FAST_TIMING: StandInTiming = { eventGapMs: 250, socketCheckMs: 150, remountMs: 100 };

/**
 * `STANDIN_TIMING=spaced`: behind Netra's real frontend. 400 ms between events is a choice made because of
 * Netra bug B2 (an event that reaches beta-15 in the same tick as the one before is lost): spaced, every
 * journey can be judged past it; the B2 check asks for back-to-back delivery (stand-in/delivery.ts) and shows the bug every time. Not measured
 * on staging, and not staging's pace.
 */
const SPACED_FOR_B2: StandInTiming = { eventGapMs: 400, socketCheckMs: 3_000, remountMs: 1_500 };

export const TIMING_ENV = 'STANDIN_TIMING';

export function timingFromEnv(env: NodeJS.ProcessEnv): StandInTiming {
  return env[TIMING_ENV] === 'spaced' ? SPACED_FOR_B2 : FAST_TIMING;
}

export const isoNow = (): string => new Date().toISOString();
