export interface ScheduledSend {
  /** Milliseconds after the chat frame arrived. */
  delayMs: number;
  /** Sent together, back to back: one frame while streaming, the whole run when batched. */
  frames: object[];
}

/** When each frame of a scripted run is sent: one event gap apart, the first `startDelayMs` late (none). */
export function planRun(frames: readonly object[], gapMs: number, startDelayMs = 0): ScheduledSend[] {
  return frames.map((frame, i) => ({ delayMs: startDelayMs + gapMs * (i + 1), frames: [frame] }));
}
