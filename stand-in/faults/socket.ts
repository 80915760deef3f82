import { defineFaults } from './hooks';

const ANOTHER_USER_ID = 'staging-e2e-user-999';

/** The id of a token (its `jti`), if it has one. */
const tokenIdOf = (claims: Readonly<Record<string, unknown>>): string | undefined =>
  typeof claims.jti === 'string' ? claims.jti : undefined;

/** The id `fixed-connection-id` repeats in every welcome of one token. */
function fixedConnectionId(claims: Readonly<Record<string, unknown>>): string {
  const tokenId = tokenIdOf(claims) ?? 'token';
  return `ws_standin_fixed_${tokenId.replace(/[^\w-]/g, '').slice(0, 8)}`;
}

/**
 * Faults of the socket itself: its upgrade, its welcome, and how it answers the client's frames. WebSocket
 * faults are read from the token the upgrade carried.
 */
export const SOCKET_FAULTS = defineFaults({
  'subprotocol-not-selected': {
    description: 'the upgrade does not select the jwt-auth subprotocol',
    hooks: { withholdsSubprotocol: true },
  },
  'bearer-refused': {
    description: 'an upgrade authenticated by Authorization: Bearer is closed with 1008',
    hooks: { acceptUpgrade: (via) => via !== 'bearer' },
  },
  'flat-welcome': {
    description: 'welcome in the old flat shape {"type":"connection_established",…}',
    hooks: {
      welcome: (frame) => ({
        type: 'connection_established',
        connection_id: frame.data.connection_id,
        user_id: frame.data.user_id,
        timestamp: Date.now() / 1000,
      }),
    },
  },
  'no-welcome': {
    description: 'no welcome frame at all (silence after the upgrade)',
    hooks: { welcome: () => undefined },
  },
  'wrong-user': {
    description: "welcome names another user's id",
    hooks: { welcome: (frame) => ({ ...frame, data: { ...frame.data, user_id: ANOTHER_USER_ID } }) },
  },
  'welcome-not-ready': {
    description: 'welcome says data.connection_ready false',
    hooks: { welcome: (frame) => ({ ...frame, data: { ...frame.data, connection_ready: false } }) },
  },
  'welcome-bad-limits': {
    description: 'welcome announces heartbeat_interval 0 and max_message_size 100 (outside sane bounds)',
    hooks: {
      welcome: (frame) => ({
        ...frame,
        data: { ...frame.data, config: { heartbeat_interval: 0.5, max_message_size: 100 } },
      }),
    },
  },
  'fixed-connection-id': {
    description: 'every welcome for this token repeats one connection_id (parallel pages, reconnects)',
    hooks: {
      welcome: (frame, socket) => ({
        ...frame,
        data: { ...frame.data, connection_id: fixedConnectionId(socket.claims) },
      }),
    },
  },
  'close-after-welcome': {
    description: 'server closes the socket (1011) right after the welcome; the page reconnects',
    perStandIn: () => {
      /** Tokens (by jti) whose first socket was already closed: the reconnect stays up. */
      const closed = new Set<string>();
      return {
        afterWelcome: (socket) => {
          const tokenId = tokenIdOf(socket.claims) ?? '';
          if (closed.has(tokenId)) return;
          closed.add(tokenId);
          socket.close(1011, 'stand-in fault: close-after-welcome');
        },
      };
    },
  },
  'no-rate-limit': {
    description: 'the per-connection rate limit is never enforced (a burst is answered by silence)',
    hooks: { ignoresRateLimit: true },
  },
  'ignore-stop': {
    description:
      'stop_agent is acknowledged and the run goes on to its answer (Netra’s own backend does this)',
    hooks: { ignoresStop: true },
  },
  'swallow-bad-input': {
    description: 'malformed, unknown and oversized client frames are dropped without an error frame',
    hooks: { swallowsBadInput: true },
  },
});
