import type { AddressInfo } from 'node:net';
import { timingFromEnv } from './clock';
import { createContext, secretProblem } from './context';
import { createStandInServer } from './server';

/**
 * Starts the stand-in of Netra staging on loopback. `npm run stand-in` (port 4400 by default) or Playwright's
 * webServer for the `local` project. Env: STANDIN_PORT, STANDIN_JWT_SECRET (required), STANDIN_TIMING, and the
 * frontend's NEXT_PUBLIC_API_URL / NEXT_PUBLIC_AUTH_URL / NEXT_PUBLIC_WS_URL / NEXT_PUBLIC_ENVIRONMENT /
 * NEXT_PUBLIC_ENABLE_WEBSOCKET_TICKETS (default: this server's own origin).
 */
const env = process.env;
const port = Number(env.STANDIN_PORT ?? 4400);
const secret = env.STANDIN_JWT_SECRET ?? '';
const problem = secretProblem(secret);
if (problem) {
  console.error(`stand-in: STANDIN_JWT_SECRET must be set and ${problem}; it is never defaulted.`);
  process.exit(2);
}
const origin = `http://127.0.0.1:${port}`;
const timing = timingFromEnv(env);
const ctx = createContext({
  secret,
  environment: env.NEXT_PUBLIC_ENVIRONMENT ?? 'staging',
  timing,
  frontendEnv: {
    NEXT_PUBLIC_API_URL: env.NEXT_PUBLIC_API_URL ?? origin,
    NEXT_PUBLIC_AUTH_URL: env.NEXT_PUBLIC_AUTH_URL ?? origin,
    NEXT_PUBLIC_WS_URL: env.NEXT_PUBLIC_WS_URL ?? `ws://127.0.0.1:${port}/ws`,
    NEXT_PUBLIC_ENVIRONMENT: env.NEXT_PUBLIC_ENVIRONMENT ?? 'staging',
    NEXT_PUBLIC_ENABLE_WEBSOCKET_TICKETS: env.NEXT_PUBLIC_ENABLE_WEBSOCKET_TICKETS === 'true',
    socketCheckMs: timing.socketCheckMs,
    remountMs: timing.remountMs,
  },
});
const server = createStandInServer(ctx);
server.listen(port, '127.0.0.1', () => {
  // The port actually bound: STANDIN_PORT=0 picks a free one, and the frontend's defaults follow it.
  const bound = (server.address() as AddressInfo).port;
  if (port === 0) {
    const self = `http://127.0.0.1:${bound}`;
    if (!env.NEXT_PUBLIC_API_URL) ctx.frontendEnv.NEXT_PUBLIC_API_URL = self;
    if (!env.NEXT_PUBLIC_AUTH_URL) ctx.frontendEnv.NEXT_PUBLIC_AUTH_URL = self;
    if (!env.NEXT_PUBLIC_WS_URL) ctx.frontendEnv.NEXT_PUBLIC_WS_URL = `ws://127.0.0.1:${bound}/ws`;
  }
  console.log(
    `stand-in: Netra staging stand-in listening on http://127.0.0.1:${bound} (timing: ${env.STANDIN_TIMING ?? 'fast'})`,
  );
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
