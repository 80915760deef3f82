import type { AccessClaims } from '../helpers/protocol';
import { verifyAccessToken } from '../helpers/tokens';
import type { StandInTiming } from './clock';
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
      return result.ok ? result.claims : undefined;
    },
  };
}
