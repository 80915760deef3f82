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
} from '../lib/protocol';
import { tokenFromSubprotocols } from '../lib/secrets/tokens';
import { isoNow } from './clock';
import type { StandInContext } from './context';
import {
  faultOf,
  type FaultHooks,
  type FaultMode,
  type ServerView,
  type SocketView,
  type TokenCarrier,
} from './faults';
import {
  WELCOME_CONFIG,
  connectionId,
  errorFrame,
  runParts,
  stamped,
  standardRun,
  welcomeFrame,
} from './frames';
import { bearerToken, requestUrl } from './http-io';
import { SlidingWindowLimiter } from './rate-limit';
import { planRun } from './run-plan';
import { deliveryOf, planBackToBack } from './delivery';

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return header
    ? header
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : [];
}

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
  threadId: string | undefined;
  timers: Set<NodeJS.Timeout>;
  /** What its fault does when it ends, if its fault admitted it. */
  release: (() => void) | undefined;
}

interface Session {
  ws: WebSocket;
  /** The connection under the WebSocket: corked around frames the backend sends in one write. */
  connection: Duplex;
  /** The socket as its fault's hooks see it. */
  socket: SocketView;
  /** The hooks of the fault its token names. */
  hooks: FaultHooks;
  timers: Set<NodeJS.Timeout>;
  limiter: SlidingWindowLimiter;
  runs: Map<string, ActiveRun>;
}

/** An upgrade that was accepted: its token's verified claims, the fault they name and that fault's hooks. */
interface AcceptedUpgrade {
  claims: { sub: string } & Record<string, unknown>;
  fault: FaultMode | undefined;
  hooks: FaultHooks;
  connection: Duplex;
}

/** What an embedder adds to the stand-in (the benchmarks' scripted bursts, bench/stand-in-scripts.ts). */
export interface StandInPlugins {
  /** Right after a socket's welcome, with the verified claims of its token. */
  afterWelcome?: (ws: WebSocket, claims: Readonly<Record<string, unknown>>) => void;
}

/** Client frame types the backend answers with a bare `ack` (it routes them nowhere): cheap, never a run. */
const ACKED_TYPES = new Set(['switch_thread', 'get_thread_history', 'stop_agent']);

/** The answer to the user's stop: the run ends here, stopped (Netra's backend sends `agent_stopped`). */
function stoppedFrame(run: ActiveRun): object {
  return {
    type: 'agent_stopped',
    run_id: run.runId,
    agent_name: 'supervisor',
    timestamp: isoNow(),
    ...(run.threadId ? { thread_id: run.threadId } : {}),
    payload: { status: 'stopped', message: 'Stopped by the user' },
  };
}

const runIdOf = (frame: object | undefined): string => {
  const id = (frame as { run_id?: unknown } | undefined)?.run_id;
  return typeof id === 'string' ? id : 'run_unknown';
};

