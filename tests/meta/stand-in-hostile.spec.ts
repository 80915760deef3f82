import WebSocket from 'ws';
import { expect, test } from '@playwright/test';
import { REST_PATHS } from '../../lib/protocol';
import { mintAccessToken, mintForgedToken } from '../../lib/secrets/tokens';
import { faultClaims } from '../../stand-in/contract';
import { rawExchange, type RawOutcome } from './hostile-http';
import { hostileClientFrames, hostileHttpInputs, type HostileInput } from './hostile-inputs';
import { openSocket, startStandInProcess, type StandInProcess } from './stand-in-process';

/** One hostile exchange may take this long (an incomplete request is then abandoned); 8 run at a time. */
const INPUT_DEADLINE_MS = 3_000;
const PARALLEL = 8;
const SOCKET_DEADLINE_MS = 3_000;
const USER = { userId: 'hostile-user-001', email: 'hostile-user-001@staging.netrasystems.ai' };

let standIn: StandInProcess;

const mint = (claims: Record<string, unknown> = {}, userId = USER.userId) =>
  mintAccessToken({ secret: standIn.secret, ...USER, userId, extraClaims: claims });
const mintRefresh = () => mint({ type: 'refresh' });

async function post(path: string, body: unknown, bearer?: string): Promise<number> {
  const response = await fetch(`${standIn.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(INPUT_DEADLINE_MS),
  });
  return response.status;
}

/** The stand-in is up: its process runs, /health/ready answers and a fresh socket gets its welcome. */
async function expectServing(after: string): Promise<void> {
  expect(standIn.child.exitCode, `the stand-in process is still running after ${after}`).toBeNull();
  const health = await fetch(`${standIn.origin}${REST_PATHS.healthReady}`, {
    signal: AbortSignal.timeout(INPUT_DEADLINE_MS),
  });
  expect(health.status, `GET /health/ready after ${after}`).toBe(200);
  const socket = await openSocket(standIn.wsUrl, { subprotocol: await mint() }, SOCKET_DEADLINE_MS);
  expect(socket.firstType, `a fresh socket is welcomed after ${after}`).toBe('system_message');
}

function judge(input: HostileInput, outcome: RawOutcome): string | undefined {
  if (outcome.answered && !input.statuses.includes(outcome.status ?? 0))
    return `${input.name}: answered HTTP ${outcome.status}, expected ${input.statuses.join('/')}`;
  if (outcome.answered) return undefined;
  if (input.mustAnswer && !(input.mayWait && outcome.silent))
    return `${input.name}: no answer (${outcome.reset ? 'connection reset' : outcome.silent ? 'silence' : 'closed'})`;
  return undefined;
}

/** Sends every input, PARALLEL at a time; returns each one's problem, if any, and how each ended. */
async function throwAll(inputs: HostileInput[]): Promise<{ problems: string[]; outcomes: RawOutcome[] }> {
  const problems: string[] = [];
  const outcomes: RawOutcome[] = [];
  for (let i = 0; i < inputs.length; i += PARALLEL) {
    const batch = inputs.slice(i, i + PARALLEL);
    const results = await Promise.all(
      batch.map((input) => rawExchange(standIn.port, input.send, INPUT_DEADLINE_MS)),
    );
    results.forEach((outcome, j) => {
      const input = batch[j];
      const problem = input && judge(input, outcome);
      if (problem) problems.push(problem);
      outcomes.push(outcome);
    });
  }
  return { problems, outcomes };
}

/** Sends client frames over authenticated sockets, opening a new one whenever the server closes one. */
async function sendFrames(
  frames: { payload: string | Buffer }[],
): Promise<{ sockets: number; closes: number[] }> {
  const token = await mint();
  const closes: number[] = [];
  let sockets = 0;
  let socket: WebSocket | undefined;
  const open = () =>
    new Promise<WebSocket>((resolve, reject) => {
      sockets += 1;
      const ws = new WebSocket(standIn.wsUrl, [
        'jwt-auth',
        `jwt.${Buffer.from(token).toString('base64url')}`,
      ]);
      const timer = setTimeout(() => reject(new Error('socket did not open')), SOCKET_DEADLINE_MS);
      ws.on('open', () => {
        clearTimeout(timer);
        resolve(ws);
      });
      ws.on('close', (code) => closes.push(code));
      ws.on('error', () => undefined);
    });
  for (const frame of frames) {
    if (socket?.readyState !== WebSocket.OPEN) socket = await open();
    const sent = socket;
    await new Promise<void>((resolve) =>
      sent.send(frame.payload, { binary: typeof frame.payload !== 'string' }, () => resolve()),
    );
  }
  socket?.close();
  return { sockets, closes };
}

test.describe('the stand-in, started as anyone might start it, survives hostile input', () => {
  test.beforeAll(async () => {
    const started = await startStandInProcess();
    if (!started.running) throw new Error(`the stand-in did not start: ${started.output}`);
    standIn = started.running;
  });

  test.afterAll(() => standIn.stop());

  test('a signing secret shorter than 32 bytes is refused at start', async () => {
    const short = await startStandInProcess('s'.repeat(31));
    short.running?.stop();
    expect(short.running, 'a 31-byte secret starts no server').toBeUndefined();
    expect(short.exitCode, short.output).toBe(2);
    expect(short.output).toContain('at least 32 bytes (HS256), it has 31');

    const exact = await startStandInProcess('s'.repeat(32));
    exact.running?.stop();
    expect(exact.running, `a 32-byte secret starts one: ${exact.output}`).toBeDefined();
  });

  test('malformed target, raw garbage and an oversized body get 400, 400 and 413', async () => {
    const target = await rawExchange(
      standIn.port,
      ['GET http://a:99999/ HTTP/1.1\r\nHost: a\r\n\r\n'],
      INPUT_DEADLINE_MS,
    );
    expect(target.status, 'GET http://a:99999/').toBe(400);
    const garbage = await rawExchange(standIn.port, ['\u0016\u0003\u0001 hello\r\n\r\n'], INPUT_DEADLINE_MS);
    expect(garbage.status, 'raw garbage').toBe(400);
    const oversized = await post(REST_PATHS.validateToken, { token: 'a'.repeat(200 * 1024) });
    expect(oversized, 'a 200 KiB body: 413, not a reset').toBe(413);
    await expectServing('the named hostile requests');
  });

  test('a refresh token is no access token, and an access token no refresh token', async () => {
    const refresh = await mintRefresh();
    const threads = await fetch(`${standIn.origin}/api/threads`, {
      headers: { authorization: `Bearer ${refresh}` },
      signal: AbortSignal.timeout(INPUT_DEADLINE_MS),
    });
    expect(threads.status, 'GET /api/threads with a refresh token').toBe(401);
    expect(await post(REST_PATHS.validateToken, { token: refresh }), 'validating a refresh token').toBe(401);
    const socket = await openSocket(standIn.wsUrl, { subprotocol: refresh }, SOCKET_DEADLINE_MS);
    expect(socket.closeCode, 'a socket opened with a refresh token is closed with 1008').toBe(1008);
    expect(
      await post(REST_PATHS.refresh, { refresh_token: await mint() }),
      'refreshing with an access token',
    ).toBe(401);
    expect(
      await post(REST_PATHS.refresh, { refresh_token: refresh }),
      'refreshing with the refresh token',
    ).toBe(200);
  });

  test('accept-forged-token is honoured only for a forged token that carries a grant made with the secret', async () => {
    const forged = (userId: string, claims: Record<string, string>) =>
      mintForgedToken({ ...USER, userId, extraClaims: claims });
    const named = await forged('forger-001', faultClaims('accept-forged-token'));
    expect(
      await post(REST_PATHS.validateToken, { token: named }),
      'a forged token naming the fault itself',
    ).toBe(401);
    const bearer = await openSocket(standIn.wsUrl, { bearer: named }, SOCKET_DEADLINE_MS);
    expect(bearer.closeCode, 'its socket is closed with 1008').toBe(1008);
    const otherSecret = faultClaims('accept-forged-token', { secret: 'x'.repeat(32), userId: 'forger-001' });
    expect(await post(REST_PATHS.validateToken, { token: await forged('forger-001', otherSecret) })).toBe(
      401,
    );
    const otherUser = faultClaims('accept-forged-token', { secret: standIn.secret, userId: 'forger-002' });
    expect(await post(REST_PATHS.validateToken, { token: await forged('forger-001', otherUser) })).toBe(401);

    const granted = faultClaims('accept-forged-token', { secret: standIn.secret, userId: 'forger-001' });
    const selected = await forged('forger-001', granted);
    expect(await post(REST_PATHS.validateToken, { token: selected }), 'selected by the secret holder').toBe(
      200,
    );
    const socket = await openSocket(standIn.wsUrl, { bearer: selected }, SOCKET_DEADLINE_MS);
    expect(socket.firstType, 'its socket is welcomed (the fault at work)').toBe('system_message');
  });

  test('at least 200 hostile HTTP and WebSocket inputs: each answered or closed, and the stand-in stays up', async () => {
    const inputs = hostileHttpInputs(await mint());
    const frames = hostileClientFrames();
    expect(inputs.length + frames.length, 'hostile inputs in all').toBeGreaterThanOrEqual(200);

    const http = await test.step(`${inputs.length} raw HTTP and upgrade inputs`, () => throwAll(inputs));

    expect(http.problems, 'inputs answered wrongly or not at all').toEqual([]);
    await expectServing('the raw HTTP inputs');

    const ws = await test.step(`${frames.length} hostile client frames`, () => sendFrames(frames));

    await expectServing('the hostile client frames');

    const count = (predicate: (o: RawOutcome) => boolean) => http.outcomes.filter(predicate).length;
    test.info().annotations.push({
      type: 'hostile-inputs',
      description:
        `${inputs.length + frames.length} inputs: ${inputs.length} raw HTTP/upgrade (${count((o) => o.answered)} answered, ` +
        `${count((o) => !o.answered && !o.silent)} closed, ${count((o) => o.silent)} left waiting), ` +
        `${frames.length} client frames over ${ws.sockets} socket(s) (closes: ${ws.closes.join(', ') || 'none'})`,
    });
    expect(standIn.stderr(), 'nothing on the stand-in stderr (no crash trace)').toBe('');
  });
});
