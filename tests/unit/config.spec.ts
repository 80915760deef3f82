import { expect, test } from '@playwright/test';
import { ConfigError, loadStagingTarget } from '../../lib/setup/config';
import { projectsFromArgv } from '../../lib/setup/project-selection';
import { GOOD_STAGING_ENV as good } from './fixtures/staging-env';

function captureError(action: () => unknown): Error | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

test.describe('staging configuration', () => {
  test('a complete .env loads, trailing slashes trimmed, user defaulted', () => {
    const target = loadStagingTarget(good);
    expect(target).toMatchObject({
      frontendUrl: 'https://app.staging.netrasystems.ai',
      userId: 'staging-e2e-user-001',
    });
    expect(target.auth).toEqual({ kind: 'secret', secret: good.NETRA_JWT_SECRET });
  });

  test('one error lists every bad variable by name and never prints a secret', () => {
    const env = {
      ...good,
      NETRA_API_URL: 'api.staging',
      NETRA_WS_URL: 'https://x',
      NETRA_JWT_SECRET: 'short',
    };
    const error = captureError(() => loadStagingTarget(env));
    expect(error).toBeInstanceOf(ConfigError);
    const message = error?.message ?? '';
    expect(message).toContain('NETRA_API_URL: expected an http(s) URL; received "api.staging"');
    expect(message).toContain('NETRA_WS_URL: expected a ws(s) URL');
    expect(message).toContain(
      'NETRA_JWT_SECRET: expected at least 16 characters; received a value of 5 characters (hidden)',
    );
    expect(message).not.toContain('short');
  });

  test('missing credentials and URLs are named; empty values count as unset', () => {
    expect(() => loadStagingTarget({ ...good, NETRA_JWT_SECRET: '', NETRA_FRONTEND_URL: undefined })).toThrow(
      /NETRA_FRONTEND_URL: .*not set[\s\S]*NETRA_JWT_SECRET: set NETRA_JWT_SECRET \(to mint tokens\) or NETRA_E2E_TOKEN/,
    );
  });

  test('a pre-issued token is accepted instead of the secret', () => {
    const { NETRA_JWT_SECRET: _secret, ...rest } = good;
    const target = loadStagingTarget({ ...rest, NETRA_E2E_TOKEN: 'aaa.bbb.ccc' });
    expect(target.auth).toEqual({ kind: 'token', token: 'aaa.bbb.ccc' });
  });

  test('project selection reads every --project form', () => {
    expect(projectsFromArgv(['test', '--project=staging', '--project', 'local', '--project=a,b'])).toEqual([
      'staging',
      'local',
      'a',
      'b',
    ]);
  });
});
