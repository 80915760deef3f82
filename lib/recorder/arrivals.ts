import type { FrameLog, RecordedFrame } from './frame-log';
import { parseServerFrame, type AgentEvent } from '../protocol';

export interface Arrival {
  event: AgentEvent;
  /** When the page received it (epoch ms). */
  at: number;
  /** The frame that carried it. */
  frame: RecordedFrame;
}

/** The agent events a socket received after a frame (a sent chat), with their arrival times, in arrival order. */
export function arrivalsAfter(log: FrameLog, after: { socket: number; seq: number }): Arrival[] {
  return log
    .received(after.socket)
    .filter((frame) => frame.seq > after.seq)
    .flatMap((frame) => {
      const parsed = parseServerFrame(frame.text);
      return parsed.ok && parsed.kind === 'agent_event' ? [{ event: parsed.frame, at: frame.at, frame }] : [];
    });
}

/** The texts of a run's `agent_thinking` events with the frames that carried them, in arrival order. */
export function thinkingOf(
  arrivals: readonly Arrival[],
  runId: string,
): { text: string; carriedBy: RecordedFrame; type: 'agent_thinking' }[] {
  return arrivals.flatMap((a) =>
    a.event.type === 'agent_thinking' && a.event.run_id === runId
      ? [{ text: a.event.payload.reasoning, carriedBy: a.frame, type: a.event.type }]
      : [],
  );
}

/** The tools a run announced (`tool_executing`) with the frames that carried them, in arrival order. */
export function toolsStartedOf(
  arrivals: readonly Arrival[],
  runId: string,
): { text: string; carriedBy: RecordedFrame; type: 'tool_executing' }[] {
  return arrivals.flatMap((a) =>
    a.event.type === 'tool_executing' && a.event.run_id === runId
      ? [{ text: a.event.payload.tool_name, carriedBy: a.frame, type: a.event.type }]
      : [],
  );
}

/** How far apart (ms) a run's back-to-back pairs reached the page, in words, for an annotation. */
export function pairGaps(arrivals: readonly Arrival[], runId: string): string {
  const ofRun = arrivals.filter((a) => a.event.run_id === runId || a.event.type === 'final_report');
  const gap = (first: string, second: string) => {
    const i = ofRun.findIndex((a, n) => a.event.type === first && ofRun[n + 1]?.event.type === second);
    const [a, b] = [ofRun[i], ofRun[i + 1]];
    return a && b ? `${second} ${b.at - a.at} ms after ${first}` : `no ${first} → ${second} pair`;
  };
  return [
    gap('agent_started', 'agent_thinking'),
    gap('agent_thinking', 'tool_executing'),
    gap('agent_completed', 'final_report'),
  ].join('; ');
}
