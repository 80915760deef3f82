import { createHmac } from 'node:crypto';

/**
 * Fault modes of the stand-in, each a way staging could break that the suite must report fast and precisely.
 * A test picks one by minting its token with the claim `standin_fault`, so parallel workers never interfere
 * and the page's own socket (seen by `page.on('websocket')`) is the one that misbehaves.
 */
export const FAULT_MODES = {
  'flat-welcome': 'welcome in the old flat shape {"type":"connection_established",…}',
  'no-welcome': 'no welcome frame at all (silence after the upgrade)',
  'wrong-user': "welcome names another user's id",
  'welcome-not-ready': 'welcome says data.connection_ready false',
  'welcome-bad-limits':
    'welcome announces heartbeat_interval 0 and max_message_size 100 (outside sane bounds)',
  'close-after-welcome': 'server closes the socket (1011) right after the welcome; the page reconnects',
  'missing-completed': 'run skips agent_completed and goes straight to final_report',
  'out-of-order': 'tool_completed arrives before its tool_executing',
  'foreign-run': "an event of another user's run is delivered mid-run",
  'close-early': 'server closes the socket right after agent_started',
  oversized: 'a frame larger than the welcome max_message_size',
  // Backend contract faults, checked without a browser by the `local-api` project (tests/meta/api-faults.spec.ts).
  // REST faults are read from the caller's Bearer token, WebSocket ones from the token the upgrade carried.
  'health-down': 'GET /health/ready answers 503 (backend not ready)',
  'auth-config-drift': 'GET /auth/config renames oauth_enabled to oauthEnabled and drops google_client_id',
  'accept-forged-token': 'auth (REST and WebSocket upgrade) accepts a token signed with another secret',
  'thread-drift': 'thread responses lose updated_at',
  'thread-leak': "GET /api/threads also lists other users' threads",
  'ticket-reuse': 'a WebSocket ticket is accepted more than once',
  'subprotocol-not-selected': 'the upgrade does not select the jwt-auth subprotocol',
  'bearer-refused': 'an upgrade authenticated by Authorization: Bearer is closed with 1008',
  'event-leak': "a run's events are also delivered to another user's socket",
  // Page faults: injected into whichever frontend the test drives (fixtures/page-faults.ts), not the stand-in.
  'chat-before-thread':
    'the page sends start_agent without the thread POST /api/threads created (thread_id null)',
  'hidden-status': 'the page never shows agent-processing (a stylesheet hides it)',
  'ignore-tool-events': 'the page drops tool_executing and tool_completed before the app sees them',
  'hidden-character-count': 'the page never shows character-count (a stylesheet hides it)',
  'buffered-rendering': 'the page holds a run’s events and renders them only once final_report is there',
  // Priority-1 journey faults (e2e/p1), proven by tests/meta/p1-faults.spec.ts.
  'slow-agent': 'every agent run starts 30 s late (no acknowledgement, no first event in time)',
  'fixed-connection-id':
    'every welcome for this token repeats one connection_id (parallel pages, reconnects)',
  'mcp-drift': 'GET /api/mcp/tools answers an object {tools:[…]} instead of a list',
  'batched-run': 'a run is buffered and all its events are sent at once at the end (no streaming)',
  'sluggish-agent':
    'every run starts 1.5 s late: inside deadlines.firstEvent, outside the first-event budget',
  'no-agent-started': 'a run begins with agent_thinking: agent_started is never sent',
  'no-tools': 'a run uses no tool: no tool_executing, no tool_completed',
  'ghost-run': 'after final_report an agent_started of a run nobody asked for, which never ends',
  'history-leak': "a thread's history is served to any user, not only its owner",
  'orphan-run': "a run outlives its socket: what is left of it goes to the user's next socket",
  'forget-history': 'GET /api/threads/<id>/messages answers an empty history',
  'history-reversed': 'GET /api/threads/<id>/messages lists the history newest first',
  'busy-under-load': 'a chat is refused with error SERVICE_BUSY while another faulted connection runs',
  'no-rate-limit': 'the per-connection rate limit is never enforced (a burst is answered by silence)',
  'swallow-bad-input': 'malformed, unknown and oversized client frames are dropped without an error frame',
  'session-lost-on-reload': 'POST /auth/validate-token-and-get-user refuses a token it has validated before',
  'skip-thinking-later-runs': 'from the second run of a connection on, agent_thinking is not sent',
  // Tolerated variants: not faults. The suite must pass and say so in the drift report.
  'float-timestamps': 'agent events carry Unix float timestamps (the message model’s form), as staging may',
} as const;

export type FaultMode = keyof typeof FAULT_MODES;

/** Faults of the page, injected by the suite's fixture into whichever frontend a test drives. */
const PAGE_FAULTS = [
  'chat-before-thread',
  'hidden-status',
  'hidden-character-count',
  'ignore-tool-events',
  'buffered-rendering',
] as const;
export type PageFault = (typeof PAGE_FAULTS)[number];
export const isPageFault = (fault: FaultMode | undefined): fault is PageFault =>
  (PAGE_FAULTS as readonly (string | undefined)[]).includes(fault);
export const FAULT_CLAIM = 'standin_fault';

/** What GET /auth/config answers under `auth-config-drift`: oauth_enabled renamed, google_client_id gone. */
export const DRIFTED_AUTH_CONFIG = { development_mode: false, oauthEnabled: true } as const;

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && Object.hasOwn(FAULT_MODES, value);
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
