import { expect, test } from '@playwright/test';
import { FOCUSED_CHECKS, USER_NEEDS, bugIds } from './focused-checks';
import { runSuite } from './run-suite';

/**
 * Through Netra's real frontend (`meta-real-frontend`, a beta-15 build): each focused check of a known bug fails
 * with the bug itself, no fault needed: an expected failure, named by its id in the report, its first line the
 * bug's signature. On our page the same checks fail under faults (netra-bugs.spec.ts).
 */
test.describe('each focused check meets its Netra bug through the real frontend', () => {
  for (const check of FOCUSED_CHECKS) {
    if (check.bug && check.signature) {
      const { bug, signature } = check;

      test(`"${check.grep}" is known bug ${bug}, by its signature`, async () => {
        const run = await runSuite({
          args: ['--project=real-frontend', '--workers=1', '--grep', check.grep, USER_NEEDS],
          timeoutMs: 150_000,
        });
        expect(run.results, run.output.slice(-2000)).toHaveLength(1);
        const [result] = run.results;
        expect(
          bugIds(result),
          `the report names ${bug}: ${result?.outcome} ${(result?.errorMessage ?? '').split('\n')[0]}`,
        ).toContain(bug);
        expect(result?.errorMessage, `${bug} fails with its signature`).toMatch(signature);
        expect(result?.outcome, `${bug} is an expected failure on this release`).toBe('expected');
      });
    }
  }
});
