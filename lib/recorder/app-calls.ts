import type { Page, Response } from '@playwright/test';
import type { z } from 'zod';
import type { NamedDeadline } from '../setup/deadlines';

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

/** The body the app received, once `toAnswerTheApp(schema)` has held it to that schema. */
export async function bodyOf<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
  return schema.parse(await response.json());
}
