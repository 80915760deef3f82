import {
  parseClientFrame,
  RunOrderTracker,
  chatTextOf,
  chatThreadOf,
  deliveryFailureOf,
  parseServerFrame,
  serverErrorOf,
  type AgentEvent,
  type ClientFrame,
  type WelcomeFrame,
} from '../protocol';
import { deadlineOf, namedDeadline, type NamedDeadline } from '../setup/deadlines';
import type { FailureDetail } from './failure';
import type { FrameLog, RecordedFrame } from '../recorder/frame-log';
import { waitOnFrames, type FrameWait, type WaitStep } from '../recorder/frame-waiter';

export interface SentChat {
  frame: ClientFrame;
  text: string;
  threadId: string | undefined;
  seq: number;
  socket: number;
  sentAt: number;
}

/** Waits for the page to send the chat text over its socket, in any of the accepted chat forms. */
export function expectChatSent(
  log: FrameLog,
  text: string,
  deadlineMs: number,
  fromSeq = 0,
): Promise<SentChat> {
  return expectSentFrame<SentChat>(log, {
    phase: 'send',
    waitingFor: `a start_agent or user_message frame carrying "${text}"`,
    deadline: namedDeadline('firstEvent', deadlineMs),
    fromSeq,
    accept: (parsed, frame) =>
      chatTextOf(parsed) === text
        ? {
            frame: parsed,
            text,
            threadId: chatThreadOf(parsed),
            seq: frame.seq,
            socket: frame.socket,
            sentAt: frame.at,
          }
        : undefined,
  });
}

/**
 * Waits for the page to send a client frame that `accept` makes a result of (undefined: not this one). What
 * the page sends is the UI's doing: a wait that runs out is ui-broken, and no socket's closing ends it.
 */
export function expectSentFrame<T>(
  log: FrameLog,
  wait: Pick<FrameWait<T>, 'phase' | 'waitingFor' | 'deadline' | 'fromSeq'> & {
    accept: (parsed: ClientFrame, frame: RecordedFrame) => T | undefined;
  },
): Promise<T> {
  const { accept, ...rest } = wait;
  return waitOnFrames<T>(log, {
    ...rest,
    timeoutVerdict: 'ui-broken',
    watchesSocket: () => false,
    onFrame: (frame) => {
      if (frame.direction !== 'sent') return undefined;
      const parsed = parseClientFrame(frame.text);
      const done = parsed ? accept(parsed, frame) : undefined;
      return done === undefined ? undefined : { done };
    },
  });
}

export interface CheckedRun {
  runId: string;
  events: AgentEvent[];
  finalReport: Extract<AgentEvent, { type: 'final_report' }>;
  /** The frame that carried final_report, as recorded. */
  finalReportFrame: RecordedFrame;
  firstEventMs: number;
  completedMs: number;
}

export interface RunExpectation {
  sent: SentChat;
  welcome?: WelcomeFrame;
  deadlines: { firstEvent: number; runComplete: number };
}

/**
 * After a chat frame: the five critical events in order with one run_id and paired tools, then final_report.
 * Every server frame of the socket is validated as it arrives; the first bad one fails the test at once.
 */
