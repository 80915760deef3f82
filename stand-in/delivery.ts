import type { ScheduledSend } from './run-plan';

/**
 * How the stand-in delivers a run's events, besides its pace (stand-in/clock.ts). A delivery mode is what a
 * correct backend may do, never a fault: the contract promises the events and their order, not their pacing.
 * A test's tokens pick the mode (`standin_delivery`), as they pick a fault, so only that test's sockets are
 * delivered to that way.
 */
export const DELIVERY_MODES = {
  'back-to-back':
    'the backend’s bursts in one write: a quick first step (agent_started, its first agent_thinking, the tool it calls) and a quick last step (the last tool_completed, the last agent_thinking, agent_completed, final_report)',
} as const;

export type DeliveryMode = keyof typeof DELIVERY_MODES;

const DELIVERY_CLAIM = 'standin_delivery';

export const isDeliveryMode = (value: unknown): value is DeliveryMode =>
  typeof value === 'string' && Object.hasOwn(DELIVERY_MODES, value);

/** The delivery mode a token's claims name, if any. */
export function deliveryOf(claims: Readonly<Record<string, unknown>> | undefined): DeliveryMode | undefined {
  const mode = claims?.[DELIVERY_CLAIM];
  return isDeliveryMode(mode) ? mode : undefined;
}

/** The claim with which a test's tokens pick a delivery mode. */
export const deliveryClaims = (mode: DeliveryMode | undefined): Record<string, string> =>
  mode ? { [DELIVERY_CLAIM]: mode } : {};

const typeOf = (frame: object | undefined): unknown => (frame as { type?: unknown } | undefined)?.type;

/**
 * What the backend sends back to back, each in one write: a quick first step (Netra's supervisor sends
 * agent_started and its first agent_thinking together, and a step that needs no long thought calls its tool
 * right after) and a quick last step (a cached tool, a short last thought, the end of the run). Chromium hands a
 * write's first two frames to the page in tasks of their own and the third and later ones in one task
 * (measured: the second frame of a two-frame write in the same task as the first 0 of 30 times, the third frame
 * of a three-frame write with the second 29 of 30), so each burst reaches the page's React in one batch.
 */
const BURSTS: readonly (readonly string[])[] = [
  ['agent_started', 'agent_thinking', 'tool_executing'],
  ['tool_completed', 'agent_thinking', 'agent_completed', 'final_report'],
];

/** The burst that starts at `frames[i]`, if the frames from there are one. */
const burstAt = (frames: readonly object[], i: number): object[] | undefined => {
  const burst = BURSTS.find((types) => types.every((type, k) => typeOf(frames[i + k]) === type));
  return burst ? frames.slice(i, i + burst.length) : undefined;
};

/** `back-to-back`: each burst in one send (one write to the socket), everything else one gap apart. */
export function planBackToBack(frames: readonly object[], gapMs: number): ScheduledSend[] {
  const plan: ScheduledSend[] = [];
  for (let i = 0; i < frames.length;) {
    const batch = burstAt(frames, i) ?? [frames[i] as object];
    plan.push({ delayMs: gapMs * (plan.length + 1), frames: batch });
    i += batch.length;
  }
  return plan;
}
