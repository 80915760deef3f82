import type { ExpectMatcherState, MatcherReturnType, Response } from '@playwright/test';
import type { z } from 'zod';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import { toSchemaIssues } from '../../protocol';
import { judgeAsync } from './judge';

export interface AppAnswerOptions {
  phase: string;
  log: FrameLog;
}

/**
 * The body of a response the app received (`appCall`): the response must be 2xx and its body match `schema`;
 * fails naming the endpoint and each field. The one way to read what the app was answered.
 */
export async function appAnswer<S extends z.ZodType>(
  response: Response,
  schema: S,
  options: AppAnswerOptions,
): Promise<z.infer<S>> {
  const endpoint = `${response.request().method()} ${new URL(response.url()).pathname}`;
  if (!response.ok())
    throw new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase: options.phase,
        summary: `${endpoint} answered ${response.status()} to the app`,
        issues: [{ path: '(status)', expected: '2xx', received: response.status(), message: 'status' }],
      },
      options.log,
    );
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase: options.phase,
        summary: `${endpoint} does not match its schema`,
        issues: toSchemaIssues(parsed.error, body),
      },
      options.log,
    );
  return parsed.data;
}

/**
 * `await expect(response).toAnswerTheApp(schema, { phase, log })`: a response the app received (`appCall`) was
 * 2xx with a body matching `schema`. To read the body too, call `appAnswer` instead.
 */
export function toAnswerTheApp(
  this: ExpectMatcherState,
  response: Response,
  schema: z.ZodType,
  options: AppAnswerOptions,
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toAnswerTheApp', () => appAnswer(response, schema, options));
}
