import { expect, test } from '@playwright/test';
import { FAULT_MODES } from '../../stand-in/faults';
import { runSuite } from './run-suite';

const FAIL_WITHIN_MS = 5_000;

test.describe('the frontend contract spec fails fast and precisely on a frontend that breaks the sequence', () => {
  test(`chat-before-thread: ${FAULT_MODES['chat-before-thread']}`, async () => {
    const run = await runSuite({
      args: ['--project=local', '--workers=1', 'e2e/frontend-contract.spec.ts'],
      env: { NETRA_FAULT: 'chat-before-thread' },
    });
    expect(run.results, `child run produced one result:\n${run.output.slice(-2000)}`).toHaveLength(1);
    const [result] = run.results;
    expect(result?.status, 'the spec must fail against this fault').toBe('failed');
    expect(result?.errorMessage).toMatch(
      /\[ui-broken\] phase "send": start_agent left the page before POST \/api\/threads created the thread/,
    );
    expect(result?.errorMessage).toMatch(
      /payload\.thread_id: expected "thread_[\w-]+" \(returned by POST \/api\/threads before the first send\), received null/,
    );
    expect(result?.errorMessage, 'the error shows the last frames seen').toContain('last frames seen:');
    expect(result?.durationMs, `failed within ${FAIL_WITHIN_MS} ms`).toBeLessThan(FAIL_WITHIN_MS);
  });
});
