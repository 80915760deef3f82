import { expect, test } from '@playwright/test';
import { runSuite } from './run-suite';

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
});
