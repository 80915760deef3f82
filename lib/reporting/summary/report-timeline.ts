import { z } from 'zod';
import type { DriftReport } from '../drift-report';
import { buildTimeline, type FrameTimeline } from '../timeline/model';
import type { ReportAttachment, ReportTest } from './report-tests';

/** The attachment names the fixtures write (fixtures/frame-timeline.ts, fixtures/frame-report.ts). */
const TIMELINE_JSON = 'frame-timeline.json';
const FRAMES_JSON = 'websocket-frames.json';
const DRIFT_JSON = 'protocol-drift.json';

/** Just enough of the shapes to trust what is drawn; anything else passes through. */
const TimelineSchema = z.looseObject({
  version: z.literal(1),
  title: z.string(),
  startedAt: z.string(),
  rows: z.array(z.looseObject({ kind: z.enum(['frame', 'socket', 'gap']) })),
  frameCount: z.number(),
  omitted: z.number(),
  notes: z.array(z.unknown()),
});
const FramesSchema = z.object({
  startedAt: z.string(),
  sockets: z.array(
    z.object({
      index: z.number(),
      url: z.string(),
      openedAt: z.number(),
      closedAt: z.number().optional(),
      closeCode: z.number().optional(),
      error: z.string().optional(),
    }),
  ),
  frames: z.array(
    z.object({
      seq: z.number(),
      socket: z.number(),
      direction: z.enum(['sent', 'received']),
      at: z.number(),
      text: z.string(),
      bytes: z.number(),
    }),
  ),
});

/** The decoded JSON of an inline attachment (merged reports keep bodies inline, base64). */
export function inlineJson(attachments: readonly ReportAttachment[], name: string): unknown {
  const body = attachments.find((a) => a.name === name)?.body;
  if (body === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A failed test's frame timeline from the report: its `frame-timeline.json`, or, for a report written before
 * that attachment existed, one rebuilt from `websocket-frames.json` and `protocol-drift.json` (already redacted).
 */
export function timelineOf(test: ReportTest, headline?: string): FrameTimeline | undefined {
  const stored = TimelineSchema.safeParse(inlineJson(test.attachments, TIMELINE_JSON));
  if (stored.success) return stored.data as unknown as FrameTimeline;
  const frames = FramesSchema.safeParse(inlineJson(test.attachments, FRAMES_JSON));
  if (!frames.success) return undefined;
  const drift = inlineJson(test.attachments, DRIFT_JSON) as DriftReport | undefined;
  return buildTimeline({
    title: test.id,
    ...(headline ? { headline } : {}),
    startedAt: Date.parse(frames.data.startedAt),
    frames: frames.data.frames,
    sockets: frames.data.sockets,
    drift: Array.isArray(drift?.mismatches) ? drift.mismatches : [],
    redact: (text) => text,
  });
}