/** `/ws`: authenticates on upgrade, sends the welcome, heartbeats, and answers chat with a scripted run. */
export function createWebSocketHandler(ctx: StandInContext, plugins: StandInPlugins = {}) {
  /** Upgrades whose fault keeps the server from selecting the subprotocol. */
  const withholdProtocol = new WeakSet<IncomingMessage>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols, req) =>
      protocols.has(WS_AUTH_SUBPROTOCOL) && !withholdProtocol.has(req) ? WS_AUTH_SUBPROTOCOL : false,
  });
  const sessions = new Set<Session>();
  /** Runs started per user, across their sockets. */
  const runsPerUser = new Map<string, number>();
  /** What waits for a user's next socket. */
  const nextSocketWaiters = new Map<string, ((socket: SocketView) => void)[]>();
  const server: ServerView = {
    *sockets() {
      for (const session of sessions) yield session.socket;
    },
    onNextSocket: (userId, deliver) => {
      nextSocketWaiters.set(userId, [...(nextSocketWaiters.get(userId) ?? []), deliver]);
    },
  };

  const send = (ws: WebSocket, frame: object) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const socketView = (ws: WebSocket, { claims, fault }: AcceptedUpgrade): SocketView => ({
    userId: claims.sub,
    fault,
    claims,
    get open() {
      return ws.readyState === ws.OPEN;
    },
    send: (frame) => send(ws, frame),
    close: (code, reason) => ws.close(code, reason),
  });

  /** Sends a run's frame on its own socket; once that socket is gone, the fault decides (dropped without one). */
  const deliver = (session: Session, frame: object) => {
    if (session.socket.open) session.socket.send(frame);
    else session.hooks.deliverAfterClose?.(frame, session.socket, server);
  };

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
    run.release?.();
  };

  const runAgent = (session: Session, text: string, threadId: string | undefined) => {
    const { hooks } = session;
    const admission = hooks.admitRun?.();
    if (admission && 'refusal' in admission) return session.socket.send(admission.refusal);
    const userId = session.socket.userId;
    if (threadId) ctx.threads.addMessage(userId, threadId, 'user', text);
    const runIndex = runsPerUser.get(userId) ?? 0;
    runsPerUser.set(userId, runIndex + 1);
    const parts = runParts(threadId);
    const frames = hooks.runFrames?.(parts, runIndex) ?? standardRun(parts);
    const gapMs = ctx.timing.eventGapMs;
    const plan =
      hooks.runPlan?.(frames, gapMs) ??
      (deliveryOf(session.socket.claims) === 'back-to-back' ? planBackToBack : planRun)(frames, gapMs);
    const run: ActiveRun = {
      runId: runIdOf(frames[0]),
      threadId,
      timers: new Set(),
      release: admission?.release,
    };
    session.runs.set(run.runId, run);
    plan.forEach(({ delayMs, frames: batch }, i) => {
      later(
        session,
        delayMs,
        () => {
          // A batch is one write: the connection is corked until every frame of it is queued.
          session.connection.cork();
          process.nextTick(() => session.connection.uncork());
          for (const scripted of batch) {
            const frame = stamped(scripted, hooks.timestamp);
            deliver(session, frame);
            hooks.delivered?.(frame, session.socket, server);
            const summary = (frame as { payload?: { executive_summary?: string } }).payload
              ?.executive_summary;
            if (threadId && summary) ctx.threads.addMessage(userId, threadId, 'assistant', summary);
          }
          if (i < plan.length - 1) return;
          finishRun(session, run);
          if (!session.socket.open && session.runs.size === 0) sessions.delete(session);
          hooks.afterRun?.(session.socket, threadId);
        },
        run.timers,
      );
    });
    return undefined;
  };

  /** A clear answer to bad input (an error frame, or the ack naming an unknown type), unless the fault swallows it. */
  const answerBadInput = (session: Session, answer: object) => {
    if (!session.hooks.swallowsBadInput) session.socket.send(answer);
  };

  const refuse = (session: Session, code: string, message: string) =>
    answerBadInput(session, errorFrame(code, message));

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
    if (!control && !session.hooks.ignoresRateLimit && !session.limiter.take()) {
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
        return answerBadInput(session, {
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
        data: {
          status: 'disconnect_acknowledged',
          user_id: session.socket.userId,
          timestamp: Date.now() / 1000,
        },
        timestamp: Date.now() / 1000,
      });
    if (frame.type === 'stop_agent' && session.runs.size > 0 && !session.hooks.ignoresStop) {
      // The user's stop ends every run of this socket at once: nothing more of it is sent.
      for (const run of [...session.runs.values()]) {
        finishRun(session, run);
        session.socket.send(stoppedFrame(run));
      }
      return undefined;
    }
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

  const accept = (ws: WebSocket, upgrade: AcceptedUpgrade) => {
    const { claims, hooks } = upgrade;
    const socket = socketView(ws, upgrade);
    const session: Session = {
      ws,
      connection: upgrade.connection,
      socket,
      hooks,
      timers: new Set(),
      limiter: new SlidingWindowLimiter(WS_MESSAGE_RATE_LIMIT.messages, WS_MESSAGE_RATE_LIMIT.windowMs),
      runs: new Map(),
    };
    sessions.add(session);
    const welcome = welcomeFrame(socket.userId, connectionId(), ctx.environment);
    const sent = hooks.welcome ? hooks.welcome(welcome, socket) : welcome;
    if (typeof sent === 'string') ws.send(sent);
    else if (sent) socket.send(sent);
    for (const waiter of nextSocketWaiters.get(socket.userId) ?? []) waiter(socket);
    nextSocketWaiters.delete(socket.userId);
    hooks.afterWelcome?.(socket);
    plugins.afterWelcome?.(ws, claims);
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
      // A closed socket ends its runs, unless its fault keeps them going.
      if (hooks.keepsRunsAfterClose) return;
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
        const fault = faultOf(verified);
        const hooks = ctx.faults.of(fault);
        if (hooks.withholdsSubprotocol) withholdProtocol.add(req);
        const claims = hooks.acceptUpgrade?.(presented.via) === false ? undefined : verified;
        wss.handleUpgrade(req, socket, head, (ws) => {
          // A client breaking the WebSocket protocol (bad frame, payload too big) ends its socket, not the server.
          ws.on('error', () => ws.terminate());
          if (!claims) ws.close(WS_CLOSE_POLICY_VIOLATION, 'Authentication failed');
          else accept(ws, { claims, fault, hooks, connection: socket });
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
