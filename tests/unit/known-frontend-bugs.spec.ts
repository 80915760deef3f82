import { expect, test } from '@playwright/test';
import { ConfigError, loadRealFrontendTarget, loadStagingTarget } from '../../lib/setup/config';
import { knownFrontendBug } from '../../lib/setup/known-frontend-bugs';
import { tagInName } from '../../lib/setup/real-frontend';
import { GOOD_STAGING_ENV as staging } from './fixtures/staging-env';

test.describe('known frontend bugs', () => {
  test('a release tag is read from a bundle’s name', () => {
    expect(tagInName('/builds/netra-frontend-beta-15.tar.gz')).toBe('beta-15');
    expect(tagInName('/builds/zen-v1.4.2/standalone')).toBe('v1.4.2');
    expect(tagInName('/builds/my-frontend/.next/standalone')).toBeUndefined();
  });

  test('a beta-15 build has the sidebar bug expected; NETRA_FRONTEND_TAG overrides', () => {
    // A URL: nothing on disk is looked at, so the test holds on a clone with nothing beside it.
    const secret = { NETRA_STANDIN_SECRET: 'x'.repeat(32), NETRA_REAL_FRONTEND: 'http://localhost:3000' };
    const beta15 = loadRealFrontendTarget({ ...secret, NETRA_FRONTEND_TAG: 'beta-15' });
    expect(beta15.release?.tag).toBe('beta-15');
    expect(knownFrontendBug(beta15, 'sidebar-switch-on-thread-route')).toMatch(
      /^known frontend bug: beta-15: on a \/chat\/<thread_id> route/,
    );
    const fixed = loadRealFrontendTarget({ ...secret, NETRA_FRONTEND_TAG: 'beta-17' });
    expect(knownFrontendBug(fixed, 'sidebar-switch-on-thread-route')).toBeUndefined();
    expect(() => loadRealFrontendTarget({ ...secret, NETRA_FRONTEND_TAG: 'beta 15' })).toThrow(
      /real-frontend project:\n {2}- NETRA_FRONTEND_TAG: expected a release tag such as beta-15; received "beta 15"/,
    );
  });

  test('on staging the tag is unknown unless NETRA_FRONTEND_TAG names it, and a bad one is named', () => {
    expect(knownFrontendBug(loadStagingTarget(staging), 'sidebar-switch-on-thread-route')).toBeUndefined();
    const tagged = loadStagingTarget({ ...staging, NETRA_FRONTEND_TAG: 'beta-15' });
    expect(knownFrontendBug(tagged, 'sidebar-switch-on-thread-route')).toBeDefined();
    expect(() => loadStagingTarget({ ...staging, NETRA_FRONTEND_TAG: 'beta 15; rm' })).toThrow(ConfigError);
    expect(() => loadStagingTarget({ ...staging, NETRA_FRONTEND_TAG: 'beta 15; rm' })).toThrow(
      /NETRA_FRONTEND_TAG: expected a release tag such as beta-15/,
    );
  });
});
