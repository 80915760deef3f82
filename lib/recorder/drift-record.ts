import type { SchemaIssue } from '../protocol';

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
}
