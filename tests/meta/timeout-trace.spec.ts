import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../lib/setup/browser';
import { LOCAL_DEADLINES } from '../../lib/setup/deadlines';
import { runSuite, type ChildTestResult } from './run-suite';

/** Shorter than `deadlines.welcome`: the test's own timeout kills it while the welcome wait is pending. */
const TEST_TIMEOUT_MS = 1_500;

const executablePath = chromiumExecutable();
test.use({ launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) } });

/** `npx playwright show-trace --port 0 <trace>`: serves the trace viewer and prints where. */
async function showTrace(trace: string): Promise<{ url: string; viewer: ChildProcess }> {
  const viewer = spawn(
    process.execPath,
    [require.resolve('@playwright/test/cli'), 'show-trace', '--host', '127.0.0.1', '--port', '0', trace],
    // BROWSER=true: xdg-open must not try to open a desktop browser; the test's own Chromium opens the viewer.
    { env: { ...process.env, BROWSER: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    viewer.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (http\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    viewer.on('exit', (code) => reject(new Error(`show-trace exited with ${code}: ${output}`)));
  });
  return { url, viewer };
}

const attachment = (result: ChildTestResult | undefined, name: string) =>
  result?.attachments.find((a) => a.name === name);

test.describe('a test killed by its timeout still explains itself', () => {
  test('the error names the pending phase; trace, screenshot and frame log are kept and the trace viewer shows the log', async ({
    page,
  }) => {
    expect(TEST_TIMEOUT_MS).toBeLessThan(LOCAL_DEADLINES.welcome);
    const run = await runSuite({
      args: ['--project=local', '--workers=1', `--timeout=${TEST_TIMEOUT_MS}`, 'e2e/welcome.spec.ts'],
      env: { NETRA_FAULT: 'no-welcome' },
      keepArtifacts: true,
    });
    let viewer: ChildProcess | undefined;
    try {
      expect(run.results, run.output.slice(-2000)).toHaveLength(1);
      const [result] = run.results;
      expect(result?.status).toBe('timedOut');
      expect(result?.errorMessage).toContain(`Test timeout of ${TEST_TIMEOUT_MS}ms exceeded`);
      expect(result?.errorMessage).toMatch(
        /\[agent-timeout\] phase "welcome": the test timeout \(1500 ms\) ran out after \d+ ms of waiting for the welcome frame .*; deadlines\.welcome \(2000 ms\) had not passed yet/,
      );
      expect(result?.annotations.find((a) => a.type === 'verdict')?.description).toMatch(
        /^agent-timeout: \[agent-timeout\] phase "welcome": the test timeout/,
      );

      await test.step('trace, screenshot and frame log are attached', () => {
        for (const name of ['trace', 'screenshot', 'websocket-frames.json', 'websocket-frames.txt'])
          expect(attachment(result, name), `attachment ${name}`).toBeDefined();
        expect(existsSync(attachment(result, 'trace')?.path ?? ''), 'trace.zip on disk').toBe(true);
        expect(existsSync(attachment(result, 'screenshot')?.path ?? ''), 'screenshot on disk').toBe(true);
        expect(attachment(result, 'websocket-frames.txt')?.body).toMatch(/#1 socket opened ws:\/\//);
      });

      const tracePath = attachment(result, 'trace')?.path ?? '';
      const frameLog = attachment(result, 'websocket-frames.txt')?.body ?? '';

      await test.step('the trace zip holds the frame log as an attachment resource', () => {
        const entries = unzipSync(readFileSync(tracePath));
        expect(Object.keys(entries)).toContain('test.trace');
        const sha1 = createHash('sha1').update(frameLog).digest('hex');
        expect(Object.keys(entries), 'websocket-frames.txt inside the trace').toContain(
          `attachments/${sha1}`,
        );
      });

      await test.step('npx playwright show-trace opens it and shows the frame log', async () => {
        const served = await showTrace(tracePath);
        viewer = served.viewer;
        await page.goto(served.url);
        await expect(page.getByText('welcome.spec.ts', { exact: false }).first()).toBeVisible();
        await page.getByRole('tab', { name: /Attachments/ }).click();
        await page.getByText('websocket-frames.txt', { exact: true }).click();
        await expect(page.getByText(/#1 socket opened ws:\/\//)).toBeVisible();
      });
    } finally {
      viewer?.kill();
      rmSync(run.dir, { recursive: true, force: true });
    }
  });
});
