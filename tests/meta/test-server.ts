import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { childEnv } from './run-suite';

/** One message of Playwright's test-server report stream (its teleReporter protocol). */
export interface ReportEvent {
  method: string;
  params: unknown;
}

interface Reply {
  id?: number;
  result?: unknown;
  error?: string;
  method?: string;
  params?: { method?: string; params?: unknown };
}

export interface TestServer {
  /** Calls a method of the test server (`listTests`, `runTests`, …) and returns its result. */
  call(method: string, params: object): Promise<unknown>;
  /** The `report` events the server has sent so far (a run's onBegin, onTestEnd, onEnd, …). */
  readonly reports: ReportEvent[];
  close(): Promise<void>;
}

/**
 * `playwright test-server` on our config, as the VS Code extension starts it (UI mode runs the same server in
 * its own process): the argv holds no `--project`, the projects are chosen per call.
 */
export async function startTestServer(env: Record<string, string>, timeoutMs = 30_000): Promise<TestServer> {
  const child = spawn(process.execPath, [require.resolve('@playwright/test/cli'), 'test-server'], {
    env: { ...childEnv(), FORCE_COLOR: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no test server within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (ws:\S+)/.exec(output);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the test server exited with ${code}:\n${output}`)));
  });
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, (reply: Reply) => void>();
  const reports: ReportEvent[] = [];
  // The server sends text frames: one JSON message each.
  socket.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString('utf8')) as Reply;
    if (reply.id !== undefined) pending.get(reply.id)?.(reply);
    else if (reply.method === 'report' && reply.params?.method)
      reports.push({ method: reply.params.method, params: reply.params.params });
  });
  let lastId = 0;
  const call = (method: string, params: object) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      const timer = setTimeout(
        () => reject(new Error(`${method}: no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.error) reject(new Error(`${method}: ${reply.error}`));
        else resolve(reply.result);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call('initialize', { closeOnDisconnect: true });
  return {
    call,
    reports,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      socket.close();
      child.kill();
      await exited;
    },
  };
}
