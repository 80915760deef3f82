import WebSocket, { type RawData } from 'ws';
import { WS_TICKET_PARAM, type ClientFrame } from '../protocol';
import type { FrameLog } from '../recorder/frame-log';
import { tokenSubprotocols } from '../secrets/tokens';

/** The three ways a client authenticates its WebSocket upgrade. */
export type SocketAuth =
  | { kind: 'subprotocol'; token: string }
  | { kind: 'ticket'; ticketId: string }
  | { kind: 'bearer'; token: string };

const AUTH_LABELS: Record<SocketAuth['kind'], string> = {
  subprotocol: 'subprotocols jwt-auth + jwt.<token>',
  ticket: 'the ticket query parameter',
  bearer: 'Authorization: Bearer',
};

/** How a socket authenticated, in words, for failure messages (never the credential itself). */
export const describeSocketAuth = (auth: SocketAuth): string => AUTH_LABELS[auth.kind];

export interface ClientSocket {
  /** This socket's index in the frame log (`#n` in failure messages). */
  readonly index: number;
  readonly auth: SocketAuth;
  /** The subprotocol the server selected in `Sec-WebSocket-Protocol` ('' for none). */
  readonly protocol: string;
  /** Why the upgrade failed before the socket opened (HTTP status, missing subprotocol, network), if it did. */
  readonly refusal: string | undefined;
  /** Sends a client frame as JSON, recording it in the frame log first. */
  send(frame: ClientFrame): void;
  close(): void;
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function openingOptions(
  wsUrl: string,
  auth: SocketAuth,
): { url: string; protocols: string[]; headers: Record<string, string> } {
  if (auth.kind === 'ticket') {
    const url = new URL(wsUrl);
    url.searchParams.set(WS_TICKET_PARAM, auth.ticketId);
    return { url: url.toString(), protocols: [], headers: {} };
  }
  if (auth.kind === 'subprotocol')
    return { url: wsUrl, protocols: tokenSubprotocols(auth.token), headers: {} };
  return { url: wsUrl, protocols: [], headers: { authorization: `Bearer ${auth.token}` } };
}

/**
 * A Node WebSocket client whose frames, both directions, and close code go into the same `FrameLog` as a
 * page's, so `expectWelcome`, `expectCriticalRun` and `waitOnFrames` work unchanged. Resolves once the socket
 * is open or the upgrade has failed (`refusal` says why; the log records the socket as closed).
 */
export function connectRecordedClient(
  log: FrameLog,
  options: { wsUrl: string; auth: SocketAuth; handshakeTimeoutMs: number },
): Promise<ClientSocket> {
  const { url, protocols, headers } = openingOptions(options.wsUrl, options.auth);
  const index = log.openSocket(`${url} (auth: ${describeSocketAuth(options.auth)})`);
  const ws = new WebSocket(url, protocols, { headers, handshakeTimeout: options.handshakeTimeoutMs });
  let refusal: string | undefined;
  const client: ClientSocket = {
    index,
    auth: options.auth,
    get protocol() {
      return ws.protocol;
    },
    get refusal() {
      return refusal;
    },
    send(frame) {
      const text = JSON.stringify(frame);
      log.record(index, 'sent', text);
      ws.send(text);
    },
    close() {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000, 'client done');
    },
  };
  ws.on('message', (data, isBinary) => {
    log.record(index, 'received', isBinary ? Buffer.from(textOf(data)) : textOf(data));
  });
  ws.on('close', (code, reason) => {
    log.closeSocket(index, code, reason.length ? reason.toString('utf8') : undefined);
  });
  return new Promise((resolve) => {
    ws.once('open', () => {
      resolve(client);
    });
    ws.on('error', (error) => {
      if (ws.readyState !== WebSocket.OPEN) refusal ??= error.message;
      log.closeSocket(index, undefined, error.message);
      resolve(client);
    });
  });
}
