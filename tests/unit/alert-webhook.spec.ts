import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { buildAlert, type AlertPayload } from '../../lib/reporting/summary/alert-message';
import { renderJobSummary, verdictLine, verdictOf } from '../../lib/reporting/summary/job-summary-markdown';
import { readReport, type PlaywrightJsonReport } from '../../lib/reporting/summary/report-tests';
import { latestWarnings, readHistory } from '../../lib/reporting/summary/trend-history';
import { postWebhook } from '../../lib/reporting/summary/webhook';

const RECORDED = 'tests/unit/fixtures/recorded';
const HISTORY = `${RECORDED}/history-14.json`;
/** The path of a Slack incoming webhook is its credential: it must never be printed. */
const SECRET_PATH = '/services/T0000/B0000/webhook-credential-xyz';
const JWT_SECRET = 'nightly-signing-secret-0123456789';

interface Received {
  path: string;
  contentType: string;
  body: string;
}

/** A local Slack-like receiver answering each POST with the next status of `statuses` (200 after them). */
async function receiver(
  statuses: number[] = [],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
      res.statusCode = statuses.shift() ?? 200;
      res.end(res.statusCode === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${SECRET_PATH}`, received, server };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Runs `use` against a receiver answering these statuses (then 200), and closes it however `use` ends. */
async function withReceiver<T>(
  statuses: number[],
  use: (receiver: { url: string; received: Received[] }) => Promise<T>,
): Promise<T> {
  const { server, ...running } = await receiver(statuses);
  try {
    return await use(running);
  } finally {
    await close(server);
  }
}

/** `scripts/alert.ts` as the nightly runs it. */
function runAlert(args: string[], webhook: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/alert.ts', '--title=Nightly against staging', ...args],
    {
      env: { ...process.env, NETRA_ALERT_WEBHOOK: webhook, NETRA_JWT_SECRET: JWT_SECRET, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** Slack's incoming-webhook shape: a `text` fallback and blocks of header, mrkdwn sections and context. */
function expectSlackPayload(body: string): AlertPayload {
  const payload = JSON.parse(body) as AlertPayload;
  expect(typeof payload.text).toBe('string');
  expect(payload.blocks[0]?.type).toBe('header');
  for (const block of payload.blocks) {
    expect(['header', 'section', 'context']).toContain(block.type);
    if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(3000);
  }
  return payload;
}

function alertOf(report: PlaywrightJsonReport, warn: boolean) {
  const summary = { title: 'Nightly', reports: [{ name: 'nightly.json', report }] };
  return buildAlert({
    title: 'Nightly',
    ok: renderJobSummary(summary).ok,
    summary,
    warnings: warn ? latestWarnings(readHistory(HISTORY)) : [],
    runUrl: 'https://github.com/example/netra-apex-e2e/actions/runs/1',
    verdictOf: (t) => verdictOf(t) ?? '(none)',
    verdictLine,
    redact: (text) => text.split(JWT_SECRET).join('[redacted]'),
  });
}

test.describe('nightly alert to a webhook', () => {
  test('a red recorded run: one well-formed alert with verdict lines, drifted fields and the run link', async () => {
    await withReceiver([], async ({ url, received }) => {
      const history = `--history=${HISTORY}`;
      const run = await runAlert(
        [
          history,
          '--run-url=https://github.com/example/netra-apex-e2e/actions/runs/1',
          `${RECORDED}/red-run.json`,
        ],
        url,
      );
      expect(run.output).toContain('alert: sent to NETRA_ALERT_WEBHOOK (HTTP 200)');
      expect(received).toHaveLength(1);
      const [post] = received;
      expect(post?.path).toBe(SECRET_PATH);
      expect(post?.contentType).toBe('application/json');
      const payload = expectSlackPayload(post?.body ?? '');
      expect(payload.text).toMatch(
        /^Nightly against staging: red: 4 failed test\(s\) \(protocol-drift ×2, connection-lost ×1, ui-broken ×1\)/,
      );
      const text = JSON.stringify(payload);
      expect(text).toContain('*Verdict lines*');
      expect(text).toContain(
        '[protocol-drift] phase \\"welcome\\": the first server frame does not match the welcome schema',
      );
      expect(text).toContain('ui-broken: status: agent-processing is shown while the agent works');
      expect(text).toContain('*Drifted fields*');
      expect(text).toContain(
        'welcome: type expected \\"system_message\\", received \\"connection_established\\"',
      );
      expect(text).toContain('*Latency warnings*');
      expect(text).toContain('<https://github.com/example/netra-apex-e2e/actions/runs/1|Open the run');
      // Secret-safe: neither the webhook nor its host is ever printed.
      expect(run.output).not.toContain(SECRET_PATH);
      expect(run.output).not.toContain(new URL(url).host);
    });
  });

  test('a green recorded run sends nothing; a green run whose latency warns does', async () => {
    await withReceiver([], async ({ url, received }) => {
      const run = await runAlert([`${RECORDED}/green-run.json`], url);
      expect(run.output).toContain('nothing to send');
      expect(run.code).toBe(0);
      expect(received).toHaveLength(0);
    });
    const green = readReport(`${RECORDED}/green-run.json`);
    expect(alertOf(green, false)).toBeUndefined();
    const warned = alertOf(green, true);
    expect(warned?.text).toMatch(/^Nightly: green, with a latency warning/);
    expect(JSON.stringify(warned)).toContain('final_report p95 11800 ms is 1.64× the median 7200 ms');
  });

  test('secrets in an error line are redacted before they leave', () => {
    const red = structuredClone(readReport(`${RECORDED}/red-run.json`));
    const error = red.suites[0]?.suites?.[0]?.specs?.[0]?.tests[0]?.results.at(-1)?.errors?.[0];
    expect(error, 'the recorded red run has an error to plant a secret in').toBeDefined();
    Object.assign(error ?? {}, { message: `[protocol-drift] phase "welcome": signed with ${JWT_SECRET}` });
    const text = JSON.stringify(alertOf(red, false));
    expect(text).toContain('signed with [redacted]');
    expect(text).not.toContain(JWT_SECRET);
  });

  test('retries are bounded: 503s are retried, a 400 is final, an unreachable receiver gives up', async () => {
    await withReceiver([503, 503], async (flaky) => {
      const outcome = await postWebhook(flaky.url, { text: 'x' }, { attempts: 3, backoffMs: [10] });
      expect(outcome).toEqual({ delivered: true, attempts: 3, status: 200 });
      expect(flaky.received).toHaveLength(3);
    });
    await withReceiver([500, 500, 500, 500, 500], async (down) => {
      const outcome = await postWebhook(down.url, { text: 'x' }, { attempts: 3, backoffMs: [10] });
      expect(outcome).toMatchObject({ delivered: false, attempts: 3, status: 500 });
      expect(down.received).toHaveLength(3);
    });
    const refusedUrl = await withReceiver([400], async (refused) => {
      const outcome = await postWebhook(refused.url, { text: 'x' }, { attempts: 3, backoffMs: [10] });
      expect(outcome).toEqual({ delivered: false, attempts: 1, status: 400 });
      return refused.url;
    });
    // Nothing listens there any more: network errors, retried, and the reason never names the URL.
    const outcome = await postWebhook(refusedUrl, { text: 'x' }, { attempts: 2, backoffMs: [10] });
    expect(outcome.delivered).toBe(false);
    expect(outcome.attempts).toBe(2);
    expect(outcome.reason).not.toContain(SECRET_PATH);
    expect(outcome.reason).not.toContain(new URL(refusedUrl).host);
  });
});
