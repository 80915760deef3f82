import { decodeJwt } from 'jose';
import { AccessClaimsSchema, type AccessClaims } from '../helpers/protocol';
import { verifyAccessToken } from '../helpers/tokens';
import type { StandInTiming } from './clock';
import { ConnectionRegistry } from './connections';
import { FAULT_CLAIM } from './faults';
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
  /** Open sockets by connection_id, for the drop control (`control-routes.ts`). */
  connections: ConnectionRegistry;
  /** The claims of a valid access token; a refresh token, an expired or forged one gets undefined. */
  authenticate(token: string | undefined): Promise<Claims | undefined>;
  /** The claims of a valid refresh token (`type: "refresh"`), for `/auth/refresh` only. */
  authenticateRefresh(token: string | undefined): Promise<Claims | undefined>;
}

type Claims = AccessClaims & Record<string, unknown>;

/** HS256 needs a key at least as long as its hash: 32 bytes. */
export const MIN_SECRET_BYTES = 32;

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
  const forgery = new ForgeryFault();
  const verify = async (token: string | undefined) => {
    if (!token) return undefined;
    const result = await verifyAccessToken(token, options.secret);
    if (result.ok) forgery.armIfSelected(result.claims);
    else if (result.reason === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return forgery.believe(token);
    return result.ok ? result.claims : undefined;
  };
  return {
    ...options,
    threads: new ThreadStore(),
    tickets: new TicketStore(),
    connections: new ConnectionRegistry(),
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
 * Fault `accept-forged-token`: a token with a bad signature is believed when it carries that fault claim AND a
 * validly signed token of the same user selected the fault first (until that token expires). A forged token
 * can therefore never select the fault itself: without the secret, nobody can switch it on.
 */
class ForgeryFault {
  /** sub → when the signed token that selected the fault expires (ms). */
  private readonly armed = new Map<string, number>();

  armIfSelected(claims: Claims): void {
    if (claims[FAULT_CLAIM] === 'accept-forged-token') this.armed.set(claims.sub, claims.exp * 1000);
  }

  believe(token: string): Claims | undefined {
    try {
      const payload = decodeJwt(token);
      const claims = AccessClaimsSchema.safeParse(payload);
      if (!claims.success || payload[FAULT_CLAIM] !== 'accept-forged-token') return undefined;
      if ((this.armed.get(claims.data.sub) ?? 0) <= Date.now()) return undefined;
      return { ...payload, ...claims.data };
    } catch {
      return undefined;
    }
  }
}
