import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ClientFrameSchema,
  WS_AUTH_SUBPROTOCOL,
  WS_CLOSE_POLICY_VIOLATION,
  WS_PATH,
  WS_TICKET_PARAM,
  chatTextOf,
  chatThreadOf,
} from '../helpers/protocol';
import { tokenFromSubprotocols } from '../helpers/tokens';
import { BENCH_CLAIM, playBenchScript } from './bench';
import { isoNow } from './clock';
import type { StandInContext } from './context';
import { FAULT_CLAIM, isFaultMode, type FaultMode } from './faults';
import { WELCOME_CONFIG, agentRunFrames, connectionId, errorFrame, welcomeFrame } from './frames';
import { connectionIdFor } from './connections';
import { bearerToken, requestUrl } from './http-io';
import { SlidingWindowLimiter } from './rate-limit';
import { planRun, stoppedRunFrame } from './run-plan';
import { DEFAULT_RATE_LIMIT, settingsFromClaims, type StandInSettings } from './settings';

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
  threadId: string | undefined;
  /** The run's agent_started, to build the terminal event of a stopped run. */
  started: object;
  timers: Set<NodeJS.Timeout>;
  /** Counted in `busyRuns` (fault `busy-under-load`). */
  busy: boolean;
}

interface Session {
  userId: string;
  fault: FaultMode | undefined;
  timers: Set<NodeJS.Timeout>;
  settings: StandInSettings;
  limiter: SlidingWindowLimiter;
  runs: Map<string, ActiveRun>;
  runCount: number;
}

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
  const sessions = new Map<WebSocket, Session>();

  /** Fault `event-leak`: a run's frame also goes to other users' sockets that carry the same fault. */
  const leak = (from: Session, frame: object) => {
    if (from.fault !== 'event-leak') return;
    for (const [other, session] of sessions)
      if (session.fault === 'event-leak' && session.userId !== from.userId) send(other, frame);
  };

  /** Runs in flight on connections carrying the fault `busy-under-load`. */
  let busyRuns = 0;

  const later = (session: Session, ms: number, action: () => void, group?: Set<NodeJS.Timeout>) => {
    const timer = setTimeout(() => {
      session.timers.delete(timer);
      group?.delete(timer);
      action();
    }, ms);
    session.timers.add(timer);
    group?.add(timer);
  };

  const finishRun = (session: Session, run: ActiveRun) => {
    if (!session.runs.delete(run.runId)) return;
    for (const timer of run.timers) {
      clearTimeout(timer);
      session.timers.delete(timer);
    }
    if (run.busy) busyRuns -= 1;
  };

  const send = (ws: WebSocket, frame: object) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const runAgent = (ws: WebSocket, session: Session, text: string, threadId: string | undefined) => {
    if (session.fault === 'busy-under-load' && busyRuns > 0)
      return send(ws, errorFrame('SERVICE_BUSY', 'the agent service is at capacity, try again shortly'));
    if (threadId) ctx.threads.addMessage(session.userId, threadId, 'user', text);
    const frames = agentRunFrames(text, threadId, session.fault);
    const plan = planRun(frames, {
      gapMs: session.settings.event_gap_ms ?? ctx.timing.eventGapMs,
      fault: session.fault,
      runIndex: session.runCount++,
    });
    const run: ActiveRun = {
      runId: runIdOf(frames[0]),
      threadId,
      started: frames[0] ?? {},
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
          // Stamped when sent, as a live backend does.
          const sentAt = isoNow();
          for (const scripted of batch) {
            const frame = 'timestamp' in scripted ? { ...scripted, timestamp: sentAt } : scripted;
            send(ws, frame);
            leak(session, frame);
            const summary = (frame as { type?: string; payload?: { executive_summary?: string } }).payload
              ?.executive_summary;
            if (threadId && summary) ctx.threads.addMessage(session.userId, threadId, 'assistant', summary);
          }
          if (i === plan.length - 1) finishRun(session, run);
          if (session.fault === 'close-early' && i === plan.length - 1)
            ws.close(1011, 'stand-in fault: close-early');
        },
        run.timers,
      );
    });
    return undefined;
  };

  /** stop_agent: the named run (or every run of the thread, or all) ends at once with a stopped agent_error. */
  const stopRuns = (ws: WebSocket, session: Session, target: { run_id?: string; thread_id?: string }) => {
    const runs = [...session.runs.values()].filter(
      (run) =>
        (target.run_id === undefined || run.runId === target.run_id) &&
        (target.thread_id === undefined || run.threadId === target.thread_id),
    );
    if (!runs.length) return send(ws, errorFrame('NO_ACTIVE_RUN', 'there is no agent run to stop'));
    if (session.fault === 'ignore-stop') return undefined;
    for (const run of runs) {
      finishRun(session, run);
      send(ws, stoppedRunFrame(run.started, isoNow()));
    }
    return undefined;
  };

  /** A clear error frame for bad input, unless the fault `swallow-bad-input` drops it silently. */
  const refuse = (ws: WebSocket, session: Session, code: string, message: string) => {
    if (session.fault !== 'swallow-bad-input') send(ws, errorFrame(code, message));
  };

  const onMessage = (ws: WebSocket, session: Session, data: Buffer, isBinary: boolean) => {
    if (isBinary) return refuse(ws, session, 'BINARY_NOT_SUPPORTED', 'binary frames are not accepted');
    if (data.length > WELCOME_CONFIG.max_message_size) {
      return refuse(
        ws,
        session,
        'MESSAGE_TOO_LARGE',
        `frame of ${data.length} bytes exceeds ${WELCOME_CONFIG.max_message_size}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return refuse(ws, session, 'INVALID_JSON', 'frame is not valid JSON');
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
      return refuse(
        ws,
        session,
        'INVALID_MESSAGE',
        `unknown or malformed message type ${JSON.stringify(type)}`,
      );
    }
    const frame = parsed.data;
    if (frame.type === 'ping') return send(ws, { type: 'pong', timestamp: frame.timestamp ?? Date.now() });
    if (frame.type === 'stop_agent') return stopRuns(ws, session, frame.payload ?? {});
    const text = chatTextOf(frame);
    if (text !== undefined) runAgent(ws, session, text, chatThreadOf(frame));
    return undefined;
  };

  const accept = (ws: WebSocket, claims: { sub: string } & Record<string, unknown>) => {
    const rawFault = claims[FAULT_CLAIM];
    const settings = settingsFromClaims(claims);
    const session: Session = {
      userId: claims.sub,
      fault: isFaultMode(rawFault) ? rawFault : undefined,
      timers: new Set(),
      settings,
      limiter: new SlidingWindowLimiter(
        settings.rate_limit ?? DEFAULT_RATE_LIMIT.messages,
        DEFAULT_RATE_LIMIT.windowMs,
      ),
      runs: new Map(),
      runCount: 0,
    };
    sessions.set(ws, session);
    const id = connectionIdFor(claims, session.fault, connectionId);
    const registered = {
      userId: session.userId,
      drop: (code: number, reason: string) => ws.close(code, reason),
    };
    ctx.connections.add(id, registered);
    const welcome = welcomeFrame(session.userId, id, ctx.environment, session.fault);
    if (welcome) send(ws, welcome);
    playBenchScript(ws, claims[BENCH_CLAIM]);
    const heartbeat = setInterval(() => {
      send(ws, { type: 'heartbeat', timestamp: isoNow() });
    }, WELCOME_CONFIG.heartbeat_interval * 1000);
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(ws, session, Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), isBinary);
      } catch {
        // Whatever a frame does to the parsers (a stack-deep nesting), the server and this socket stay up.
        refuse(ws, session, 'INVALID_MESSAGE', 'the frame could not be processed');
      }
    });
    ws.on('close', () => {
      sessions.delete(ws);
      ctx.connections.remove(id, registered);
      for (const run of [...session.runs.values()]) finishRun(session, run);
      clearInterval(heartbeat);
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
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
