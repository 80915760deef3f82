import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ClientFrameSchema,
  WS_AUTH_SUBPROTOCOL,
  WS_CLOSE_POLICY_VIOLATION,
  WS_PATH,
  WS_MESSAGE_RATE_LIMIT,
  WS_TICKET_PARAM,
  chatTextOf,
  chatThreadOf,
} from '../helpers/protocol';
import { tokenFromSubprotocols } from '../helpers/tokens';
import { BENCH_CLAIM, playBenchScript } from './bench';
import { isoNow } from './clock';
import { connectionIdFor } from './connections';
import type { StandInContext } from './context';
import { FAULT_CLAIM, isFaultMode, type FaultMode } from './faults';
import {
  WELCOME_CONFIG,
  agentRunFrames,
  connectionId,
  errorFrame,
  ghostRunStart,
  stamped,
  welcomeFrame,
} from './frames';
import { bearerToken, requestUrl } from './http-io';
import { SlidingWindowLimiter } from './rate-limit';
import { planRun } from './run-plan';

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return header
    ? header
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : [];
}

type TokenCarrier = 'ticket' | 'subprotocol' | 'bearer';

/** The token a browser or client presented, and how: ticket, then subprotocol, then Authorization header. */
function presentedToken(
  ctx: StandInContext,
  req: IncomingMessage,
  url: URL,
): { token: string | undefined; via: TokenCarrier | undefined } {
  const ticket = url.searchParams.get(WS_TICKET_PARAM);
  if (ticket) return { token: ctx.tickets.redeem(ticket), via: 'ticket' };
  const fromProtocols = tokenFromSubprotocols(offeredProtocols(req));
  if (fromProtocols) return { token: fromProtocols, via: 'subprotocol' };
  const fromHeader = bearerToken(req);
  return { token: fromHeader, via: fromHeader ? 'bearer' : undefined };
}

interface ActiveRun {
  runId: string;
  timers: Set<NodeJS.Timeout>;
  /** Counted in `busyRuns` (fault `busy-under-load`). */
  busy: boolean;
}

interface Session {
  ws: WebSocket;
  userId: string;
  fault: FaultMode | undefined;
  timers: Set<NodeJS.Timeout>;
  limiter: SlidingWindowLimiter;
  runs: Map<string, ActiveRun>;
}

/** Client frame types the backend answers with a bare `ack` (it routes them nowhere): cheap, never a run. */
const ACKED_TYPES = new Set(['switch_thread', 'get_thread_history', 'stop_agent']);

const runIdOf = (frame: object | undefined): string => {
  const id = (frame as { run_id?: unknown } | undefined)?.run_id;
  return typeof id === 'string' ? id : 'run_unknown';
};

