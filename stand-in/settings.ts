import { z } from 'zod';

/**
 * Per-test stand-in settings that are not faults: the JWT claim `standin_settings` lowers the rate limit or
 * slows a run for one test's sockets only. A real deployment ignores the claim, so a spec may set it on any
 * target (unlike `standin_fault`, which the session fixture refuses off the stand-in).
 */
export const SETTINGS_CLAIM = 'standin_settings';

export const StandInSettingsSchema = z.object({
  /** Client frames (ping and pong excepted) one connection may send per rate window. */
  rate_limit: z.number().int().positive().optional(),
  /** Gap between the events of a run, overriding the stand-in's timing (e.g. to leave time to stop it). */
  event_gap_ms: z.number().int().min(0).max(5_000).optional(),
});
export type StandInSettings = z.infer<typeof StandInSettingsSchema>;

/** The stand-in's own rate limit: generous enough for any journey, including a burst of a few chats. */
export const DEFAULT_RATE_LIMIT = { messages: 30, windowMs: 10_000 } as const;

export function settingsFromClaims(claims: Record<string, unknown>): StandInSettings {
  const parsed = StandInSettingsSchema.safeParse(claims[SETTINGS_CLAIM]);
  return parsed.success ? parsed.data : {};
}
