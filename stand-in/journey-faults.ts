import type { FaultMode } from './faults';

/** REST faults of the priority-1 journeys (e2e/p1); each only touches the caller whose token names it. */

/** GET /api/mcp/tools under `mcp-drift`: the list wrapped in an object, as a renamed API would answer. */
export function driftedMcpTools(): unknown {
  return { tools: [] };
}

/** A thread's history as stored, or bent by `forget-history` (empty) or `history-reversed` (newest first). */
export function historyFor<T>(fault: FaultMode | undefined, messages: readonly T[]): T[] {
  if (fault === 'forget-history') return [];
  if (fault === 'history-reversed') return [...messages].reverse();
  return [...messages];
}

const validatedTokens = new Set<string>();

/** `session-lost-on-reload`: the first validation of a token succeeds, any later one (a reload) is refused. */
export function refusesRevalidation(fault: FaultMode | undefined, tokenId: string | undefined): boolean {
  if (fault !== 'session-lost-on-reload' || tokenId === undefined) return false;
  if (validatedTokens.has(tokenId)) return true;
  validatedTokens.add(tokenId);
  return false;
}
