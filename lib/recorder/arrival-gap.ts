import { EnvelopeTimestampSchema, parseJsonFrame, timestampMs } from '../protocol';
import type { FrameLog, RecordedFrame } from './frame-log';

/** The envelope timestamp of a frame, in epoch ms, when it carries a valid one. */
function stampOf(frame: RecordedFrame): number | undefined {
  const json = parseJsonFrame(frame.text);
  const stamp = EnvelopeTimestampSchema.safeParse(
    json.ok ? (json.value as { timestamp?: unknown } | null)?.timestamp : undefined,
  );
  return stamp.success ? timestampMs(stamp.data) : undefined;
}

/**
 * How a frame reached the page, for a failure that says the page never showed it: `+3.210s (312 ms after the
 * frame before it; stamped 0 ms after it)`. The recorder's gap is when the test saw the frames; the stamps say
 * how the backend sent them: a few ms is two frames in one write, which Netra's beta-15 loses (bug B2).
 */
export function arrivalOf(log: FrameLog, frame: RecordedFrame): string {
  const before = log
    .received(frame.socket)
    .filter((f) => f.seq < frame.seq)
    .at(-1);
  if (!before) return log.relative(frame.at);
  const [stamp, stampBefore] = [stampOf(frame), stampOf(before)];
  const stamped =
    stamp !== undefined && stampBefore !== undefined ? `; stamped ${stamp - stampBefore} ms after it` : '';
  return `${log.relative(frame.at)} (${frame.at - before.at} ms after the frame before it${stamped})`;
}
