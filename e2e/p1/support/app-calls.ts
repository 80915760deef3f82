import type { Page, Response } from '@playwright/test';
import type { z } from 'zod';
import { E2EFailure } from '../../../helpers/failure';
import type { FrameLog } from '../../../helpers/frame-log';
import type { NamedDeadline } from '../../../helpers/deadlines';
import { toSchemaIssues } from '../../../helpers/protocol';

/**
 * A call the app itself makes (start-up discovery, thread creation): set up before the user action that
 * triggers it, so the spec checks what the frontend really received rather than calling the API itself.
 */
export function appCall(
  page: Page,
  method: string,
  path: string,
  deadline: NamedDeadline,
): Promise<Response> {
  return page.waitForResponse(
    (response) => response.request().method() === method && new URL(response.url()).pathname === path,
    { timeout: deadline.ms },
  );
}

/** The response the app got must be 2xx and match its schema; fails naming the endpoint and each field. */
export async function expectAppResponse<S extends z.ZodType>(
  response: Response,
  schema: S,
  options: { phase: string; log: FrameLog },
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
