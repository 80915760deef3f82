import type { DriftRecord } from '../../recorder/drift-record';
import type { NamedDeadline } from '../../setup/deadlines';
import {
  describeClose,
  type Direction,
  type PendingWait,
  type RecordedFrame,
  type SocketRecord,
} from '../../recorder/frame-log';
import { frameLabel } from '../../protocol/frame-label';
import { previewValue } from '../../protocol/issues';

/**
 * A failed test's conversation on the socket, ready to draw: the last frames (type, offset, shortened run and
 * thread ids), the frame that broke a check with its schema paths, and the deadline a timed-out test was
 * waiting on. Plain JSON (the `frame-timeline.json` attachment): the PNG and the job summary's Mermaid
 * diagram are both drawn from it. Every text in it is redacted before it gets here.
 */
export interface FrameTimeline {
  version: 1;
  /** The test's title path, e.g. `welcome.spec.ts › WebSocket welcome › the chat page connects…`. */
  title: string;
  /** `<verdict>: <first line>` of the failure, as in the `verdict` annotation. */
  headline?: string;
  /** The left lifeline: `page` (a browser page's socket) or `client` (a Node WebSocket client). */
  client?: string;
  /** ISO time the frame log started; row offsets are relative to it. */
  startedAt: string;
  rows: TimelineRow[];
  /** Frames recorded in all, and how many the rows leave out (older frames, between gap rows). */
  frameCount: number;
  omitted: number;
  /** Mismatches that belong to no frame (e.g. a closing or a missing frame). */
  notes: TimelineIssue[];
  /** The wait a timed-out test was blocked on. */
  pending?: TimelinePending;
}

export interface TimelineIssue {
  phase: string;
  summary: string;
  /** `path: expected X, received Y`, one per schema path. */
  paths: { path: string; expected: string; received: string }[];
}

export interface TimelinePending {
  phase: string;
  waitingFor: string;
  deadline: NamedDeadline;
  /** Offset of the wait's start, and how long it had waited when the test ended. */
  sinceMs: number;
  waitedMs: number;
}

export type TimelineRow =
  | {
      kind: 'frame';
      seq: number;
      socket: number;
      direction: Direction;
      offsetMs: number;
      type: string;
      /** Shortened ids, e.g. `run run_be45…f3f4 · thread thre…6633`; empty when the frame names none. */
      ids: string;
      bytes: number;
      /** Set on the frame that broke a check. */
      broke?: TimelineIssue;
    }
  | {
      kind: 'socket';
      socket: number;
      offsetMs: number;
      event: 'opened' | 'closed';
      detail: string;
      /** True for the closing the failure is about (`socket #N closed …` in the headline). */
      broke?: boolean;
    }
  | { kind: 'gap'; frames: number };

/** The recorder's data a timeline is drawn from: a live FrameLog or a report's `websocket-frames.json`. */
export interface TimelineSource {
  title: string;
  headline?: string;
  client?: string;
  startedAt: number;
  frames: readonly Pick<RecordedFrame, 'seq' | 'socket' | 'direction' | 'at' | 'text' | 'bytes'>[];
  sockets: readonly SocketRecord[];
  drift: readonly DriftRecord[];
  pending?: PendingWait;
  /** When the test ended (epoch ms): how long the pending wait had waited. */
  endedAt?: number;
  /** Applied to every text taken from a frame or an error. */
  redact: (text: string) => string;
}

/** Frames a picture shows at most: the last ones, plus every frame that broke a check. */
const TIMELINE_FRAMES = 24;
const ID_KEEP = 14;
const RECEIVED_CHARS = 80;

/** `thread_495acedd-f0a4-42a6-97c3-175b51cc6633` → `thread_4…6633`: enough to tell ids apart, short to read. */
export function shortId(id: string): string {
  return id.length <= ID_KEEP ? id : `${id.slice(0, 8)}…${id.slice(-4)}`;
}

