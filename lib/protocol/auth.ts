import { z } from 'zod';

/** Netra access-token claims for E2E users; validators require sub, email, exp and iat. */
export const AccessClaimsSchema = z.object({
  sub: z.string().min(1),
  email: z.email(),
  iat: z.number().int(),
  exp: z.number().int(),
  permissions: z.array(z.string()).optional(),
  type: z.enum(['access', 'refresh']).optional(),
  iss: z.string().optional(),
  jti: z.string().optional(),
  staging: z.boolean().optional(),
  e2e_test: z.boolean().optional(),
  test_environment: z.string().optional(),
});
export type AccessClaims = z.infer<typeof AccessClaimsSchema>;

export const TOKEN_ISSUER = 'netra-auth-service';
export const TOKEN_ALGORITHM = 'HS256';
export const E2E_PERMISSIONS = ['read', 'write', 'e2e_test'] as const;
export const TOKEN_LIFETIME_SECONDS = 30 * 60;

/** Browser WebSocket auth: the server must select `jwt-auth`; the token rides in `jwt.<base64url>`. */
export const WS_AUTH_SUBPROTOCOL = 'jwt-auth';
export const WS_TOKEN_SUBPROTOCOL_PREFIX = 'jwt.';

/** Close code for a refused token (policy violation). */
export const WS_CLOSE_POLICY_VIOLATION = 1008;

/** Where the frontend keeps its sign-in. Without the refresh token a refresh deletes jwt_token. */
export const STORAGE_KEYS = { accessToken: 'jwt_token', refreshToken: 'refresh_token' } as const;

export const WS_PATH = '/ws';
export const WS_TICKET_PARAM = 'ticket';

/**
 * Inbound messages one connection may send per minute: the backend's `max_message_rate_per_minute` is 100 on
 * staging (30 in production); the protocol notes give 60–120. Ping and pong do not count.
 */
export const WS_MESSAGE_RATE_LIMIT = { messages: 100, windowMs: 60_000 } as const;
/** A burst that passes any limit in the documented 60–120 range, made of frames that start no agent run. */
export const WS_RATE_LIMIT_PROBE_BURST = 130;
