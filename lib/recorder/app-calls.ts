import type { Page, Response } from '@playwright/test';
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