function idsOf(text: string): { type: string; ids: string } {
  const label = frameLabel(text);
  const ids = [
    label.runId ? `run ${shortId(label.runId)}` : '',
    label.threadId ? `thread ${shortId(label.threadId)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return { type: label.type, ids };
}

function issueOf(record: DriftRecord, redact: (text: string) => string): TimelineIssue {
  return {
    phase: record.phase,
    summary: redact(record.summary),
    paths: record.issues.map((issue) => ({
      path: issue.path,
      expected: redact(issue.expected),
      received: redact(previewValue(issue.received, RECEIVED_CHARS)),
    })),
  };
}

/** Which frames to draw: the last `limit`, plus each frame that broke a check, in order. */
function keptSeqs(seqs: readonly number[], broken: ReadonlySet<number>, limit: number): Set<number> {
  return new Set(seqs.filter((seq, i) => i >= seqs.length - limit || broken.has(seq)));
}

/** Builds the timeline of a failed test; frames, errors and received values pass through `redact`. */
export function buildTimeline(source: TimelineSource, limit = TIMELINE_FRAMES): FrameTimeline {
  const { redact } = source;
  const offset = (at: number) => at - source.startedAt;
  const bySeq = new Map<number, TimelineIssue>();
  const notes: TimelineIssue[] = [];
  for (const record of source.drift) {
    const issue = issueOf(record, redact);
    if (record.seq !== undefined && !bySeq.has(record.seq)) bySeq.set(record.seq, issue);
    else if (record.seq === undefined) notes.push(issue);
  }
  const kept = keptSeqs(
    source.frames.map((f) => f.seq),
    new Set(bySeq.keys()),
    limit,
  );
  const firstKeptAt = Math.min(...source.frames.filter((f) => kept.has(f.seq)).map((f) => f.at));

  type Timed = { at: number; order: number; row: TimelineRow };
  const timed: Timed[] = [];
  let skipped = 0;
  for (const frame of source.frames) {
    if (!kept.has(frame.seq)) {
      skipped += 1;
      continue;
    }
    if (skipped) timed.push({ at: frame.at, order: 0, row: { kind: 'gap', frames: skipped } });
    skipped = 0;
    const broke = bySeq.get(frame.seq);
    timed.push({
      at: frame.at,
      order: 1,
      row: {
        kind: 'frame',
        seq: frame.seq,
        socket: frame.socket,
        direction: frame.direction,
        offsetMs: offset(frame.at),
        ...idsOf(redact(frame.text)),
        bytes: frame.bytes,
        ...(broke ? { broke } : {}),
      },
    });
  }
  for (const socket of source.sockets) {
    // A socket opened before the first frame drawn is shown only when no frame was left out before it.
    if (socket.openedAt >= firstKeptAt || source.frames.length === kept.size || !Number.isFinite(firstKeptAt))
      timed.push({
        at: socket.openedAt,
        order: 0,
        row: {
          kind: 'socket',
          socket: socket.index,
          offsetMs: offset(socket.openedAt),
          event: 'opened',
          detail: redact(socket.url),
        },
      });
    if (socket.closedAt !== undefined) {
      timed.push({
        at: socket.closedAt,
        order: 2,
        row: {
          kind: 'socket',
          socket: socket.index,
          offsetMs: offset(socket.closedAt),
          event: 'closed',
          detail: redact(describeClose(socket)),
        },
      });
    }
  }
  const closedInHeadline = /socket #(\d+) closed/.exec(source.headline ?? '')?.[1];
  for (const { row } of timed)
    if (row.kind === 'socket' && row.event === 'closed' && String(row.socket) === closedInHeadline)
      row.broke = true;
  const rows = timed.sort((a, b) => a.at - b.at || a.order - b.order).map((t) => t.row);
  const pending = source.pending;
  return {
    version: 1,
    title: redact(source.title),
    ...(source.headline ? { headline: redact(source.headline) } : {}),
    ...(source.client ? { client: source.client } : {}),
    startedAt: new Date(source.startedAt).toISOString(),
    rows,
    frameCount: source.frames.length,
    omitted: source.frames.length - kept.size,
    notes,
    ...(pending
      ? {
          pending: {
            phase: pending.phase,
            waitingFor: redact(pending.waitingFor),
            deadline: pending.deadline,
            sinceMs: offset(pending.since),
            waitedMs: Math.max(0, (source.endedAt ?? Date.now()) - pending.since),
          },
        }
      : {}),
  };
}

/** `+1.824s`, as in the frame log's timeline. */
export const formatOffset = (ms: number): string => `+${(ms / 1000).toFixed(3)}s`;
