import { parseJsonFrame } from '../protocol';
import type { FrameLog } from './frame-log';

/** The `type` of every frame on one socket, both directions, in order; `(not JSON)` for anything else. */
export function frameTypes(
  log: FrameLog,
  socket: number,
  leaveOut: ReadonlySet<string> = new Set(),
): string[] {
  return log.frames
    .filter((f) => f.socket === socket)
    .map((f) => {
      const json = parseJsonFrame(f.text);
      const type = json.ok ? (json.value as { type?: unknown } | null)?.type : undefined;
      return typeof type === 'string' ? type : '(not JSON)';
    })
    .filter((type) => !leaveOut.has(type));
}
