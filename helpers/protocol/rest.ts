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

export const WebSocketTicketResponseSchema = z.object({
  ticket_id: z.string().min(1),
  expires_at: z.number().int().positive(),
  created_at: z.number().int().positive(),
  websocket_url: z.string().optional(),
});

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
