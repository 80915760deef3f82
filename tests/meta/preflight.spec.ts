import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { DEFAULT_STAND_IN_PORT, STAND_IN_ENV, standInOrigin } from '../../lib/setup/config';
import { runSuite } from './run-suite';

/** A loopback port nothing listens on (bound, then released): refused at once, like a staging host that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test.describe('staging down is one clear failure, not N timeouts', () => {
  test('an unreachable API fails the preflight with [staging-unreachable] naming the endpoint; every staging test is skipped', async () => {
    const port = Number(process.env[STAND_IN_ENV.port] ?? DEFAULT_STAND_IN_PORT);
    const origin = standInOrigin(port);
    const closedApi = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const run = await runSuite({
      args: ['--project=staging', '--workers=1'],
      env: {
        NETRA_FRONTEND_URL: origin,
        NETRA_AUTH_URL: origin,
        NETRA_WS_URL: `ws://127.0.0.1:${port}/ws`,
        NETRA_API_URL: closedApi,
        NETRA_JWT_SECRET: randomBytes(24).toString('hex'),
        NETRA_E2E_TOKEN: '',
        DOTENV_CONFIG_PATH: '/nonexistent/.env',
      },
    });
    const elapsed = Date.now() - started;

    const failed = run.results.filter((r) => r.status === 'failed');
    expect(failed, `exactly one failure:\n${run.output.slice(-2000)}`).toHaveLength(1);
    const [preflight] = failed;
    expect(preflight?.project).toBe('staging-preflight');
    expect(preflight?.errorMessage).toMatch(
      /^\w*: ?\[staging-unreachable\] phase "preflight": API health did not answer \(1 of 3 endpoints\)/,
    );
    expect(preflight?.errorMessage).toContain(
      `API health GET ${closedApi}/health/ready: expected 2xx within 5000 ms, received "connection refused (ECONNREFUSED)`,
    );
    expect(preflight?.errorMessage, 'the reachable endpoints are listed too').toMatch(
      /auth config GET .*received "200/,
    );
    expect(preflight?.annotations.find((a) => a.type === 'verdict')?.description).toMatch(
      /^staging-unreachable: \[staging-unreachable\] phase "preflight"/,
    );
    expect(preflight?.durationMs, 'the preflight fails in seconds').toBeLessThan(5_000);

    const others = run.results.filter((r) => r.project !== 'staging-preflight');
    expect(others.length, 'the staging specs are in the run').toBeGreaterThanOrEqual(2);
    expect(new Set(others.map((r) => r.status)), 'and all of them are skipped').toEqual(new Set(['skipped']));
    expect(elapsed, 'the whole run ends within seconds').toBeLessThan(30_000);
  });
});
