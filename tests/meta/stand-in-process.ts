import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { tokenSubprotocols } from '../../lib/secrets/tokens';

export interface StandInProcess {
  origin: string;
  wsUrl: string;
  port: number;
  secret: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far. */
  stderr: () => string;
  stop: () => void;
}

/**
 * `npm run stand-in` as anyone would start it (its own process, `STANDIN_PORT=0` on loopback), so a crash shows
 * as an exited process rather than a broken test worker. Resolves once it listens, or with its exit.
 */
export interface StartOutcome {
  /** The listening stand-in, or undefined when it exited (or did not listen in time). */
  running: StandInProcess | undefined;
  exitCode: number | null;
  output: string;
}

export function startStandInProcess(
  secret = randomBytes(32).toString('hex'),
  withinMs = 20_000,
): Promise<StartOutcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'stand-in/main.ts'], {
    env: { ...process.env, STANDIN_PORT: '0', STANDIN_JWT_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({
        running: undefined,
        exitCode: null,
        output: `${stdout}${stderr}(did not listen within ${withinMs} ms)`,
      });
    }, withinMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1] ?? 0);
      if (!port) return;
      clearTimeout(timer);
      const running: StandInProcess = {
        origin: `http://127.0.0.1:${port}`,
        wsUrl: `ws://127.0.0.1:${port}/ws`,
        port,
        secret,
        child,
        stderr: () => stderr,
        stop: () => child.kill('SIGTERM'),
      };
      resolve({ running, exitCode: null, output: stdout });
    });
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ running: undefined, exitCode, output: `${stdout}${stderr}` });
    });
  });
}

export interface SocketOutcome {
  /** The first frame's `type` (a welcome is `system_message`), if one arrived before the close. */
  firstType: string | undefined;
  closeCode: number | undefined;
  /** The upgrade was answered with an HTTP status instead of 101. */
  httpStatus: number | undefined;
}

/** Opens /ws with a token (subprotocol or Bearer) and reports the first frame or the close, within the deadline. */
export function openSocket(
  wsUrl: string,
  auth: { subprotocol?: string; bearer?: string },
  withinMs: number,
): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl, auth.subprotocol ? tokenSubprotocols(auth.subprotocol) : [], {
      headers: auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {},
    });
    const outcome: SocketOutcome = { firstType: undefined, closeCode: undefined, httpStatus: undefined };
    const done = () => {
      clearTimeout(timer);
      socket.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(done, withinMs);
    socket.on('message', (data: Buffer) => {
      try {
        outcome.firstType ??= String((JSON.parse(data.toString('utf8')) as { type?: unknown }).type);
      } catch {
        outcome.firstType ??= '(not JSON)';
      }
      done();
    });
    socket.on('unexpected-response', (_req, res) => {
      outcome.httpStatus = res.statusCode;
      done();
    });
    socket.on('close', (code) => {
      outcome.closeCode = code;
      done();
    });
    socket.on('error', () => done());
  });
}
