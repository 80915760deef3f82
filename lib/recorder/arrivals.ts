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

/** The event types whose text the page shows while the agent works, and that text. */
const SHOWN_TEXT = {
  agent_thinking: (event: Extract<AgentEvent, { type: 'agent_thinking' }>) => event.payload.reasoning,
  tool_executing: (event: Extract<AgentEvent, { type: 'tool_executing' }>) => event.payload.tool_name,
} as const;

type ShownType = keyof typeof SHOWN_TEXT;

/** The texts a run's events of one type carried, with the frames that carried them, in arrival order. */
function textsOf<T extends ShownType>(
  arrivals: readonly Arrival[],
  runId: string,
  type: T,
): { text: string; carriedBy: RecordedFrame; type: T }[] {
  const text = SHOWN_TEXT[type] as (event: AgentEvent) => string;
  return arrivals.flatMap((a) =>
    a.event.type === type && a.event.run_id === runId
      ? [{ text: text(a.event), carriedBy: a.frame, type }]
      : [],
  );
}

/** The thinking lines of a run (`agent_thinking`), with the frames that carried them, in arrival order. */
export const thinkingOf = (arrivals: readonly Arrival[], runId: string) =>
  textsOf(arrivals, runId, 'agent_thinking');

/** The tools a run announced (`tool_executing`), with the frames that carried them, in arrival order. */
export const toolsStartedOf = (arrivals: readonly Arrival[], runId: string) =>
  textsOf(arrivals, runId, 'tool_executing');

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
