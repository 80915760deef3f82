import { describeIssue, type SchemaIssue } from '../protocol';
import type { DriftVerdict } from '../recorder/drift-record';
import type { FrameLog, RecordedFrame } from '../recorder/frame-log';

/**
 * What kind of failure this is, first word of every error so a 7 am reader knows who to call:
 * staging down, credentials refused, the protocol drifted, the agent was slow, the socket dropped, or the UI.
 * A frame that failed its schema where a page could show what the user got is judged further: staging broke
 * what the user needed, staging broke a promise the app happened to tolerate, or only our schema is stale.
 */
export type Verdict =
  | 'staging-unreachable'
  | 'auth-rejected'
  | 'protocol-drift'
  | DriftVerdict
  | 'agent-timeout'
  | 'connection-lost'
  | 'agent-error'
  | 'ui-broken';

export interface FailureDetail {
  verdict: Verdict;
  phase: string;
  summary: string;
  issues?: SchemaIssue[];
  frame?: RecordedFrame;
  /** Lines after the issues: what the user saw, the promise that broke, the patch. */
  notes?: string[];
  /** When the drift of `frame` was recorded (epoch ms), if the verdict came later than that. */
  driftSeenAt?: number;
}

export class E2EFailure extends Error {
  override name = 'E2EFailure';
  readonly verdict: Verdict;
  readonly phase: string;
  readonly issues: SchemaIssue[];

  constructor(detail: FailureDetail, log?: FrameLog) {
    super(formatFailure(detail, log));
    this.verdict = detail.verdict;
    this.phase = detail.phase;
    this.issues = detail.issues ?? [];
  }
}

/** The schema paths a failure is about, for its first line: `[data.user_id, data.connection_ready]`. */
function namedFields(detail: FailureDetail): string {
  const fields = [...new Set((detail.issues ?? []).map((issue) => issue.path))];
  return fields.length ? ` [${fields.join(', ')}]` : '';
}

function formatFailure(detail: FailureDetail, log?: FrameLog): string {
  const lines = [`[${detail.verdict}] phase "${detail.phase}": ${detail.summary}${namedFields(detail)}`];
  for (const issue of detail.issues ?? []) lines.push(`  ${describeIssue(issue)}`);
  lines.push(...(detail.notes ?? []));
  if (detail.frame && log) lines.push(`frame: ${log.describe(detail.frame, 600)}`);
  if (log) {
    const now = Date.now();
    const { frame, driftSeenAt } = detail;
    const after = frame ? `, ${now - frame.at} ms after the frame above arrived` : '';
    lines.push(
      frame && driftSeenAt !== undefined
        ? `timing: drift recorded ${log.relative(driftSeenAt)}, ${driftSeenAt - frame.at} ms after the frame above arrived; verdict ${log.relative(now)}, ${now - frame.at} ms after it`
        : `timing: reported ${log.relative(now)}${after}`,
    );
    lines.push(`last frames seen:\n${log.lastLines()}`);
  }
  return lines.join('\n');
}
