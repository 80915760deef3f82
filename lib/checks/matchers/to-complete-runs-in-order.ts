import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { FrameLog } from '../../recorder/frame-log';
import { waitOnFrames } from '../../recorder/frame-waiter';
import type { NamedDeadline } from '../../setup/deadlines';
import { RunOrderTracker, parseServerFrame } from '../../protocol';
import { judgeAsync } from './judge';

/**
 * `await expect(frames).toCompleteRunsInOrder({ socket, fromSeq, count, phase, deadline })`: several runs on one
 * socket at once (a burst of chats), each told apart by run_id, keep the run order on their own, until `count`
 * distinct runs have delivered their final_report.
 */
export function toCompleteRunsInOrder(
  this: ExpectMatcherState,
  log: FrameLog,
  options: { socket: number; fromSeq: number; count: number; phase: string; deadline: NamedDeadline },
): Promise<MatcherReturnType> {
  const trackers = new Map<string, RunOrderTracker>();
  const reported = () => [...trackers].filter(([, t]) => t.state === 'reported').map(([id]) => id);
  return judgeAsync(this, 'toCompleteRunsInOrder', () =>
    waitOnFrames<string[]>(log, {
      phase: options.phase,
      waitingFor: `${options.count} runs to reach final_report on socket #${options.socket}`,
      deadline: options.deadline,
      fromSeq: options.fromSeq,
      watchesSocket: (s) => s.index === options.socket,
      onFrame: (frame) => {
        if (frame.direction !== 'received' || frame.socket !== options.socket) return undefined;
        const parsed = parseServerFrame(frame.text);
        if (!parsed.ok)
          return {
            fail: {
              verdict: 'protocol-drift',
              phase: options.phase,
              summary: `a ${parsed.kind} frame failed its schema`,
              issues: parsed.issues,
              frame,
            },
          };
        if (parsed.kind === 'error')
          return {
            fail: {
              verdict: 'agent-error',
              phase: options.phase,
              summary: 'the server sent an error frame',
              frame,
            },
          };
        if (parsed.kind !== 'agent_event') return undefined;
        const event = parsed.frame;
        const runId =
          event.run_id ?? [...trackers].find(([, t]) => t.state === 'terminal')?.[0] ?? '(no run_id)';
        const tracker = trackers.get(runId) ?? new RunOrderTracker();
        trackers.set(runId, tracker);
        const violation = tracker.accept(event);
        if (violation)
          return {
            fail: {
              verdict: 'protocol-drift',
              phase: options.phase,
              summary: `${event.type} breaks the order of run ${runId}`,
              issues: [{ ...violation, message: 'run order' }],
              frame,
            },
          };
        const done = reported();
        return done.length >= options.count ? { done } : undefined;
      },
    }),
  );
}
