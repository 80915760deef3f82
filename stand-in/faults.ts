/**
 * Fault modes of the stand-in, each a way staging could break that the suite must report fast and precisely.
 * A test picks one by minting its token with the claim `standin_fault`, so parallel workers never interfere
 * and the page's own socket (seen by `page.on('websocket')`) is the one that misbehaves.
 */
export const FAULT_MODES = {
  'flat-welcome': 'welcome in the old flat shape {"type":"connection_established",…}',
  'no-welcome': 'no welcome frame at all (silence after the upgrade)',
  'wrong-user': "welcome names another user's id",
  'missing-completed': 'run skips agent_completed and goes straight to final_report',
  'out-of-order': 'tool_completed arrives before its tool_executing',
  'foreign-run': "an event of another user's run is delivered mid-run",
  'close-early': 'server closes the socket right after agent_started',
  oversized: 'a frame larger than the welcome max_message_size',
} as const;

export type FaultMode = keyof typeof FAULT_MODES;
export const FAULT_CLAIM = 'standin_fault';

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && Object.hasOwn(FAULT_MODES, value);
}
