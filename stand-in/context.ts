import { timingSafeEqual } from 'node:crypto';
import { decodeJwt } from 'jose';
import { AccessClaimsSchema, type AccessClaims } from '../lib/protocol';
import { verifyAccessToken } from '../lib/secrets/tokens';
import type { StandInTiming } from './clock';
import { FAULT_GRANT_CLAIM, createFaultHooks, faultGrant, faultOf, type FaultHookSet } from './faults';
import { ThreadStore, TicketStore } from './store';

export interface FrontendEnv {
  NEXT_PUBLIC_API_URL: string;
  NEXT_PUBLIC_AUTH_URL: string;
  NEXT_PUBLIC_WS_URL: string;
  NEXT_PUBLIC_ENVIRONMENT: string;
  NEXT_PUBLIC_ENABLE_WEBSOCKET_TICKETS: boolean;
  socketCheckMs: number;
  remountMs: number;
}

/** Everything the stand-in's handlers share. */
export interface StandInContext {
  secret: string;
  environment: string;
  timing: StandInTiming;
  frontendEnv: FrontendEnv;
  threads: ThreadStore;
  tickets: TicketStore;
  /** The hooks of each fault, as this stand-in acts them out (stand-in/faults/). */
  faults: FaultHookSet;
  /** The claims of a valid access token; a refresh token, an expired or forged one gets undefined. */
  authenticate(token: string | undefined): Promise<Claims | undefined>;
  /** The claims of a valid refresh token (`type: "refresh"`), for `/auth/refresh` only. */
  authenticateRefresh(token: string | undefined): Promise<Claims | undefined>;
}

type Claims = AccessClaims & Record<string, unknown>;

/** HS256 needs a key at least as long as its hash: 32 bytes. */
const MIN_SECRET_BYTES = 32;

export function secretProblem(secret: string): string | undefined {
  const bytes = Buffer.byteLength(secret, 'utf8');
  return bytes >= MIN_SECRET_BYTES
    ? undefined
    : `the signing secret must be at least ${MIN_SECRET_BYTES} bytes (HS256), it has ${bytes}`;
}

export function createContext(options: {
  secret: string;
  environment: string;
  timing: StandInTiming;
  frontendEnv: FrontendEnv;
}): StandInContext {
  const problem = secretProblem(options.secret);
  if (problem) throw new Error(`stand-in: ${problem}`);
  const faults = createFaultHooks();
  const verify = async (token: string | undefined) => {
    if (!token) return undefined;
    const result = await verifyAccessToken(token, options.secret);
    if (result.ok) return result.claims;
    return result.reason === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
      ? forgedButGranted(token, options.secret, faults)
      : undefined;
  };
  return {
    ...options,
    threads: new ThreadStore(),
    tickets: new TicketStore(),
    faults,
    async authenticate(token) {
      const claims = await verify(token);
      return claims?.type === 'refresh' ? undefined : claims;
    },
    async authenticateRefresh(token) {
      const claims = await verify(token);
      return claims?.type === 'refresh' ? claims : undefined;
    },
  };
}

/**
 * A token with a bad signature is believed only when the fault it names accepts forgeries
 * (`accept-forged-token`) AND it carries the grant for that fault, an HMAC made with the signing secret
 * (`faultGrant`). A forged token naming the fault without the grant is refused like any other: nobody without
 * the secret can switch the fault on.
 */
function forgedButGranted(token: string, secret: string, faults: FaultHookSet): Claims | undefined {
  try {
    const payload = decodeJwt(token);
    const claims = AccessClaimsSchema.safeParse(payload);
    const fault = faultOf(payload);
    const grant = payload[FAULT_GRANT_CLAIM];
    if (
      !claims.success ||
      fault === undefined ||
      faults.of(fault).acceptsGrantedForgery !== true ||
      typeof grant !== 'string'
    )
      return undefined;
    const expected = Buffer.from(faultGrant(secret, claims.data.sub, fault));
    const presented = Buffer.from(grant);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
    return { ...payload, ...claims.data };
  } catch {
    return undefined;
  }
}
