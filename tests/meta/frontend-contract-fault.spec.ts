import { FAULT_MODES } from '../../stand-in/contract';
import { expectFailsFast } from './expect-fails-fast';
import { test } from './meta-test';
import { runSuite } from './run-suite';

test.describe('the frontend contract spec fails fast and precisely on a frontend that breaks the sequence', () => {
  test(`chat-before-thread: ${FAULT_MODES['chat-before-thread']}`, async ({ metaChildProject }) => {
    const run = await runSuite({
      args: [`--project=${metaChildProject}`, '--workers=1', 'e2e/frontend-contract.spec.ts'],
      env: { NETRA_FAULT: 'chat-before-thread' },
    });
    expectFailsFast(run, {
      mustFail: 'the spec must fail against this fault',
      patterns: [
        /\[ui-broken\] phase "send": start_agent names another thread than the one POST \/api\/threads created/,
        /payload\.thread_id: expected "thread_[\w-]+" \(returned by POST \/api\/threads before the first send\), received null/,
      ],
      field: 'payload.thread_id',
      showsLastFrames: true,
      label: 'chat-before-thread',
      frontend: metaChildProject,
      within: { ms: 8_000, why: 'New Chat, a reopened thread and the send come before the chat frame' },
    });
  });
});
