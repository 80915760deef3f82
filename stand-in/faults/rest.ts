import { defineFaults } from './hooks';

/** What GET /auth/config answers under `auth-config-drift`: oauth_enabled renamed, google_client_id gone. */
export const DRIFTED_AUTH_CONFIG = { development_mode: false, oauthEnabled: true } as const;

/**
 * Faults of the REST API and of auth. A REST fault is read from the caller's Bearer token; on endpoints that
 * need no sign-in, from the Bearer token if one comes along.
 */
export const REST_FAULTS = defineFaults({
  'health-down': {
    description: 'GET /health/ready answers 503 (backend not ready)',
    hooks: {
      answers: {
        health: { status: 503, body: { status: 'unavailable', detail: 'stand-in fault: health-down' } },
      },
    },
  },
  'auth-config-drift': {
    description: 'GET /auth/config renames oauth_enabled to oauthEnabled and drops google_client_id',
    // It acts in the page too: Netra's real frontend fetches /auth/config unsigned, so the suite serves the
    // same body to the test's own page from a route (fixtures/route-faults.ts).
    hooks: { answers: { authConfig: { status: 200, body: DRIFTED_AUTH_CONFIG } } },
  },
  'mcp-drift': {
    description: 'GET /api/mcp/tools answers an object {tools:[…]} instead of a list',
    hooks: { answers: { mcpTools: { status: 200, body: { tools: [] } } } },
  },
  'accept-forged-token': {
    description: 'auth (REST and WebSocket upgrade) accepts a token signed with another secret',
    // Only a forged token that carries the grant for it (stand-in/context.ts, `faultGrant`).
    hooks: { acceptsGrantedForgery: true },
  },
  'session-lost-on-reload': {
    description: 'POST /auth/validate-token-and-get-user refuses a token it has validated before',
    perStandIn: () => {
      const validated = new Set<string>();
      return {
        refuseValidation: (tokenId) => {
          if (tokenId === undefined) return false;
          if (validated.has(tokenId)) return true;
          validated.add(tokenId);
          return false;
        },
      };
    },
  },
  'thread-drift': {
    description: 'thread responses lose updated_at',
    hooks: { threadBody: ({ updated_at: _dropped, ...drifted }) => drifted },
  },
  'thread-leak': {
    description: "GET /api/threads also lists other users' threads",
    hooks: { threadListScope: 'everyone' },
  },
  'history-leak': {
    description: "a thread's history is served to any user, not only its owner",
    hooks: { historyScope: 'anyone' },
  },
  'forget-history': {
    description: 'GET /api/threads/<id>/messages answers an empty history',
    hooks: { history: () => [] },
  },
  'history-reversed': {
    description: 'GET /api/threads/<id>/messages lists the history newest first',
    hooks: { history: (messages) => [...messages].reverse() },
  },
  'ticket-reuse': {
    description: 'a WebSocket ticket is accepted more than once',
    hooks: { reusableTickets: true },
  },
});
