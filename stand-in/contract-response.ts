import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { sendJson } from './http-io';

/**
 * Answers with a body built from the protocol module's REST schema: typed by it at compile time and parsed
 * by it at run time, so the stand-in cannot drift from the contract the suite checks (a fault sends its
 * drifted body with `sendJson` on purpose instead).
 */
export function sendContract<S extends z.ZodType>(
  res: ServerResponse,
  schema: S,
  body: z.input<S>,
  status = 200,
): void {
  sendJson(res, status, schema.parse(body));
}
