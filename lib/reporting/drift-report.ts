import { describeIssue, previewValue, type SchemaIssue } from '../protocol';
import type { FailureDetail } from '../checks/failure';
import type { FrameLog, RecordedFrame } from '../recorder/frame-log';
import type { Redactor } from '../secrets/redact';
import type { DriftRecord } from '../recorder/drift-record';

/** Longest frame text kept in a drift record; the full frame is in websocket-frames.json. */
const FRAME_CHARS = 4_000;

/** The `protocol-drift.json` attachment: every mismatch of a test plus fields the schemas don't know yet. */
export interface DriftReport {
  mismatches: DriftRecord[];
  /** Additive drift (unknown fields or frame types): breaks nothing today, tells the schema what to learn. */
  unknownFields: string[];
}

export const DRIFT_ATTACHMENT = 'protocol-drift.json';

function redactValue(value: unknown, redactor: Redactor): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return redactor.text(value);
  try {
    return JSON.parse(redactor.text(JSON.stringify(value))) as unknown;
  } catch {
    return redactor.text(previewValue(value, 2_000));
  }
}

function frameText(frame: RecordedFrame, redactor: Redactor): string {
  const text = redactor.text(frame.text);
  return text.length > FRAME_CHARS ? `${text.slice(0, FRAME_CHARS)}… (${frame.bytes} bytes)` : text;
}

/** A drift record for one frame, with its issues' received values and the frame text redacted. */
export function driftRecord(
  log: FrameLog,
  source: DriftRecord['source'],
  detail: Pick<FailureDetail, 'phase' | 'summary' | 'issues' | 'frame'>,
): DriftRecord {
  const { frame } = detail;
  return {
    source,
    phase: detail.phase,
    summary: detail.summary,
    issues: (detail.issues ?? []).map((issue) => ({
      ...issue,
      received: redactValue(issue.received, log.redactor),
    })),
    ...(frame
      ? {
          socket: frame.socket,
          seq: frame.seq,
          at: log.relative(frame.at),
          frame: frameText(frame, log.redactor),
        }
      : {}),
  };
}

const issueKey = (record: DriftRecord, issue?: SchemaIssue) =>
  `${record.seq ?? '-'}|${issue?.path ?? record.summary}`;

/**
 * Every mismatch of a test, once: what the waiters failed on first, then what only the teardown audit saw
 * (frames no waiter looked at). Records the audit repeats for the same frame and path are dropped.
 */
export function mergeDrift(fromWaiters: DriftRecord[], fromAudit: DriftRecord[]): DriftRecord[] {
  const seen = new Set<string>();
  const merged: DriftRecord[] = [];
  for (const record of [...fromWaiters, ...fromAudit]) {
    const keys = record.issues.length ? record.issues.map((i) => issueKey(record, i)) : [issueKey(record)];
    if (record.source === 'audit' && keys.every((k) => seen.has(k))) continue;
    keys.forEach((k) => seen.add(k));
    merged.push(record);
  }
  return merged;
}

/** The readable form used in error messages: phase, each path with expected vs received, the frame. */
export function describeDrift(record: DriftRecord): string {
  const where =
    record.seq === undefined ? '' : ` ${record.at ?? ''} socket #${record.socket ?? '?'} frame ${record.seq}`;
  const lines = [`phase "${record.phase}"${where}: ${record.summary}`];
  for (const issue of record.issues) lines.push(`  ${describeIssue(issue)}`);
  if (record.frame !== undefined) lines.push(`  frame: ${record.frame.slice(0, 600)}`);
  return lines.join('\n');
}
