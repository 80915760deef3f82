import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { StandInContext } from './context';
import { API_ROUTES } from './http-routes';
import { applyCors, sendJson } from './http-io';
import { createWebSocketHandler } from './ws-server';

const FRONTEND_DIR = join(__dirname, 'frontend');
const STATIC_FILES: Record<string, string> = {
  '/app.js': 'text/javascript; charset=utf-8',
  '/styles.css': 'text/css; charset=utf-8',
};
const APP_ROUTES = /^\/(?:login|chat(?:\/[\w-]+)?)\/?$/;

/** One loopback HTTP server: the chat frontend, the REST API, auth, and the WebSocket at /ws. */
export function createStandInServer(ctx: StandInContext): Server {
  const ws = createWebSocketHandler(ctx);
  const indexHtml = readFileSync(join(FRONTEND_DIR, 'index.html'), 'utf8');

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const route = API_ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (route) {
      const params = (route.pattern.exec(url.pathname) ?? []).slice(1);
      route.handler(ctx, req, res, url, params).catch((error: unknown) => {
        sendJson(res, 500, { detail: error instanceof Error ? error.message : 'internal error' });
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
  });

  server.on('upgrade', (req, socket, head) => {
    if (!ws.handleUpgrade(req, socket, head)) socket.destroy();
  });
  server.on('close', () => {
    ws.close();
  });
  return server;
}
