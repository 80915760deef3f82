import { test as base } from '../../../fixtures';
import { FAULT_CLAIM } from '../../../stand-in/faults';
import { SETTINGS_CLAIM } from '../../../stand-in/settings';
import { UserPool } from './users';

export { expect } from '../../../fixtures';

/** The suite's `test` plus `users`: extra signed-in browser contexts for the multi-user P1 scenarios. */
export const test = base.extend<{ users: UserPool }>({
  users: async ({ browser, target, session, fault, standInSettings }, use, testInfo) => {
    const claims = {
      ...(fault ? { [FAULT_CLAIM]: fault } : {}),
      ...(standInSettings ? { [SETTINGS_CLAIM]: standInSettings } : {}),
    };
    const pool = new UserPool(browser, target, session, claims);
    await use(pool);
    await pool.closeAll(testInfo);
  },
});
