import type { ScheduledSend } from './run-plan';

/**
 * How the stand-in delivers a run's events, besides its pace (stand-in/clock.ts). A delivery mode is what a
 * correct backend may do, never a fault: Netra's backend sends agent_started and its first agent_thinking back
 * to back (the supervisor), and agent_completed right before what ends the run. A test's tokens pick the mode
 * (`standin_delivery`), as they pick a fault, so only that test's sockets are delivered to that way.
 */
export const DELIVERY_MODES = {
  'back-to-back':
    'the backend’s back-to-back pairs in one write: agent_started with its first agent_thinking, agent_completed with final_report',
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

/** The pairs the backend sends back to back: an event and the one right after it. */
const PAIRS: readonly [string, string][] = [
  ['agent_started', 'agent_thinking'],
  ['agent_completed', 'final_report'],
];

/** `back-to-back`: each pair in one send (one write to the socket), everything else one gap apart. */
export function planBackToBack(frames: readonly object[], gapMs: number): ScheduledSend[] {
  const plan: ScheduledSend[] = [];
  for (let i = 0; i < frames.length; i += 1) {
    const frame = frames[i] as object;
    const next = frames[i + 1];
    const paired = PAIRS.some(([first, second]) => typeOf(frame) === first && typeOf(next) === second);
    plan.push({ delayMs: gapMs * (plan.length + 1), frames: paired && next ? [frame, next] : [frame] });
    if (paired) i += 1;
  }
  return plan;
}
