import type { InvariantName, SchemaIssue } from '../protocol';
import type { SchemaEdit } from '../protocol/schema-edits';

/** The verdicts of a drifted frame, judged by what the user saw after it (lib/checks/drift-verdict.ts). */
export const DRIFT_VERDICTS = ['staging-broke-contract', 'staging-broke-invariant', 'test-is-stale'] as const;
export type DriftVerdict = (typeof DRIFT_VERDICTS)[number];

/** A change to `lib/protocol/` that accepts the drifted frame: the schema edits and their unified diff. */
export interface DriftPatch {
  edits: SchemaEdit[];
  /** `git apply`-able from the repository root; empty when the edits could not be written as source. */
  diff: string;
  files: string[];
}

/** One frame that did not match the protocol: where in the story, which field, expected vs received. */
export interface DriftRecord {
  /** Who saw it: a frame waiter during the test, or the teardown audit of every server frame. */
  source: 'waiter' | 'audit';
  phase: string;
  summary: string;
  /** Schema paths with expected and received values (received values redacted). */
  issues: SchemaIssue[];
  socket?: number;
  seq?: number;
  /** Time since the frame log started, e.g. `+0.412s`. */
  at?: string;
  /** The frame itself, redacted and bounded. */
  frame?: string;
  /** How long after the frame arrived the drift was recorded (and printed). */
  recordedAfterMs?: number;
  /** Who is at fault, once the page showed what the user got (browser journeys; absent without a page). */
  verdict?: DriftVerdict;
  /** The verdict's first line, as the test's error starts. */
  verdictLine?: string;
  /** How long after the frame arrived the verdict was reached. */
  verdictAfterMs?: number;
  /** What the user needed after the frame, and whether the page showed it. */
  userView?: { need: string; met: boolean; detail: string };
  /** The promises the drift broke (staging-broke-invariant). */
  invariants?: { invariant: InvariantName; path: string; how: string }[];
  /** For test-is-stale only: the smallest change to lib/protocol/ that accepts the frame. */
  patch?: DriftPatch;
  /** For test-is-stale without a patch: why none could be written. */
  noPatch?: string;
}
