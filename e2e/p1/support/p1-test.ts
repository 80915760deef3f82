import { test as base } from '../../../fixtures';
import { UserPool } from './users';

export { expect } from '../../../fixtures';

/** The suite's `test` plus `users`: extra signed-in browser contexts for the multi-user P1 scenarios. */
export const test = base.extend<{ users: UserPool }>({
  users: async ({ playwright, browser, target, session, fault }, use, testInfo) => {
    const newRequest = (token: string) =>
      playwright.request.newContext({
        extraHTTPHeaders: { authorization: `Bearer ${token}` },
        timeout: target.deadlines.apiCall,
      });
    const pool = new UserPool(newRequest, browser, target, session, fault);
    await use(pool);
    await pool.closeAll(testInfo);
  },
});
