/** Stand-in timings. STANDIN_TIMING=staging slows the sequence towards what the real frontend shows. */
export interface StandInTiming {
  /** Delay between agent events of a run. */
  eventGapMs: number;
  /** The frontend's wait after the socket opens before it shows main-chat (real app: 3 s). */
  socketCheckMs: number;
  /** The frontend's remount after the first send changes the route (real app: ~3.5 s). */
  remountMs: number;
}

export const FAST_TIMING: StandInTiming = { eventGapMs: 250, socketCheckMs: 150, remountMs: 100 };
const STAGING_LIKE_TIMING: StandInTiming = { eventGapMs: 400, socketCheckMs: 3_000, remountMs: 1_500 };

export function timingFromEnv(env: NodeJS.ProcessEnv): StandInTiming {
  return env.STANDIN_TIMING === 'staging' ? STAGING_LIKE_TIMING : FAST_TIMING;
}

export const isoNow = (): string => new Date().toISOString();
