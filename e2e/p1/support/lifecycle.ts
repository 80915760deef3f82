import { expect } from '../../../fixtures';
import type { FrameLog } from '../../../helpers/frame-log';
import { waitOnFrames } from '../../../helpers/frame-waiter';
import type { NamedDeadline } from '../../../helpers/page-socket';
import {
  parseClientFrame,
  parseServerFrame,
  type AgentEvent,
  type ClientFrame,
} from '../../../helpers/protocol';
import type { Journey } from './journeys';

type StopFrame = Extract<ClientFrame, { type: 'stop_agent' }>;
type AgentStarted = Extract<AgentEvent, { type: 'agent_started' }>;
type AgentError = Extract<AgentEvent, { type: 'agent_error' }>;

/** The first agent event after a chat frame must be agent_started: the run has begun. */
export function expectRunStarted(
  log: FrameLog,
  options: { socket: number; seq: number; phase: string; deadline: NamedDeadline },
): Promise<AgentStarted> {
  return waitOnFrames<AgentStarted>(log, {
    phase: options.phase,
    waitingFor: `agent_started on socket #${options.socket}`,
    deadline: options.deadline,
    fromSeq: options.seq + 1,
    watchesSocket: (s) => s.index === options.socket,
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== options.socket) return undefined;
      const parsed = parseServerFrame(frame.text);
      if (!parsed.ok || parsed.kind !== 'agent_event') return undefined;
      if (parsed.frame.type === 'agent_started') return { done: parsed.frame };
      return {
        fail: {
          verdict: 'protocol-drift',
          phase: options.phase,
          summary: `the run began with ${parsed.frame.type}`,
          issues: [
            { path: 'type', expected: 'agent_started', received: parsed.frame.type, message: 'run order' },
          ],
          frame,
        },
      };
    },
  });
}

/** The page sends `stop_agent` after the user clicks stop. */
export function expectStopSent(
  log: FrameLog,
  options: { fromSeq: number; deadline: NamedDeadline },
): Promise<StopFrame> {
  return waitOnFrames<StopFrame>(log, {
    phase: 'stop',
    waitingFor: 'a stop_agent frame from the page',
    deadline: options.deadline,
    timeoutVerdict: 'ui-broken',
    fromSeq: options.fromSeq,
    watchesSocket: () => false,
    onFrame: (frame) => {
      if (frame.direction !== 'sent') return undefined;
      const parsed = parseClientFrame(frame.text);
      return parsed?.type === 'stop_agent' ? { done: parsed } : undefined;
    },
  });
}

/**
 * After stop_agent the run ends as stopped: its terminal event is `agent_error` (the stop), never
 * `agent_completed` or `final_report`, which mean the stop was ignored.
 */
export function expectRunStopped(
  log: FrameLog,
  options: { socket: number; runId: string; fromSeq: number; deadline: NamedDeadline },
): Promise<AgentError> {
  return waitOnFrames<AgentError>(log, {
    phase: 'stop',
    waitingFor: `the end of run ${options.runId} after stop_agent`,
    deadline: options.deadline,
    fromSeq: options.fromSeq,
    watchesSocket: (s) => s.index === options.socket,
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== options.socket) return undefined;
      const parsed = parseServerFrame(frame.text);
      if (!parsed.ok || parsed.kind !== 'agent_event' || parsed.frame.run_id !== options.runId)
        return undefined;
      const event = parsed.frame;
      if (event.type === 'agent_error') return { done: event };
      if (event.type !== 'agent_completed' && event.type !== 'final_report') return undefined;
      return {
        fail: {
          verdict: 'protocol-drift',
          phase: 'stop',
          summary: `after stop_agent the run went on to ${event.type} instead of ending as stopped`,
          issues: [
            {
              path: 'type',
              expected: 'agent_error (stopped)',
              received: event.type,
              message: 'stop ignored',
            },
          ],
          frame,
        },
      };
    },
  });
}

/**
 * Stop from the UI (stand-in only: `stop-button`): the page sends stop_agent for the running run, the run
 * ends as stopped, and the page shows it and gives the input back.
 */
export async function stopFromTheUi(
  journey: Journey,
  run: { socket: number; started: AgentStarted },
  deadline: NamedDeadline,
): Promise<void> {
  const { chatPage, frames } = journey;
  const fromSeq = frames.frames.length;
  await chatPage.stopButton.click();
  const stop = await expectStopSent(frames, { fromSeq, deadline });
  expect(stop.payload?.run_id ?? run.started.run_id, 'stop_agent names the running run').toBe(
    run.started.run_id,
  );
  const stopped = await expectRunStopped(frames, {
    socket: run.socket,
    runId: run.started.run_id,
    fromSeq,
    deadline,
  });
  await expect(
    chatPage.conversationText(stopped.payload.error_message).first(),
    'the page says it stopped',
  ).toBeVisible();
  await expect(chatPage.processing, 'the page no longer says it is working').toBeHidden();
  await expect(chatPage.messageInput).toBeEditable();
}
