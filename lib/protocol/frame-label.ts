import { parseJsonFrame } from './server-frames';

/** What a timeline shows of one frame: its `type` and the run and thread it belongs to, wherever they sit. */
export interface FrameLabel {
  type: string;
  runId?: string;
  threadId?: string;
}

const stringAt = (value: unknown, key: string): string | undefined => {
  if (value === null || typeof value !== 'object') return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' && found !== '' ? found : undefined;
};

/**
 * Agent events carry `run_id` and `thread_id` at the top; client frames (`start_agent`, `stop_agent`) in
 * `payload`; the welcome in `data`. A frame that is not JSON is labelled `(not JSON)`.
 */
export function frameLabel(text: string): FrameLabel {
  const json = parseJsonFrame(text);
  if (!json.ok) return { type: '(not JSON)' };
  const frame = json.value;
  const type = stringAt(frame, 'type') ?? '(no type)';
  const envelope = frame !== null && typeof frame === 'object' ? (frame as Record<string, unknown>) : {};
  const places = [envelope, envelope.payload, envelope.data];
  const first = (key: string) => places.map((v) => stringAt(v, key)).find((v) => v !== undefined);
  const runId = first('run_id');
  const threadId = first('thread_id');
  return { type, ...(runId ? { runId } : {}), ...(threadId ? { threadId } : {}) };
}
