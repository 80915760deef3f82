import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { StandInContext } from './context';
import { FAULT_CLAIM, isFaultMode, type FaultMode } from './faults';
import { bearerToken, sendJson } from './http-io';

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

/** The fault a verified token's claims name (`standin_fault`), if any. */
export function faultOf(claims: Record<string, unknown> | undefined): FaultMode | undefined {
  const fault = claims?.[FAULT_CLAIM];
  return isFaultMode(fault) ? fault : undefined;
}

/** The fault named by the caller's Bearer token, for REST faults on endpoints that need no sign-in. */
export async function callerFault(ctx: StandInContext, req: IncomingMessage): Promise<FaultMode | undefined> {
  return faultOf(await ctx.authenticate(bearerToken(req)));
}
