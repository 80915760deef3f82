import { parseJsonFrame, parseServerFrame, parseWelcome, describeIssue } from '../protocol';
import type { DriftRecord } from './drift-record';
import { driftRecord } from '../reporting/drift-report';
import type { FrameLog } from './frame-log';

export interface FrameAudit {
  /** Server frames that failed their schema, one line each with the frame's time and socket. */
  drift: string[];
  /** The same mismatches as structured records (paths, expected, received, the frame) for the drift report. */
  records: DriftRecord[];
  /** Fields or types the schemas do not know yet: additive drift that breaks nothing today. */
  notes: string[];
}

/**
 * Validates every server frame the test saw, not only those a waiter looked at: each socket's first frame
 * must be the welcome and every later frame must match its type's schema.
 */
export function auditFrames(log: FrameLog): FrameAudit {
  const drift: string[] = [];
  const records: DriftRecord[] = [];
  const notes = new Set<string>();
  const welcomed = new Set<number>();
  for (const frame of log.received()) {
    const where = `${log.relative(frame.at)} socket #${frame.socket} frame ${frame.seq}`;
    if (!welcomed.has(frame.socket)) {
      welcomed.add(frame.socket);
      const json = parseJsonFrame(frame.text);
      const welcome = json.ok ? parseWelcome(json.value) : undefined;
      if (!json.ok || !welcome?.ok) {
        const issues = json.ok ? (welcome && !welcome.ok ? welcome.issues : []) : [json.issue];
        drift.push(`${where} (welcome): ${issues.map(describeIssue).join('; ')}`);
        records.push(
          driftRecord(log, 'audit', {
            phase: 'frame audit',
            summary: "a socket's first server frame does not match the welcome schema",
            issues,
            frame,
          }),
        );
      } else {
        welcome.unknownFields.forEach((f) => notes.add(`welcome: unknown field ${f}`));
        welcome.variants.forEach((v) => notes.add(`welcome: ${v}`));
      }
      continue;
    }
    const parsed = parseServerFrame(frame.text);
    if (!parsed.ok) {
      drift.push(`${where} (${parsed.kind}): ${parsed.issues.map(describeIssue).join('; ')}`);
      records.push(
        driftRecord(log, 'audit', {
          phase: 'frame audit',
          summary: `a ${parsed.kind} frame failed its schema`,
          issues: parsed.issues,
          frame,
        }),
      );
    } else {
      const name = parsed.kind === 'agent_event' ? parsed.frame.type : parsed.kind;
      parsed.unknownFields.forEach((f) => notes.add(`${name}: unknown field ${f}`));
      parsed.variants.forEach((v) => notes.add(`${name}: ${v}`));
    }
  }
  return { drift, records, notes: [...notes] };
}
