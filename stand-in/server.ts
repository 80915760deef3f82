import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import type { StandInContext } from './context';
import { API_ROUTES } from './http-routes';
import {
  HttpError,
  MAX_BODY_BYTES,
  applyCors,
  bodyTooLarge,
  declaredBodyBytes,
  refuseAfterBody,
  requestUrl,
  sendJson,
} from './http-io';
import { createWebSocketHandler, type StandInPlugins } from './ws-server';

const FRONTEND_DIR = join(__dirname, 'frontend');
const STATIC_FILES: Record<string, string> = {
  '/app.js': 'text/javascript; charset=utf-8',
  '/styles.css': 'text/css; charset=utf-8',
};
const APP_ROUTES = /^\/(?:login|chat(?:\/[\w-]+)?)\/?$/;

/** Bounds for a client that is slow on purpose: the whole request, and its headers, must arrive in time. */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;

/** What Node's parser could not read at all (garbage, a huge header): an answer if the socket can take one. */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

/**
 * One loopback HTTP server: the chat frontend, the REST API, auth, and the WebSocket at /ws (with what an
 * embedder plugs in: the benchmarks' scripted frames).
 */
export function createStandInServer(ctx: StandInContext, plugins: StandInPlugins = {}): Server {
  const ws = createWebSocketHandler(ctx, plugins);
  const indexHtml = readFileSync(join(FRONTEND_DIR, 'index.html'), 'utf8');

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = requestUrl(req);
    if (!url) return refuseAfterBody(req, res, new HttpError(400, 'malformed request target'));
    const declared = declaredBodyBytes(req);
    if (declared !== undefined && !(declared <= MAX_BODY_BYTES))
      return refuseAfterBody(req, res, bodyTooLarge());
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const route = API_ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (route) {
      const params = (route.pattern.exec(url.pathname) ?? []).slice(1);
      route.handler(ctx, req, res, url, params).catch((error: unknown) => {
        if (error instanceof HttpError)
          sendJson(res, error.status, { detail: error.message }, { connection: 'close' });
        else sendJson(res, 500, { detail: error instanceof Error ? error.message : 'internal error' });
      });
      return;
    }
    if (req.method !== 'GET') return sendJson(res, 405, { detail: 'Method Not Allowed' });
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/chat' }).end();
      return;
    }
    if (url.pathname === '/env.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`window.__NETRA_ENV__ = ${JSON.stringify(ctx.frontendEnv)};`);
      return;
    }
    const type = STATIC_FILES[url.pathname];
    if (type) {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(readFileSync(join(FRONTEND_DIR, url.pathname.slice(1))));
      return;
    }
    if (APP_ROUTES.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(indexHtml);
      return;
    }
    sendJson(res, 404, { detail: 'Not Found' });
  };

  const server = createServer(
    { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS },
    (req, res) => {
      try {
        handle(req, res);
      } catch (error) {
        sendJson(res, 500, { detail: error instanceof Error ? error.message : 'internal error' });
      }
    },
  );
  // `Expect: 100-continue` with a body over the limit: refused before the client sends it.
  server.on('checkContinue', (req, res) => {
    const declared = declaredBodyBytes(req);
    if (declared !== undefined && !(declared <= MAX_BODY_BYTES))
      return sendJson(res, 413, { detail: bodyTooLarge().message }, { connection: 'close' });
    res.writeContinue();
    return server.emit('request', req, res);
  });
  server.on('clientError', answerUnparsable);
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!ws.handleUpgrade(req, socket, head)) socket.destroy();
  });
  server.on('close', () => {
    ws.close();
  });
  return server;
}
