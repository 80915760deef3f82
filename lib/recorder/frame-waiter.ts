import { driftRecord } from '../reporting/drift-report';
import type { NamedDeadline } from '../setup/deadlines';
import { E2EFailure, type FailureDetail } from '../checks/failure';
import type { FrameLog, RecordedFrame, SocketRecord, UserNeed } from './frame-log';

export type WaitStep<T> = { done: T } | { fail: FailureDetail } | undefined;

export interface FrameWait<T> {
  /** The phase of the user's story this wait belongs to, e.g. "welcome" or "agent run". */
  phase: string;
  /** What the wait is for, in words, for the timeout message. */
  waitingFor: string;
  /**
   * Name and length of the deadline, e.g. `deadlines.welcome`, counted from `since` (epoch ms, e.g. when the
   * socket opened) when given, else from the start of the wait.
   */
  deadline: NamedDeadline & { since?: number };
  /** Only frames with seq >= this are examined (default 0: the whole log, including frames already seen). */
  fromSeq?: number;
  /** Called for each frame in order; decide done, fail now, or keep waiting. */
  onFrame: (frame: RecordedFrame) => WaitStep<T>;
  /** Called on every change of the log (a socket opened or closed, a frame), after the frames. */
  onChange?: () => WaitStep<T>;
  /** Which socket's closing ends the wait with a failure; default: any socket that carried a frame we examined. */
  watchesSocket?: (socket: SocketRecord) => boolean;
  /** Verdict when the deadline passes (default agent-timeout). */
  timeoutVerdict?: FailureDetail['verdict'];
  /** Extra words for the timeout message, computed when it fires (e.g. which sockets exist). */
  timeoutContext?: () => string;
  /** How to report a watched socket's closing; default: connection-lost (auth-rejected for code 1008). */
  describeClose?: (socket: SocketRecord) => Omit<FailureDetail, 'phase'>;
  /** When a watched socket's closing is what the wait is for (e.g. a refusal), decide done or fail here. */
  onClose?: (socket: SocketRecord) => WaitStep<T>;
  /**
   * What the user needs after a frame of this phase: a frame that drifts is then recorded at once and judged by
   * the log's drift judge, from what the page shows, before the wait fails (lib/checks/drift-verdict.ts).
   */
  userNeed?: UserNeed;
}

/**
 * Waits on the frame log with a named deadline. Fails the moment a frame of the wrong shape arrives or the
 * socket closes, rather than waiting out the timeout; on the deadline it says which phase waited for what.
 */
export function waitOnFrames<T>(log: FrameLog, wait: FrameWait<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let cursor = wait.fromSeq ?? 0;
    const examinedSockets = new Set<number>();
    let settled = false;
    const pending = {
      phase: wait.phase,
      waitingFor: wait.waitingFor,
      deadline: wait.deadline,
      since: Date.now(),
    };
    log.pendingWaits.add(pending);
    const stop = () => {
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      log.pendingWaits.delete(pending);
    };
    const finish = (outcome: { value: T } | { error: E2EFailure }) => {
      if (settled) return;
      stop();
      if ('value' in outcome) resolve(outcome.value);
      else reject(outcome.error);
    };
    const fail = (detail: FailureDetail) => {
      if (settled) return;
      if (detail.verdict !== 'protocol-drift') return finish({ error: new E2EFailure(detail, log) });
      const record = driftRecord(log, 'waiter', detail);
      const recordedAt = Date.now();
      if (detail.frame) record.recordedAfterMs = recordedAt - detail.frame.at;
      log.drift.push(record);
      const judge = log.driftJudge;
      if (!judge || !wait.userNeed || !detail.frame) return finish({ error: new E2EFailure(detail, log) });
      // Recorded now, within milliseconds of the frame; the verdict waits for what the page shows.
      stop();
      const { phase, summary, issues = [], frame } = detail;
      judge({ phase, summary, issues, frame, record, need: wait.userNeed, recordedAt }).then(reject, reject);
      return undefined;
    };
    const watches = wait.watchesSocket ?? ((s: SocketRecord) => examinedSockets.has(s.index));
    const examine = () => {
      while (!settled && cursor < log.frames.length) {
        const frame = log.frames[cursor++];
        if (!frame) continue;
        examinedSockets.add(frame.socket);
        const step = wait.onFrame(frame);
        if (step && 'done' in step) finish({ value: step.done });
        else if (step && 'fail' in step) fail(step.fail);
      }
      const changed = settled ? undefined : wait.onChange?.();
      if (changed && 'done' in changed) finish({ value: changed.done });
      else if (changed && 'fail' in changed) fail(changed.fail);
      const closed = log.sockets.find((s) => s.closedAt !== undefined && watches(s));
      const closeStep = !settled && closed ? wait.onClose?.(closed) : undefined;
      if (closeStep && 'done' in closeStep) finish({ value: closeStep.done });
      else if (closeStep && 'fail' in closeStep) finish({ error: new E2EFailure(closeStep.fail, log) });
      if (!settled && closed) {
        const how = closed.closeCode !== undefined ? ` with code ${closed.closeCode}` : '';
        const detail = wait.describeClose?.(closed) ?? {
          verdict: closed.closeCode === 1008 ? 'auth-rejected' : 'connection-lost',
          summary: `socket #${closed.index} closed${how}${closed.error ? ` (${closed.error})` : ''} ${log.relative(closed.closedAt ?? 0)} while waiting for ${wait.waitingFor}`,
        };
        fail({ ...detail, phase: wait.phase });
      }
    };
    const since = wait.deadline.since ?? pending.since;
    const from = wait.deadline.since === undefined ? '' : ` (counted from ${log.relative(since)})`;
    const timer = setTimeout(
      () => {
        fail({
          verdict: wait.timeoutVerdict ?? 'agent-timeout',
          phase: wait.phase,
          summary: `deadline ${wait.deadline.name} (${wait.deadline.ms} ms) passed${from} while waiting for ${wait.waitingFor}${wait.timeoutContext ? `; ${wait.timeoutContext()}` : ''}`,
        });
      },
      Math.max(0, since + wait.deadline.ms - Date.now()),
    );
    const unsubscribe = log.subscribe(examine);
    examine();
  });
}