/** `/ws`: authenticates on upgrade, sends the welcome, heartbeats, and answers chat with a scripted run. */
export function createWebSocketHandler(ctx: StandInContext) {
  /** Upgrades whose token carries the fault `subprotocol-not-selected`. */
  const withholdProtocol = new WeakSet<IncomingMessage>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols, req) =>
      protocols.has(WS_AUTH_SUBPROTOCOL) && !withholdProtocol.has(req) ? WS_AUTH_SUBPROTOCOL : false,
  });
  const sessions = new Set<Session>();
  /** Runs started per user, across their sockets (the fault `skip-thinking-later-runs` counts them). */
  const runsPerUser = new Map<string, number>();
  /** Fault `orphan-run`: frames of a run whose socket closed, held for the user's next socket. */
  const orphanedFrames = new Map<string, object[]>();
  /** Tokens (by jti) whose first socket the fault `close-after-welcome` already closed. */
  const closedAfterWelcome = new Set<string>();

  const send = (ws: WebSocket, frame: object) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  /** Fault `event-leak`: a run's frame also goes to other users' sockets that carry the same fault. */
  const leak = (from: Session, frame: object) => {
    if (from.fault !== 'event-leak') return;
    for (const other of sessions)
      if (other.fault === 'event-leak' && other.userId !== from.userId) send(other.ws, frame);
  };

  /**
   * Sends a run's frame on its own socket; under `orphan-run`, once that socket is gone, to the user's newest
   * open socket, or holds it until the user's next socket opens.
   */
  const deliver = (session: Session, frame: object) => {
    if (session.ws.readyState === session.ws.OPEN) return send(session.ws, frame);
    if (session.fault !== 'orphan-run') return undefined;
    const next = [...sessions]
      .filter((s) => s.userId === session.userId && s.ws.readyState === s.ws.OPEN)
      .at(-1);
    if (next) return send(next.ws, frame);
    orphanedFrames.set(session.userId, [...(orphanedFrames.get(session.userId) ?? []), frame]);
    return undefined;
  };

  /** Runs in flight on connections carrying the fault `busy-under-load`. */
  let busyRuns = 0;

  const later = (session: Session, ms: number, action: () => void, group: Set<NodeJS.Timeout>) => {
    const timer = setTimeout(() => {
      session.timers.delete(timer);
      group.delete(timer);
      action();
    }, ms);
    session.timers.add(timer);
    group.add(timer);
  };

  const finishRun = (session: Session, run: ActiveRun) => {
    if (!session.runs.delete(run.runId)) return;
    for (const timer of run.timers) {
      clearTimeout(timer);
      session.timers.delete(timer);
    }
    if (run.busy) busyRuns -= 1;
  };

  const runAgent = (session: Session, text: string, threadId: string | undefined) => {
    if (session.fault === 'busy-under-load' && busyRuns > 0)
      return send(
        session.ws,
        errorFrame('SERVICE_BUSY', 'the agent service is at capacity, try again shortly'),
      );
    if (threadId) ctx.threads.addMessage(session.userId, threadId, 'user', text);
    const runIndex = runsPerUser.get(session.userId) ?? 0;
    runsPerUser.set(session.userId, runIndex + 1);
    const frames = agentRunFrames(threadId, { fault: session.fault, runIndex });
    const plan = planRun(frames, { gapMs: ctx.timing.eventGapMs, fault: session.fault });
    const run: ActiveRun = {
      runId: runIdOf(frames[0]),
      timers: new Set(),
      busy: session.fault === 'busy-under-load',
    };
    if (run.busy) busyRuns += 1;
    session.runs.set(run.runId, run);
    plan.forEach(({ delayMs, frames: batch }, i) => {
      later(
        session,
        delayMs,
        () => {
          for (const scripted of batch) {
            const frame = stamped(scripted, session.fault);
            deliver(session, frame);
            leak(session, frame);
            const summary = (frame as { payload?: { executive_summary?: string } }).payload
              ?.executive_summary;
            if (threadId && summary) ctx.threads.addMessage(session.userId, threadId, 'assistant', summary);
          }
          if (i < plan.length - 1) return;
          finishRun(session, run);
          if (session.ws.readyState !== session.ws.OPEN && session.runs.size === 0) sessions.delete(session);
          const { ws } = session;
          if (session.fault === 'ghost-run') send(ws, ghostRunStart(threadId));
          if (session.fault === 'close-early') ws.close(1011, 'stand-in fault: close-early');
        },
        run.timers,
      );
    });
    return undefined;
  };

  /** A clear error frame for bad input, unless the fault `swallow-bad-input` drops it silently. */
  const refuse = (session: Session, code: string, message: string) => {
    if (session.fault !== 'swallow-bad-input') send(session.ws, errorFrame(code, message));
  };

  const onMessage = (session: Session, data: Buffer, isBinary: boolean) => {
    const { ws } = session;
    if (isBinary) return refuse(session, 'BINARY_NOT_SUPPORTED', 'binary frames are not accepted');
    if (data.length > WELCOME_CONFIG.max_message_size) {
      return refuse(
        session,
        'MESSAGE_TOO_LARGE',
        `frame of ${data.length} bytes exceeds ${WELCOME_CONFIG.max_message_size}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return refuse(session, 'INVALID_JSON', 'frame is not valid JSON');
    }
    const type = (json as { type?: unknown } | null)?.type;
    const control = type === 'ping' || type === 'pong';
    if (!control && session.fault !== 'no-rate-limit' && !session.limiter.take()) {
      return send(
        ws,
        errorFrame(
          'RATE_LIMITED',
          `more than ${session.limiter.limit} messages in ${session.limiter.windowMs / 1000} s; slow down`,
        ),
      );
    }
    const parsed = ClientFrameSchema.safeParse(json);
    if (!parsed.success) {
      // The backend acknowledges a type it does not know, naming it; a known type with a bad payload is an error.
      if (typeof type === 'string' && !ClientFrameSchema.options.some((o) => o.shape.type.value === type)) {
        if (session.fault === 'swallow-bad-input') return undefined;
        return send(ws, {
          type: 'ack',
          received_type: type,
          status: 'acknowledged',
          timestamp: Date.now() / 1000,
        });
      }
      return refuse(session, 'INVALID_MESSAGE', `malformed message of type ${JSON.stringify(type)}`);
    }
    const frame = parsed.data;
    if (frame.type === 'ping') return send(ws, { type: 'pong', timestamp: frame.timestamp ?? Date.now() });
    if (frame.type === 'pong') return undefined;
    if (frame.type === 'disconnect')
      return send(ws, {
        type: 'system_message',
        data: { status: 'disconnect_acknowledged', user_id: session.userId, timestamp: Date.now() / 1000 },
        timestamp: Date.now() / 1000,
      });
    if (ACKED_TYPES.has(frame.type))
      return send(ws, {
        type: 'ack',
        received_type: frame.type,
        status: 'acknowledged',
        timestamp: Date.now() / 1000,
      });
    const text = chatTextOf(frame);
    if (text !== undefined) runAgent(session, text, chatThreadOf(frame));
    return undefined;
  };

  const accept = (ws: WebSocket, claims: { sub: string } & Record<string, unknown>) => {
    const rawFault = claims[FAULT_CLAIM];
    const session: Session = {
      ws,
      userId: claims.sub,
      fault: isFaultMode(rawFault) ? rawFault : undefined,
      timers: new Set(),
      limiter: new SlidingWindowLimiter(WS_MESSAGE_RATE_LIMIT.messages, WS_MESSAGE_RATE_LIMIT.windowMs),
      runs: new Map(),
    };
    sessions.add(session);
    const id = connectionIdFor(claims, session.fault, connectionId);
    const welcome = welcomeFrame(session.userId, id, ctx.environment, session.fault);
    if (welcome) send(ws, welcome);
    for (const frame of orphanedFrames.get(session.userId) ?? []) send(ws, frame);
    orphanedFrames.delete(session.userId);
    const tokenId = typeof claims.jti === 'string' ? claims.jti : '';
    if (session.fault === 'close-after-welcome' && !closedAfterWelcome.has(tokenId)) {
      closedAfterWelcome.add(tokenId);
      ws.close(1011, 'stand-in fault: close-after-welcome');
    }
    playBenchScript(ws, claims[BENCH_CLAIM]);
    const heartbeat = setInterval(() => {
      send(ws, { type: 'heartbeat', timestamp: isoNow() });
    }, WELCOME_CONFIG.heartbeat_interval * 1000);
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(session, Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), isBinary);
      } catch {
        // Whatever a frame does to the parsers (a stack-deep nesting), the server and this socket stay up.
        refuse(session, 'INVALID_MESSAGE', 'the frame could not be processed');
      }
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      // A closed socket ends its runs, unless the fault `orphan-run` lets them go on to the user's next socket.
      if (session.fault === 'orphan-run') return;
      sessions.delete(session);
      for (const run of [...session.runs.values()]) finishRun(session, run);
      for (const timer of session.timers) clearTimeout(timer);
    });
  };

  return {
    /** Returns true when it took the upgrade. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = requestUrl(req);
      if (url?.pathname !== WS_PATH) return false;
      void (async () => {
        const presented = presentedToken(ctx, req, url);
        const verified = await ctx.authenticate(presented.token);
        const fault = verified?.[FAULT_CLAIM];
        if (fault === 'subprotocol-not-selected') withholdProtocol.add(req);
        const claims = fault === 'bearer-refused' && presented.via === 'bearer' ? undefined : verified;
        wss.handleUpgrade(req, socket, head, (ws) => {
          // A client breaking the WebSocket protocol (bad frame, payload too big) ends its socket, not the server.
          ws.on('error', () => ws.terminate());
          if (!claims) ws.close(WS_CLOSE_POLICY_VIOLATION, 'Authentication failed');
          else accept(ws, claims);
        });
      })().catch(() => socket.destroy());
      return true;
    },
    close(): void {
      for (const session of sessions) for (const timer of session.timers) clearTimeout(timer);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
