import { expect } from '@playwright/test';
import { JUDGE_AS_RELEASE_ENV } from '../../lib/setup/config';
import { FAULT_MODES } from '../../stand-in/contract';
import { FOCUSED_CHECKS, USER_NEEDS, bugIds } from './focused-checks';
import { expectFailsFast } from './expect-fails-fast';
import { test } from '@playwright/test';
import { runSuite } from './run-suite';

/**
 * On our page (the `meta` project): each focused check of e2e/user-needs.spec.ts fails, fast and in the bug's
 * words, under the fault that makes our page suffer the bug. Through Netra's real frontend the bug itself makes
 * it fail: netra-bugs-real-frontend.spec.ts. And the known-bug judge at work, our page judged as beta-15: a
 * failure of a bug's test that is not the bug stays a real failure; a bug that no longer reproduces turns red.
 */
test.describe('each focused check fails on our page under the fault that gives it the bug', () => {
  for (const check of FOCUSED_CHECKS) {
    for (const { fault, message, within, afterFrame } of check.onOurPage)
      test(`our page: "${check.grep}" fails against ${fault} (${FAULT_MODES[fault]})`, async () => {
        const run = await runSuite({
          args: ['--project=local', '--workers=1', '--grep', check.grep, USER_NEEDS],
          env: { NETRA_FAULT: fault },
        });
        const result = expectFailsFast(run, {
          mustFail: `"${check.grep}" must fail against ${fault}`,
          patterns: message,
          label: `${check.grep} ${fault}`,
          ...(within ? { within } : {}),
          ...(afterFrame ? { afterFrame } : {}),
        });
        expect(result?.outcome, 'a real failure on our page').toBe('unexpected');
      });
  }
});

test.describe('the known-bug judge, seen at work on our page judged as beta-15', () => {
  test('a known bug that no longer reproduces turns its test red, naming the bug and the release', async () => {
    const run = await runSuite({
      args: [
        '--project=local',
        '--workers=1',
        '--grep',
        'after the answer, the user sends a second message in the same page',
        USER_NEEDS,
      ],
      env: { [JUDGE_AS_RELEASE_ENV]: 'beta-15' },
    });
    expect(run.results, run.output.slice(-2000)).toHaveLength(1);
    const [result] = run.results;
    expect(result?.outcome).toBe('unexpected');
    expect(result?.errorMessage).toContain(
      'known bug B1 no longer reproduces on beta-15: remove it from the list (lib/known-bugs/list.ts)',
    );
  });

  test('the check of a race made certain (B2, delivered back to back) that passes on beta-15 turns red too', async () => {
    const run = await runSuite({
      args: ['--project=local', '--workers=1', '--grep', 'frames delivered back to back', USER_NEEDS],
      env: { [JUDGE_AS_RELEASE_ENV]: 'beta-15' },
    });
    expect(run.results, run.output.slice(-2000)).toHaveLength(1);
    const [result] = run.results;
    expect(result?.outcome).toBe('unexpected');
    expect(result?.errorMessage).toContain(
      'known bug B2 no longer reproduces on beta-15: remove it from the list (lib/known-bugs/list.ts)',
    );
  });

  test('P1-014 failing otherwise than by its bug B7 on beta-15 is a real failure, naming B7 as expected', async () => {
    const run = await runSuite({
      args: ['--project=local', '--workers=1', '--grep', 'P1-014', 'e2e/p1/messaging.spec.ts'],
      env: { [JUDGE_AS_RELEASE_ENV]: 'beta-15', NETRA_FAULT: 'forget-history' },
    });
    const result = expectFailsFast(run, {
      mustFail: 'P1-014 must fail against forget-history, as a real failure on beta-15',
      patterns: [
        /\[protocol-drift\] phase "switch to thread_[\w-]+ \(from [^)]+\)": GET \/api\/threads\/[\w-]+\/messages returned a history/,
      ],
      label: 'P1-014 forget-history judged as beta-15',
      within: {
        ms: 12_000,
        why: 'two threads must have run before switching between them can show a history',
      },
    });
    expect(result?.outcome, 'not the known bug: a real failure').toBe('unexpected');
    expect(bugIds(result)).toEqual([]);
    expect(result?.annotations.find((a) => a.type === 'known-bug-mismatch')?.description).toMatch(
      /^known bug B7 \(the sidebar switches back to the open thread\) was expected on beta-15, but the test failed otherwise: \[protocol-drift\]/,
    );
  });
});
