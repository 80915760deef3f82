import { test } from '@playwright/test';
import { FAULT_MODES } from '../../stand-in/faults';
import { expectFailsFast } from './expect-fails-fast';
import { runSuite } from './run-suite';

test.describe('the frontend contract spec fails fast and precisely on a frontend that breaks the sequence', () => {
  test(`chat-before-thread: ${FAULT_MODES['chat-before-thread']}`, async () => {
    const run = await runSuite({
      args: ['--project=local', '--workers=1', 'e2e/frontend-contract.spec.ts'],
      env: { NETRA_FAULT: 'chat-before-thread' },
    });
    expectFailsFast(run, {
      mustFail: 'the spec must fail against this fault',
      patterns: [
        /\[ui-broken\] phase "send": start_agent left the page before POST \/api\/threads created the thread/,
        /payload\.thread_id: expected "thread_[\w-]+" \(returned by POST \/api\/threads before the first send\), received null/,
      ],
      showsLastFrames: true,
      label: 'chat-before-thread',
    });
  });
});
