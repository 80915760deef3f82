import { z } from 'zod';

/** Unix seconds between 2001 and 2286: a float in seconds, as `time.time()` gives, never milliseconds. */
const UNIX_SECONDS = { min: 1e9, max: 1e10 } as const;

/**
 * An envelope `timestamp`. The agent bridge (`agent_websocket_bridge.py`) sends an ISO 8601 string, the
 * backend's message model (`websocket_core/types.py`) a Unix float in seconds: both arrive on staging, and
 * the frontend ignores the field, so both pass; a float is reported as a protocol note.
 */
export const EnvelopeTimestampSchema = z.union([
  z.iso.datetime({ offset: true }),
  z
    .number()
    .min(UNIX_SECONDS.min, 'expected Unix seconds (a float such as 1757363217.6), not milliseconds')
    .max(UNIX_SECONDS.max, 'expected Unix seconds (a float such as 1757363217.6), not milliseconds'),
]);
export type EnvelopeTimestamp = z.infer<typeof EnvelopeTimestampSchema>;

/** Epoch milliseconds of an envelope timestamp, whichever form it came in. */
export function timestampMs(timestamp: EnvelopeTimestamp): number {
  return typeof timestamp === 'number' ? Math.round(timestamp * 1000) : Date.parse(timestamp);
}

/** A note for a tolerated form of a frame's envelope timestamp (the Unix float), or undefined for ISO. */
export function timestampFormNote(value: unknown): string | undefined {
  const timestamp = (value as { timestamp?: unknown } | null)?.timestamp;
  return typeof timestamp === 'number'
    ? 'timestamp is a Unix float (the message model’s form), not ISO 8601 (the agent bridge’s)'
    : undefined;
}
