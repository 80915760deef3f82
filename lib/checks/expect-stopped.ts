import { parseServerFrame } from '../protocol';
import type { NamedDeadline } from '../setup/deadlines';
import type { FrameLog, RecordedFrame } from '../recorder/frame-log';
import { waitOnFrames } from '../recorder/frame-waiter';
import { expectSentFrame } from './expect-run';

export interface StoppedRun {
  /** The page's stop_agent frame. */
  stop: RecordedFrame;
  /** The agent_stopped that ended the run. */
  stopped: RecordedFrame;
}

/**
 * After the user's stop: the page sends `stop_agent`, and the backend ends the run with `agent_stopped`. Fails
 * at once when the run goes on to its terminal event or its answer instead (the stop was ignored), and when the
 * deadline passes with neither, naming what the run did meanwhile.
 */
export async function expectRunStopped(
  log: FrameLog,
  options: { socket: number; fromSeq: number; runId: string; phase: string; deadline: NamedDeadline },
): Promise<StoppedRun> {
  const { phase, deadline, runId, socket } = options;
  const stop = await expectSentFrame<RecordedFrame>(log, {
    phase,
    waitingFor: 'the page’s stop_agent frame',
    deadline,
    fromSeq: options.fromSeq,
    accept: (parsed, frame) => (parsed.type === 'stop_agent' ? frame : undefined),
  });
  const seen: string[] = [];
  const stopped = await waitOnFrames<RecordedFrame>(log, {
    phase,
    waitingFor: `agent_stopped of ${runId} after stop_agent`,
    deadline,
    fromSeq: stop.seq + 1,
    timeoutVerdict: 'protocol-drift',
    timeoutContext: () => `the run sent meanwhile: ${seen.join(' → ') || 'nothing'}`,
    watchesSocket: (s) => s.index === socket,
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== socket) return undefined;
      const parsed = parseServerFrame(frame.text);
      if (!parsed.ok || parsed.kind !== 'agent_event') return undefined;
      const event = parsed.frame;
      if (event.run_id !== undefined && event.run_id !== runId) return undefined;
      seen.push(event.type);
      if (event.type === 'agent_stopped') return { done: frame };
      if (event.type !== 'agent_completed' && event.type !== 'final_report') return undefined;
      return {
        fail: {
          verdict: 'protocol-drift',
          phase,
          summary: `the run ${runId} went on to ${event.type} after the user’s stop_agent ${log.relative(stop.at)}: it was not stopped`,
          issues: [
            {
              path: 'type',
              expected: `agent_stopped of ${runId} (the stop ends the run)`,
              received: event.type,
              message: 'stop ignored',
            },
          ],
          frame,
        },
      };
    },
  });
  return { stop, stopped };
}
