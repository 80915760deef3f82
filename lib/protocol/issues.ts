import { z } from 'zod';
import type { InvariantName } from './invariants';

/** One mismatch between a frame and its schema: where, what was expected, what arrived. */
export interface SchemaIssue {
  path: string;
  expected: string;
  received: unknown;
  message: string;
  /** The promise the mismatch breaks, when a check of one found it (lib/protocol/invariants.ts). */
  invariant?: InvariantName;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(frame)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? (issue.options as unknown[]).map((v) => JSON.stringify(v)).join(' | ')
        : issue.message;
    case 'too_small':
      return `>= ${String(issue.minimum)}`;
    case 'too_big':
      return `<= ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format;
    default:
      return issue.message;
  }
}

export function toSchemaIssues(
  error: z.ZodError,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): SchemaIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    expected: expectedOf(issue),
    received: valueAt(input, issue.path),
    message: issue.message,
  }));
}

const PREVIEW_LIMIT = 200;

/** A bounded, never-throwing rendering of any received value (huge strings, deep nesting, cycles). */
export function previewValue(value: unknown, limit = PREVIEW_LIMIT): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text =
      typeof value === 'string' && value.length > limit
        ? JSON.stringify(value.slice(0, limit))
        : JSON.stringify(value);
  } catch {
    text = Array.isArray(value) ? '[array too deep to print]' : `[${typeof value} too deep to print]`;
  }
  return text.length > limit
    ? `${text.slice(0, limit)}… (${typeof value === 'string' ? `${value.length} chars` : 'truncated'})`
    : text;
}

export function describeIssue(issue: SchemaIssue): string {
  return `${issue.path}: expected ${issue.expected}, received ${previewValue(issue.received)}`;
}
