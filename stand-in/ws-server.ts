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
import { isoNow } from './clock';
import type { StandInContext } from './context';
import { FAULT_CLAIM, isFaultMode, type FaultMode } from './faults';
import { WELCOME_CONFIG, agentRunFrames, connectionId, errorFrame, welcomeFrame } from './frames';
import { bearerToken } from './http-io';

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return header
    ? header
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : [];
}

/** The token a browser or client presented: ticket, then subprotocol, then Authorization header. */
function presentedToken(ctx: StandInContext, req: IncomingMessage, url: URL): string | undefined {
  const ticket = url.searchParams.get(WS_TICKET_PARAM);
  if (ticket) return ctx.tickets.redeem(ticket);
  return tokenFromSubprotocols(offeredProtocols(req)) ?? bearerToken(req);
}

interface Session {
  userId: string;
  fault: FaultMode | undefined;
  timers: Set<NodeJS.Timeout>;
}

/** `/ws`: authenticates on upgrade, sends the welcome, heartbeats, and answers chat with a scripted run. */
export function createWebSocketHandler(ctx: StandInContext) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(WS_AUTH_SUBPROTOCOL) ? WS_AUTH_SUBPROTOCOL : false),
  });

  const later = (session: Session, ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      session.timers.delete(timer);
      action();
    }, ms);
    session.timers.add(timer);
  };

  const send = (ws: WebSocket, frame: object) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const runAgent = (ws: WebSocket, session: Session, text: string, threadId: string | undefined) => {
    if (threadId) ctx.threads.addMessage(session.userId, threadId, 'user', text);
    const frames = agentRunFrames(text, threadId, session.fault);
    frames.forEach((frame, i) => {
      later(session, ctx.timing.eventGapMs * (i + 1), () => {
        send(ws, frame);
        const summary = (frame as { type?: string; payload?: { executive_summary?: string } }).payload
          ?.executive_summary;
        if (threadId && summary) ctx.threads.addMessage(session.userId, threadId, 'assistant', summary);
        if (session.fault === 'close-early' && i === frames.length - 1)
          ws.close(1011, 'stand-in fault: close-early');
      });
    });
  };

  const onMessage = (ws: WebSocket, session: Session, data: Buffer, isBinary: boolean) => {
    if (isBinary) return send(ws, errorFrame('BINARY_NOT_SUPPORTED', 'binary frames are not accepted'));
    if (data.length > WELCOME_CONFIG.max_message_size) {
      return send(
        ws,
        errorFrame(
          'MESSAGE_TOO_LARGE',
          `frame of ${data.length} bytes exceeds ${WELCOME_CONFIG.max_message_size}`,
        ),
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return send(ws, errorFrame('INVALID_JSON', 'frame is not valid JSON'));
    }
    const parsed = ClientFrameSchema.safeParse(json);
    if (!parsed.success) {
      const type = (json as { type?: unknown } | null)?.type;
      return send(
        ws,
        errorFrame('INVALID_MESSAGE', `unknown or malformed message type ${JSON.stringify(type)}`),
      );
    }
    const frame = parsed.data;
    if (frame.type === 'ping') return send(ws, { type: 'pong', timestamp: frame.timestamp ?? Date.now() });
    const text = chatTextOf(frame);
    if (text !== undefined) runAgent(ws, session, text, chatThreadOf(frame));
    return undefined;
  };

  const accept = (ws: WebSocket, claims: { sub: string } & Record<string, unknown>) => {
    const rawFault = claims[FAULT_CLAIM];
    const session: Session = {
      userId: claims.sub,
      fault: isFaultMode(rawFault) ? rawFault : undefined,
      timers: new Set(),
    };
    const welcome = welcomeFrame(session.userId, connectionId(), ctx.environment, session.fault);
    if (welcome) send(ws, welcome);
    const heartbeat = setInterval(() => {
      send(ws, { type: 'heartbeat', timestamp: isoNow() });
    }, WELCOME_CONFIG.heartbeat_interval * 1000);
    ws.on('message', (data, isBinary) => {
      onMessage(ws, session, Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), isBinary);
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      for (const timer of session.timers) clearTimeout(timer);
    });
  };

  return {
    /** Returns true when it took the upgrade. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (url.pathname !== WS_PATH) return false;
      void (async () => {
        const claims = await ctx.authenticate(presentedToken(ctx, req, url));
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (!claims) ws.close(WS_CLOSE_POLICY_VIOLATION, 'Authentication failed');
          else accept(ws, claims);
        });
      })();
      return true;
    },
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