export async function expectCriticalRun(log: FrameLog, expectation: RunExpectation): Promise<CheckedRun> {
  const tracker = new RunOrderTracker();
  const events: AgentEvent[] = [];
  const { sent } = expectation;
  const maxBytes = expectation.welcome?.data.config.max_message_size;

  const judge = (frame: RecordedFrame, phase: string): WaitStep<RecordedFrame> => {
    if (frame.direction !== 'received' || frame.socket !== sent.socket) return undefined;
    const fail = (detail: Omit<FailureDetail, 'phase' | 'frame'>) => ({ fail: { ...detail, phase, frame } });
    if (maxBytes !== undefined && frame.bytes > maxBytes) {
      return fail({
        verdict: 'protocol-drift',
        summary: 'a server frame is larger than the welcome allows',
        issues: [
          {
            path: '(frame size)',
            expected: `<= ${maxBytes} bytes (welcome data.config.max_message_size)`,
            received: `${frame.bytes} bytes`,
            message: 'oversized frame',
            invariant: 'size',
          },
        ],
      });
    }
    const parsed = parseServerFrame(frame.text);
    const undelivered = parsed.ok ? deliveryFailureOf(parsed.frame) : undefined;
    if (undelivered) {
      const event = undelivered.eventType ?? 'an agent event';
      return fail({
        verdict: 'protocol-drift',
        summary: `the backend sent connection_error instead of ${event}: ${undelivered.message}`,
        issues: [
          {
            path: 'type',
            expected: `${event} (an event of this run)`,
            received: 'connection_error',
            message: undelivered.message,
            invariant: 'completeness',
          },
        ],
      });
    }
    if (!parsed.ok) {
      return fail({
        verdict: 'protocol-drift',
        summary: `a ${parsed.kind} frame failed its schema`,
        issues: parsed.issues,
      });
    }
    if (parsed.kind === 'error') {
      return fail({ verdict: 'agent-error', summary: 'the server sent an error frame during the run' });
    }
    if (parsed.kind !== 'agent_event') return undefined;
    const event = parsed.frame;
    const violation = tracker.accept(event);
    if (violation) {
      return fail({
        verdict: 'protocol-drift',
        summary: `${event.type} breaks the run's event order`,
        issues: [{ ...violation, message: 'run order' }],
      });
    }
    events.push(event);
    if (event.type === 'agent_error') {
      return fail({
        verdict: 'agent-error',
        summary: `the agent reported an error: ${event.payload.error_message}`,
      });
    }
    return { done: frame };
  };

  // A run whose frames drift is judged by whether the user still gets the answer, on the chat's thread.
  const userNeed = {
    kind: 'answer',
    socket: sent.socket,
    sentSeq: sent.seq,
    sentAt: sent.sentAt,
    threadId: sent.threadId,
  } as const;
  const first = await waitOnFrames(log, {
    phase: 'agent run: first event',
    waitingFor: `agent_started after the chat frame sent ${log.relative(sent.sentAt)}`,
    deadline: deadlineOf(expectation.deadlines, 'firstEvent'),
    fromSeq: sent.seq + 1,
    watchesSocket: (s) => s.index === sent.socket,
    userNeed,
    onFrame: (frame) => judge(frame, 'agent run: first event'),
  });

  const last = await waitOnFrames(log, {
    phase: 'agent run',
    waitingFor: `final_report (seen so far: ${tracker.types.join(' → ')})`,
    deadline: deadlineOf(expectation.deadlines, 'runComplete'),
    fromSeq: first.seq + 1,
    watchesSocket: (s) => s.index === sent.socket,
    userNeed,
    onFrame: (frame) => {
      const step = judge(frame, 'agent run');
      if (step && 'done' in step && tracker.state !== 'reported') return undefined;
      return step;
    },
  });

  const finalReport = events.find((e): e is CheckedRun['finalReport'] => e.type === 'final_report');
  if (!finalReport || tracker.runId === undefined)
    throw new Error('unreachable: run finished without final_report');
  return {
    runId: tracker.runId,
    events,
    finalReport,
    finalReportFrame: last,
    firstEventMs: first.at - sent.sentAt,
    completedMs: last.at - sent.sentAt,
  };
}

/**
 * The first agent event on the sent chat's socket after it, judged by `judge`. An error frame first fails as
 * `agent-error`; the deadline passing fails as `agent-timeout`, naming `waitingFor`.
 */
function onFirstAgentEvent<T>(
  log: FrameLog,
  sent: Pick<SentChat, 'seq' | 'socket'>,
  options: { phase: string; waitingFor: string; deadline: NamedDeadline },
  judge: (event: AgentEvent, frame: RecordedFrame) => WaitStep<T>,
): Promise<T> {
  return waitOnFrames<T>(log, {
    phase: options.phase,
    waitingFor: options.waitingFor,
    deadline: options.deadline,
    fromSeq: sent.seq + 1,
    watchesSocket: (s) => s.index === sent.socket,
    onFrame: (frame) => {
      if (frame.direction !== 'received' || frame.socket !== sent.socket) return undefined;
      const parsed = parseServerFrame(frame.text);
      if (parsed.ok && serverErrorOf(parsed.frame))
        return {
          fail: {
            verdict: 'agent-error',
            phase: options.phase,
            summary: 'the chat was answered with an error frame',
            frame,
          },
        };
      return parsed.ok && parsed.kind === 'agent_event' ? judge(parsed.frame, frame) : undefined;
    },
  });
}

/**
 * The first agent event on the sent chat's socket after it (the server's acknowledgement of the chat), whatever
 * its type. An error frame first fails as `agent-error`; the deadline passing fails as `agent-timeout`, naming
 * `waitingFor`.
 */
export function firstAgentEvent(
  log: FrameLog,
  sent: Pick<SentChat, 'seq' | 'socket'>,
  options: { phase: string; waitingFor: string; deadline: NamedDeadline },
): Promise<AgentEvent> {
  return onFirstAgentEvent(log, sent, options, (event) => ({ done: event }));
}

type AgentStarted = Extract<AgentEvent, { type: 'agent_started' }>;

/**
 * The first agent event after a chat frame must be agent_started: the run has begun. Any other first event
 * fails as protocol-drift naming it; otherwise as `firstAgentEvent`.
 */
export function expectRunStarted(
  log: FrameLog,
  options: { socket: number; seq: number; phase: string; deadline: NamedDeadline },
): Promise<AgentStarted> {
  const { phase, deadline } = options;
  return onFirstAgentEvent<AgentStarted>(
    log,
    options,
    { phase, waitingFor: `agent_started on socket #${options.socket}`, deadline },
    (event, frame) =>
      event.type === 'agent_started'
        ? { done: event }
        : {
            fail: {
              verdict: 'protocol-drift',
              phase,
              summary: `the run began with ${event.type}`,
              issues: [
                { path: 'type', expected: 'agent_started', received: event.type, message: 'run order' },
              ],
              frame,
            },
          },
  );
}
