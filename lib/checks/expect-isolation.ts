import { namedDeadline } from '../setup/deadlines';
import { parseServerFrame, type Thread } from '../protocol';
import type { FrameLog, RecordedFrame } from '../recorder/frame-log';
import { waitOnFrames } from '../recorder/frame-waiter';
import type { ContractClient } from '../clients/rest-contract';

/**
 * A user's thread list must hold only that user's threads: not the other user's thread just created, and no
 * thread whose `user_id` names someone else. Fails naming the endpoint and the listed thread.
 */
export function expectOnlyOwnThreads(
  api: ContractClient,
  check: { endpoint: string; threads: readonly Thread[]; userId: string; foreignThreadId: string },
): void {
  const { threads, userId } = check;
  const leaked = threads.findIndex(
    (t) => t.id === check.foreignThreadId || (t.user_id !== undefined && t.user_id !== userId),
  );
  const thread = threads[leaked];
  if (!thread) return;
  throw api.failure('protocol-drift', check.endpoint, `${userId} is listed another user’s thread`, [
    {
      path: `body[${leaked}]`,
      expected: `only threads of ${userId}`,
      received: { id: thread.id, user_id: thread.user_id },
      message: 'thread of another user listed',
    },
  ]);
}

export interface IsolationExpectation {
  /** The second user's socket, which must carry none of the first user's events. */
  socket: number;
  /** Whose run it must not see, in words, e.g. `staging-e2e-user-001's run run_ab12`. */
  foreignRun: string;
  deadlineMs: number;
}

/**
 * After the first user's run has finished, the second user's socket must have received no agent event at all.
 * The spec sends a `ping` on that socket first: its `pong` is the barrier, since anything leaked to that socket
 * arrives before it. Fails on the first leaked event, naming its type and run_id.
 */
export function expectNoForeignEvents(
  log: FrameLog,
  expectation: IsolationExpectation,
): Promise<RecordedFrame> {
  const { socket } = expectation;
  return waitOnFrames<RecordedFrame>(log, {
    phase: 'user isolation',
    waitingFor: `the pong on the second user's socket #${socket} (the barrier after ${expectation.foreignRun})`,
    deadline: namedDeadline('firstEvent', expectation.deadlineMs),
    watchesSocket: (s) => s.index === socket,
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== socket) return undefined;
      const parsed = parseServerFrame(frame.text);
      if (parsed.ok && parsed.kind === 'pong') return { done: frame };
      if (!parsed.ok || parsed.kind !== 'agent_event') return undefined;
      return {
        fail: {
          verdict: 'protocol-drift',
          phase: 'user isolation',
          summary: `the second user's socket #${socket} received ${parsed.frame.type} from ${expectation.foreignRun}`,
          issues: [
            {
              path: 'run_id',
              expected: 'no event of another user’s run on this socket',
              received: parsed.frame.run_id,
              message: 'event delivered to the wrong user',
            },
          ],
          frame,
        },
      };
    },
  });
}
