import { z } from 'zod';
import { EnvelopeTimestampSchema } from './timestamps';

/**
 * The first server frame after the upgrade, exactly as staging sent it on 2025-09-08.
 * Note the envelope: `type: "system_message"` with the event name inside `data.event`.
 * The flat `{"type":"connection_established"}` shape is what the old suite expected (the 120 s hangs).
 */
export const WelcomeConfigSchema = z.object({
  heartbeat_interval: z.number().positive().describe('seconds between server heartbeats'),
  max_message_size: z.number().int().positive().describe('largest frame the server accepts, in bytes'),
});

export const WelcomeDataSchema = z.object({
  event: z.literal('connection_established'),
  connection_id: z.string().min(1),
  user_id: z.string().min(1),
  server_time: z.iso.datetime({ offset: true }),
  connection_ready: z.boolean(),
  environment: z.string().min(1),
  startup_complete: z.boolean(),
  config: WelcomeConfigSchema,
  factory_pattern_enabled: z.boolean().optional(),
});

export const WelcomeFrameSchema = z.object({
  type: z.literal('system_message'),
  data: WelcomeDataSchema,
  // The message model's envelope may add these beside `type` and `data`.
  timestamp: EnvelopeTimestampSchema.optional(),
  server_id: z.string().nullable().optional(),
  correlation_id: z.string().nullable().optional(),
});

/** A later `system_message` (e.g. `{"data":{"status":"disconnect_acknowledged"}}`): same type, other data. */
export const SystemMessageSchema = z.object({
  type: z.literal('system_message'),
  data: z.record(z.string(), z.unknown()),
  timestamp: EnvelopeTimestampSchema.optional(),
  server_id: z.string().nullable().optional(),
  correlation_id: z.string().nullable().optional(),
});

/** True for the welcome's variant of `system_message`: its `data.event` is `connection_established`. */
export function isWelcomeShaped(value: unknown): boolean {
  const data = (value as { data?: unknown } | null)?.data;
  return (data as { event?: unknown } | null | undefined)?.event === 'connection_established';
}

export type WelcomeFrame = z.infer<typeof WelcomeFrameSchema>;

/** Bounds a sane staging welcome keeps; outside them the suite reports drift, not a pass. */
const WELCOME_LIMITS = {
  heartbeatSeconds: { min: 1, max: 300 },
  maxMessageBytes: { min: 1024, max: 16 * 1024 * 1024 },
} as const;

/** Semantic checks the schema cannot express: each problem names the field, the expectation and the value. */
export function welcomeProblems(
  frame: WelcomeFrame,
  expectedUserId: string,
): { path: string; expected: string; received: unknown }[] {
  const problems: { path: string; expected: string; received: unknown }[] = [];
  const { data } = frame;
  if (data.user_id !== expectedUserId) {
    problems.push({
      path: 'data.user_id',
      expected: `the token's sub "${expectedUserId}"`,
      received: data.user_id,
    });
  }
  if (!data.connection_ready) {
    problems.push({ path: 'data.connection_ready', expected: 'true', received: data.connection_ready });
  }
  const limits = [
    {
      path: 'data.config.heartbeat_interval',
      value: data.config.heartbeat_interval,
      ...WELCOME_LIMITS.heartbeatSeconds,
      expected: 'between 1 and 300 seconds',
    },
    {
      path: 'data.config.max_message_size',
      value: data.config.max_message_size,
      ...WELCOME_LIMITS.maxMessageBytes,
      expected: 'between 1 KiB and 16 MiB',
    },
  ];
  for (const { path, value, min, max, expected } of limits) {
    if (value < min || value > max) problems.push({ path, expected, received: value });
  }
  return problems;
}
