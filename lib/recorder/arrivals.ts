import type { FrameLog } from './frame-log';
import { parseServerFrame, type AgentEvent } from '../protocol';

export interface Arrival {
  event: AgentEvent;
  /** When the page received it (epoch ms). */
  at: number;
}

/** The agent events a socket received after a frame (a sent chat), with their arrival times, in arrival order. */
export function arrivalsAfter(log: FrameLog, after: { socket: number; seq: number }): Arrival[] {
  return log
    .received(after.socket)
    .filter((frame) => frame.seq > after.seq)
    .flatMap((frame) => {
      const parsed = parseServerFrame(frame.text);
      return parsed.ok && parsed.kind === 'agent_event' ? [{ event: parsed.frame, at: frame.at }] : [];
    });
}
