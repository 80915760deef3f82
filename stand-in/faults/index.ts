import { createHmac } from 'node:crypto';
import { DRIFT_FAULTS } from './drift';
import type { FaultEntry, FaultHooks } from './hooks';
import { PAGE_FAULTS } from './page';
import { REST_FAULTS } from './rest';
import { RUN_FAULTS } from './run';
import { SOCKET_FAULTS } from './socket';

export { DRIFTED_AUTH_CONFIG } from './rest';
export type { FaultHooks, ReplaceableRoute, ServerView, SocketView, TokenCarrier } from './hooks';

/**
 * Every fault mode, each a way staging could break that the suite must report fast and precisely, declared
 * once: its description and the hooks by which the stand-in acts it out (or where it acts instead). A test
 * picks one by minting its token with the claim `standin_fault`, so parallel workers never interfere and the
 * page's own socket (seen by `page.on('websocket')`) is the one that misbehaves.
 */
const FAULTS = { ...SOCKET_FAULTS, ...RUN_FAULTS, ...REST_FAULTS, ...PAGE_FAULTS, ...DRIFT_FAULTS };
type Faults = typeof FAULTS;

export type FaultMode = keyof Faults;

/** Each fault's description, by name. */
export const FAULT_MODES = Object.fromEntries(
  Object.entries(FAULTS).map(([name, entry]) => [name, entry.description]),
) as { readonly [F in FaultMode]: Faults[F]['description'] };

/** Faults of the page, injected by the suite's fixture into whichever frontend a test drives. */
export type PageFault = { [F in FaultMode]: Faults[F] extends { actsIn: 'page' } ? F : never }[FaultMode];

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && Object.hasOwn(FAULTS, value);
}

export const isPageFault = (fault: FaultMode | undefined): fault is PageFault =>
  fault !== undefined && entryOf(fault).actsIn === 'page';

const entryOf = (fault: FaultMode): FaultEntry => FAULTS[fault];

export const FAULT_CLAIM = 'standin_fault';

/** The fault a token's claims name (`standin_fault`), if any. */
export function faultOf(claims: Readonly<Record<string, unknown>> | undefined): FaultMode | undefined {
  const fault = claims?.[FAULT_CLAIM];
  return isFaultMode(fault) ? fault : undefined;
}

const NO_HOOKS: FaultHooks = {};

/** The hooks of each fault for one stand-in (its context): a fault with state gets its own per stand-in. */
export interface FaultHookSet {
  /** The hooks of the fault (none without a fault, or for a fault the stand-in does not act out). */
  of(fault: FaultMode | undefined): FaultHooks;
  /** The hooks of the fault a verified token's claims name (none without claims or a fault). */
  forClaims(claims: Readonly<Record<string, unknown>> | undefined): FaultHooks;
}

export function createFaultHooks(): FaultHookSet {
  const made = new Map<FaultMode, FaultHooks>();
  const of = (fault: FaultMode | undefined): FaultHooks => {
    if (fault === undefined) return NO_HOOKS;
    let hooks = made.get(fault);
    if (!hooks) {
      const entry = entryOf(fault);
      hooks = entry.perStandIn?.() ?? entry.hooks ?? NO_HOOKS;
      made.set(fault, hooks);
    }
    return hooks;
  };
  return { of, forClaims: (claims) => of(faultOf(claims)) };
}

/**
 * A forged token (bad signature) cannot be trusted to select a fault: its claims are the forger's. The fault
 * `accept-forged-token` is therefore honoured only for a forged token that also carries this grant, an HMAC
 * of the fault and the user made with the stand-in's signing secret: whoever selects it holds the secret.
 */
export const FAULT_GRANT_CLAIM = 'standin_fault_grant';

export function faultGrant(secret: string, userId: string, fault: FaultMode): string {
  return createHmac('sha256', secret).update(`${fault}:${userId}`).digest('base64url');
}

/**
 * The claims with which a test's tokens select its fault: `standin_fault`, plus the grant when the signing
 * secret is known (so that forged tokens minted for `accept-forged-token` are believed).
 */
export function faultClaims(
  fault: FaultMode | undefined,
  grant?: { secret: string; userId: string },
): Record<string, string> {
  if (!fault) return {};
  return {
    [FAULT_CLAIM]: fault,
    ...(grant ? { [FAULT_GRANT_CLAIM]: faultGrant(grant.secret, grant.userId, fault) } : {}),
  };
}
