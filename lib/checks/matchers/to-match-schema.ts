import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { z } from 'zod';
import { describeIssue, toSchemaIssues } from '../../protocol';

/** `expect(frame).toMatchSchema(schema)`: on failure, prints each zod issue as path, expected and received. */
export function toMatchSchema(
  this: ExpectMatcherState,
  received: unknown,
  schema: z.ZodType,
): MatcherReturnType {
  const result = schema.safeParse(received);
  const pass = result.success;
  const message = () =>
    pass
      ? `expected value not to match the schema`
      : `expected value to match the schema:\n  ${toSchemaIssues(result.error, received).map(describeIssue).join('\n  ')}`;
  return { pass, message, name: 'toMatchSchema', expected: 'schema', actual: received };
}
