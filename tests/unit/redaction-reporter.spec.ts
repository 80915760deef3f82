import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import type { FullConfig, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { credentialNeedles, scanArtifacts, scanBytes } from '../../lib/secrets/leak-scan';
import { mintAccessToken } from '../../lib/secrets/tokens';
import RedactionReporter from '../../lib/reporting/reporters/redaction-reporter';

/** The reporter reads the run's secrets from the environment, as in a real run (playwright.config.ts sets it). */
const SECRET = process.env.NETRA_STANDIN_SECRET ?? '';
const needles = credentialNeedles([SECRET]);

function step(message: string): TestStep {
  return {
    title: 'GET /api/threads',
    error: { message },
    steps: [],
    annotations: [],
    attachments: [],
  } as unknown as TestStep;
}

/** What Playwright hands reporters for a failed API check, with the token everywhere it was seen to go. */
function leakyResult(token: string, tracePath: string): { test: TestCase; result: TestResult } {
  const callLog = `apiRequestContext.get: connect ECONNREFUSED\nCall log:\n    - authorization: Bearer ${token}`;
  const result = {
    status: 'failed',
    error: { message: callLog, stack: `Error: ${callLog}\n    at spec.ts:1:1` },
    errors: [{ message: callLog, stack: `Error: ${callLog}`, cause: { message: `secret ${SECRET}` } }],
    stdout: [`signed in with ${token}\n`, Buffer.from(`jwt.${Buffer.from(token).toString('base64url')}\n`)],
    stderr: [`Bearer ${token}\n`],
    annotations: [{ type: 'verdict', description: `staging-unreachable: Bearer ${token}` }],
    attachments: [
      {
        name: 'websocket-frames.json',
        contentType: 'application/json',
        body: Buffer.from(`{"t":"${token}"}`),
      },
      { name: 'trace', contentType: 'application/zip', path: tracePath },
    ],
    steps: [step(callLog)],
  } as unknown as TestResult;
  const testCase = { annotations: [{ type: 'note', description: token }] } as unknown as TestCase;
  return { test: testCase, result };
}

test.describe('the redaction reporter, listed first, redacts what every later reporter sees', () => {
  let dir = '';
  let token = '';
  let reporter: RedactionReporter;
  /** What the reporter said: kept here, never printed, so the unit run shows no verdict-like line. */
  let said: string[] = [];

  test.beforeEach(async () => {
    expect(SECRET.length, 'the run secret from playwright.config.ts').toBeGreaterThanOrEqual(32);
    dir = mkdtempSync(join(tmpdir(), 'netra-reporter-'));
    token = await mintAccessToken({ secret: SECRET, userId: 'u-1', email: 'u@example.com' });
    said = [];
    reporter = new RedactionReporter({ workersGoneWithinMs: 300, log: (line) => said.push(line) });
    reporter.onBegin({ projects: [{ outputDir: dir }] } as unknown as FullConfig);
  });

  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('onTestEnd: errors, steps, stdout, annotations, inline attachments and the trace file', () => {
    const tracePath = join(dir, 'a-test', 'trace.zip');
    mkdirSync(join(dir, 'a-test'));
    writeFileSync(tracePath, zipSync({ 'trace.network': strToU8(`authorization: Bearer ${token}`) }));
    const { test: testCase, result } = leakyResult(token, tracePath);
    expect(scanBytes('before', strToU8(JSON.stringify(result)), needles), 'the fixture leaks').not.toEqual(
      [],
    );

    reporter.onTestEnd(testCase, result);
    const everything = JSON.stringify({
      ...result,
      stdout: result.stdout.map(String),
      attachments: result.attachments.map((a) => ({ ...a, body: a.body?.toString('latin1') })),
      testAnnotations: testCase.annotations,
    });
    expect(scanBytes('result', strToU8(everything), needles)).toEqual([]);
    expect(result.errors[0]?.message).toContain('authorization: Bearer [redacted');
    expect(scanArtifacts([dir], needles).hits, 'the trace on disk').toEqual([]);
  });

  test('onStepEnd and onError redact in place', () => {
    const apiStep = step(`authorization: Bearer ${token}`);
    reporter.onStepEnd({} as TestCase, {} as TestResult, apiStep);
    expect(apiStep.error?.message).toBe('authorization: Bearer [redacted-jwt]');
    const error = { message: `global setup saw ${SECRET}` };
    reporter.onError(error);
    expect(error.message).toBe('global setup saw [redacted]');
  });

  test('onEnd sweeps scratch folders, deletes an unreadable zip, fails the run and prints nothing on stdout', async () => {
    const scratch = join(dir, '.playwright-artifacts-3', 'traces');
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, 'live.network'), `{"authorization":"Bearer ${token}"}`);
    const broken = join(dir, 'other-test', 'trace.zip');
    mkdirSync(join(dir, 'other-test'));
    writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]));

    const stdout: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string) => stdout.push(chunk) > 0;
    let outcome;
    try {
      outcome = await reporter.onEnd({ status: 'passed' } as Parameters<RedactionReporter['onEnd']>[0]);
    } finally {
      process.stdout.write = write;
    }
    expect(outcome, 'an artifact that could not be proven clean fails the run').toEqual({ status: 'failed' });
    expect(existsSync(broken), 'the unreadable zip is gone').toBe(false);
    expect(readFileSync(join(scratch, 'live.network'), 'utf8')).toBe(
      '{"authorization":"Bearer [redacted-jwt]"}',
    );
    expect(scanArtifacts([dir], needles).hits).toEqual([]);
    expect(stdout, 'the reporter writes to stderr only').toEqual([]);
    expect(said.at(-1), 'the reporter says why the run fails').toBe(
      'artifact redaction: the run fails: some artifacts could not be proven clean and were deleted',
    );
  });
});
