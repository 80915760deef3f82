import { z } from 'zod';

/** REST shapes the real frontend uses at start-up and on the first send (observed). */
export const HealthReadySchema = z.object({ status: z.string().min(1) });
export const TokenValidationErrorSchema = z.object({ valid: z.literal(false), error: z.string().min(1) });

export const AuthConfigSchema = z.object({
  development_mode: z.boolean(),
  oauth_enabled: z.boolean(),
  google_client_id: z.string().nullable(),
});

export const ValidateTokenResponseSchema = z.object({
  valid: z.boolean(),
  user_id: z.string().min(1),
  user: z.object({ id: z.string().min(1), email: z.string(), full_name: z.string().nullable() }),
});

export const RefreshResponseSchema = z.object({ access_token: z.string().min(1) });

export const ThreadSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
  user_id: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type Thread = z.infer<typeof ThreadSchema>;
export const ThreadListSchema = z.array(ThreadSchema);
export const CreateThreadRequestSchema = z.object({ title: z.string().optional() });
export const UpdateThreadRequestSchema = z.object({
  title: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/** Upper bound for a ticket's `expires_at - created_at` that still counts as short-lived. */
const WS_TICKET_MAX_LIFETIME_SECONDS = 900;

export const WebSocketTicketResponseSchema = z
  .object({
    ticket_id: z.string().min(1),
    expires_at: z.number().int().positive(),
    created_at: z.number().int().positive(),
    websocket_url: z.string().min(1),
  })
  .refine(
    (t) => t.expires_at > t.created_at && t.expires_at - t.created_at <= WS_TICKET_MAX_LIFETIME_SECONDS,
    {
      path: ['expires_at'],
      message: `a short-lived ticket: created_at + 1 to ${WS_TICKET_MAX_LIFETIME_SECONDS} seconds`,
    },
  );
/** What the frontend (beta-17) asks for; the ticket is single use and short-lived. */
export const WS_TICKET_REQUEST = {
  ttl_seconds: 300,
  single_use: true,
  permissions: ['read', 'chat', 'websocket', 'agent:execute'],
} as const;

export const ThreadMessagesSchema = z.object({
  thread_id: z.string().min(1),
  messages: z.array(
    z.object({
      id: z.string().min(1),
      role: z.enum(['user', 'assistant', 'system']),
      content: z.string(),
      created_at: z.iso.datetime({ offset: true }),
    }),
  ),
  total: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
});

export const McpConfigSchema = z.object({ enabled: z.boolean() }).loose();
export const McpServersSchema = z.array(z.object({ name: z.string() }).loose());
export const McpToolsSchema = z.array(
  z.object({ name: z.string(), description: z.string().optional() }).loose(),
);

/** How a rejected token is answered: 401/403, or a 2xx body with `valid: false`. */
export const TOKEN_REJECTED_STATUSES = [401, 403] as const;
export const TokenRejectedBodySchema = z.object({ valid: z.literal(false) });

/** The real frontend tolerates a 404 here; a 2xx list is fine too. */
export const DISCOVERY_TOLERATED_STATUSES = [200, 404] as const;

export const REST_PATHS = {
  healthReady: '/health/ready',
  authConfig: '/auth/config',
  validateToken: '/auth/validate-token-and-get-user',
  refresh: '/auth/refresh',
  threads: '/api/threads',
  websocketTicket: '/api/websocket/ticket',
  mcpConfig: '/api/mcp/config',
  mcpServers: '/api/mcp/servers',
  mcpTools: '/api/mcp/tools',
  discoveryServices: '/api/discovery/services',
} as const;

/**
 * Netra frontend releases that sign their socket in by the `jwt-auth` subprotocols and ask for no WebSocket
 * ticket (read in netra-systems/zen): their deployments need not serve `POST /api/websocket/ticket`. From
 * beta-17 on the app asks for a ticket on its own origin first.
 */
export const SUBPROTOCOL_SIGN_IN_RELEASES: readonly string[] = ['beta-12', 'beta-14', 'beta-15'];
