import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { STAND_IN_ENV } from '../../helpers/config';
import { credentialNeedles, scanArtifacts } from '../../helpers/leak-scan';
import { runSuite } from './run-suite';

const JOURNEYS = ['e2e/welcome.spec.ts', 'e2e/agent-events.spec.ts'];

/**
 * Playwright's traces keep the browser's `Authorization: Bearer …` headers, the upgrade's
 * `Sec-WebSocket-Protocol: jwt.<token>`, the sign-in script's arguments and token responses. A real run, red
 * and green, must leave none of it in test results, the JSON report or the HTML report (traces unzipped, the
 * report's embedded data decoded): not the signing secret, not a minted token, in no encoding.
 */
test.describe('no secret leaks into any artifact', () => {
  test('failing and fully traced passing runs leave no token or secret in test-results or the reports', async () => {
    const secret = process.env[STAND_IN_ENV.secret] ?? '';
    expect(secret.length, 'the stand-in secret the child runs sign with').toBeGreaterThanOrEqual(16);
    const runs: { args: string[]; env: Record<string, string>; expect: string }[] = [
      // Red: every journey fails at the welcome; failure traces, screenshots and frame logs are kept.
      { args: JOURNEYS, env: { NETRA_FAULT: 'flat-welcome' }, expect: 'failed' },
      // Green, traced in full: the agent run's REST calls, socket upgrade and token refresh are all recorded.
      { args: ['--trace=on', ...JOURNEYS], env: {}, expect: 'passed' },
    ];
    for (const [i, r] of runs.entries()) {
      await test.step(`run ${i + 1}: ${r.expect} journeys, scanned`, async () => {
        const run = await runSuite({
          args: ['--project=local', '--workers=1', ...r.args],
          env: r.env,
          htmlReport: true,
          keepArtifacts: true,
        });
        try {
          expect(
            run.results.map((t) => t.status),
            run.output.slice(-1500),
          ).toEqual([r.expect, r.expect]);
          expect(run.output, 'the traces did carry credentials that the teardown removed').toMatch(
            /artifact redaction: removed credentials from [1-9]\d* of \d+ artifact files/,
          );
          const dirs = ['out', 'playwright-report', 'results.json'].map((p) => join(run.dir, p));
          const scan = scanArtifacts(dirs, credentialNeedles([secret]));
          const traces = run.results.flatMap((t) => t.attachments).filter((a) => a.name === 'trace');
          expect(traces, 'every test left a trace to scan').toHaveLength(2);
          expect(scan.files, 'test results and the HTML report were scanned').toBeGreaterThan(5);
          expect(
            scan.hits.map((h) => `${h.where}: ${h.needle} at ${h.offset}`),
            'artifacts holding a credential (what matched is never printed)',
          ).toEqual([]);
        } finally {
          rmSync(run.dir, { recursive: true, force: true });
        }
      });
    }
  });
});
