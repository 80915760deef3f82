import { decodeJwt } from 'jose';
import { AccessClaimsSchema, type AccessClaims } from '../helpers/protocol';
import { verifyAccessToken } from '../helpers/tokens';
import type { StandInTiming } from './clock';
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
  authenticate(token: string | undefined): Promise<(AccessClaims & Record<string, unknown>) | undefined>;
}

export function createContext(options: {
  secret: string;
  environment: string;
  timing: StandInTiming;
  frontendEnv: FrontendEnv;
}): StandInContext {
  return {
    ...options,
    threads: new ThreadStore(),
    tickets: new TicketStore(),
    async authenticate(token) {
      if (!token) return undefined;
      const result = await verifyAccessToken(token, options.secret);
      if (result.ok) return result.claims;
      return result.reason === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? forgedButFaulted(token) : undefined;
    },
  };
}

/** Fault `accept-forged-token`: a token with a bad signature is believed when it carries that fault claim. */
function forgedButFaulted(token: string): (AccessClaims & Record<string, unknown>) | undefined {
  try {
    const payload = decodeJwt(token);
    const claims = AccessClaimsSchema.safeParse(payload);
    if (!claims.success || payload[FAULT_CLAIM] !== 'accept-forged-token') return undefined;
    return { ...payload, ...claims.data };
  } catch {
    return undefined;
  }
}
