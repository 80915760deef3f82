import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../lib/setup/browser';
import { mintAccessToken } from '../lib/secrets/tokens';
import { FAST_TIMING } from '../stand-in/clock';
import { createContext } from '../stand-in/context';
import { createStandInServer } from '../stand-in/server';
import { BENCH_PLUGINS } from './stand-in-scripts';

export interface BenchStandIn {
  origin: string;
  wsUrl: string;
  secret: string;
  token(claims?: Record<string, unknown>, userId?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * An in-process stand-in on a free loopback port, for benchmark scripts (no Playwright runner needed), with
 * the benchmarks' scripted frames (bench/stand-in-scripts.ts).
 */
export async function startStandIn(): Promise<BenchStandIn> {
  const secret = randomBytes(32).toString('hex');
  const placeholder = 'http://127.0.0.1:0';
  const frontendEnv = {
    NEXT_PUBLIC_API_URL: placeholder,
    NEXT_PUBLIC_AUTH_URL: placeholder,
    NEXT_PUBLIC_WS_URL: 'ws://127.0.0.1:0/ws',
    NEXT_PUBLIC_ENVIRONMENT: 'staging',
    NEXT_PUBLIC_ENABLE_WEBSOCKET_TICKETS: false,
    socketCheckMs: FAST_TIMING.socketCheckMs,
    remountMs: FAST_TIMING.remountMs,
  };
  const ctx = createContext({ secret, environment: 'staging', timing: FAST_TIMING, frontendEnv });
  const server = createStandInServer(ctx, BENCH_PLUGINS);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  // The frontend reads its addresses at request time from the same object.
  Object.assign(frontendEnv, {
    NEXT_PUBLIC_API_URL: origin,
    NEXT_PUBLIC_AUTH_URL: origin,
    NEXT_PUBLIC_WS_URL: `ws://127.0.0.1:${port}/ws`,
  });
  return {
    origin,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    secret,
    token: (claims, userId = 'staging-e2e-user-001') =>
      mintAccessToken({
        secret,
        userId,
        email: `${userId}@staging.netrasystems.ai`,
        ...(claims ? { extraClaims: claims } : {}),
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  return chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
}

/** Prints rows as a Markdown table (what BENCHMARKS.md holds). */
export function printTable(title: string, rows: Record<string, string | number>[]): void {
  const first = rows[0];
  if (!first) return;
  const headers = Object.keys(first);
  console.log(`\n### ${title}\n`);
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`| ${headers.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${headers.map((h) => String(row[h] ?? '')).join(' | ')} |`);
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}
