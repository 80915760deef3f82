import { z } from 'zod';
import type { InvariantName } from './invariants';
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

/** A value check of the welcome that failed: the field, the promise it carries, expected vs received. */
export interface WelcomeProblem {
  path: string;
  expected: string;
  received: unknown;
  invariant: InvariantName;
}

/** Semantic checks the schema cannot express: each problem names the field, the expectation and the value. */
export function welcomeProblems(frame: WelcomeFrame, expectedUserId: string): WelcomeProblem[] {
  return welcomeValueProblems(frame, expectedUserId);
}

const valueAt = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/**
 * The same checks on a welcome of any form (a drifted one read through the schema a patch would make): a field
 * that is absent is not checked here, its absence is judged where the schema had to let it go.
 */
export function welcomeValueProblems(welcome: unknown, expectedUserId: string): WelcomeProblem[] {
  const problems: WelcomeProblem[] = [];
  const data = valueAt(welcome, 'data');
  const userId = valueAt(data, 'user_id');
  if (userId !== undefined && userId !== expectedUserId) {
    problems.push({
      path: 'data.user_id',
      expected: `the token's sub "${expectedUserId}"`,
      received: userId,
      invariant: 'identity',
    });
  }
  const ready = valueAt(data, 'connection_ready');
  if (ready !== undefined && ready !== true) {
    problems.push({
      path: 'data.connection_ready',
      expected: 'true',
      received: ready,
      invariant: 'readiness',
    });
  }
  const config = valueAt(data, 'config');
  const limits = [
    {
      path: 'data.config.heartbeat_interval',
      value: valueAt(config, 'heartbeat_interval'),
      ...WELCOME_LIMITS.heartbeatSeconds,
      expected: 'between 1 and 300 seconds',
    },
    {
      path: 'data.config.max_message_size',
      value: valueAt(config, 'max_message_size'),
      ...WELCOME_LIMITS.maxMessageBytes,
      expected: 'between 1 KiB and 16 MiB',
    },
  ];
  for (const { path, value, min, max, expected } of limits) {
    if (typeof value === 'number' && (value < min || value > max))
      problems.push({ path, expected, received: value, invariant: 'size' });
  }
  return problems;
}
