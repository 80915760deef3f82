import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite } from './run-suite';
import { NO_STAGING_ENV } from './no-staging-env';

test.describe('a bad .env fails before any browser starts', () => {
  test('every bad NETRA_* variable is named in one error and the run stops at configuration', async () => {
    const started = Date.now();
    const run = await runSuite({
      args: ['--project=staging', '--list'],
      env: {
        NETRA_FRONTEND_URL: 'https://app.example.test',
        NETRA_API_URL: 'api.staging.netrasystems.ai',
        NETRA_WS_URL: 'https://api.staging.netrasystems.ai/ws',
        NETRA_AUTH_URL: '',
        NETRA_JWT_SECRET: '',
        NETRA_E2E_TOKEN: '',
        DOTENV_CONFIG_PATH: '/nonexistent/.env',
      },
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toContain('Netra E2E configuration is invalid for the staging projects');
    expect(run.output).toContain(
      'NETRA_API_URL: expected an http(s) URL; received "api.staging.netrasystems.ai"',
    );
    expect(run.output).toContain('NETRA_WS_URL: expected a ws(s) URL');
    expect(run.output).toContain('NETRA_AUTH_URL: expected an http(s) URL; received not set');
    expect(run.output).toContain(
      'NETRA_JWT_SECRET: set NETRA_JWT_SECRET (to mint tokens) or NETRA_E2E_TOKEN',
    );
    expect(run.results, 'no test ran').toHaveLength(0);
    expect(Date.now() - started, 'fails at configuration, in seconds').toBeLessThan(15_000);
  });

  test('naming staging and the real frontend stops at configuration too: neither server nor browser starts', async () => {
    const started = Date.now();
    const run = await runSuite({
      args: ['--project=staging', '--project=real-frontend'],
      env: {
        ...NO_STAGING_ENV,
        // Were the staging check ever skipped, this stops the real frontend at configuration as well.
        NETRA_REAL_FRONTEND: '/nonexistent/netra-frontend.tar.gz',
      },
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toContain('Netra E2E configuration is invalid for the staging projects');
    expect(run.output, 'no webServer was started').not.toMatch(/WebServer|webServer/);
    expect(run.results, 'no test ran').toHaveLength(0);
    expect(Date.now() - started, 'fails at configuration, in seconds').toBeLessThan(15_000);
  });
});

test.describe('no Netra frontend build on the machine', () => {
  for (const project of ['real-frontend', 'meta-real-frontend'])
    test(`--project=${project} with no build named and none at the default place: one error naming the variable and the place, nothing started`, async () => {
      // A machine of its own: an empty home, so the default place (~/.cache/netra-e2e/frontend) holds nothing.
      const home = mkdtempSync(join(tmpdir(), 'netra-no-build-'));
      try {
        const started = Date.now();
        const run = await runSuite({
          args: [`--project=${project}`],
          env: { ...NO_STAGING_ENV, HOME: home, XDG_CACHE_HOME: '', NETRA_REAL_FRONTEND: '' },
        });
        const place = join(home, '.cache/netra-e2e/frontend');
        expect(run.exitCode).not.toBe(0);
        expect(run.output).toContain(
          `Netra E2E configuration is invalid for the real-frontend project:\n  - NETRA_REAL_FRONTEND: not set, and no build at ${place}. Set NETRA_REAL_FRONTEND to`,
        );
        expect(run.output, 'no webServer was started').not.toMatch(/WebServer|webServer/);
        expect(run.results, 'no test ran').toHaveLength(0);
        expect(Date.now() - started, 'fails at configuration, in seconds').toBeLessThan(15_000);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    });
});

test.describe('without a .env every project is still listed', () => {
  test('`--list` without --project lists the staging, real-frontend and meta projects and needs no .env', async () => {
    const run = await runSuite({ args: ['--list'], env: NO_STAGING_ENV });
    expect(run.exitCode, run.output.slice(-2000)).toBe(0);
    expect(run.output).not.toContain('Netra E2E configuration is invalid');
    const projects = new Set(run.results.map((r) => r.project));
    for (const name of [
      'unit',
      'local',
      'local-api',
      'meta',
      'real-frontend',
      'meta-real-frontend',
      'staging-preflight',
      'staging-api',
      'staging',
    ])
      expect(projects, `${name} is listed`).toContain(name);
  });
});
