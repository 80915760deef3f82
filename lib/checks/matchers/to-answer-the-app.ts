import type { ExpectMatcherState, MatcherReturnType, Response } from '@playwright/test';
import type { z } from 'zod';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import { toSchemaIssues } from '../../protocol';
import { judgeAsync } from './judge';

/** The response the app got must be 2xx and match its schema; fails naming the endpoint and each field. */
async function checkAppResponse(
  response: Response,
  schema: z.ZodType,
  options: { phase: string; log: FrameLog },
): Promise<void> {
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
}

/**
 * `await expect(response).toAnswerTheApp(schema, { phase, log })`: a response the app received (`appCall`) was
 * 2xx with a body matching `schema`. Read the body afterwards with `bodyOf`.
 */
export function toAnswerTheApp(
  this: ExpectMatcherState,
  response: Response,
  schema: z.ZodType,
  options: { phase: string; log: FrameLog },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toAnswerTheApp', () => checkAppResponse(response, schema, options));
}
