import { randomBytes } from 'node:crypto';
import { isWebSocketSafePrompt } from '../lib/protocol';

/**
 * A prompt that stays on the WebSocket path (the real frontend sends prompts with "test", "analyze",
 * "optimize" or "process" over REST) and is unique to this test, so histories never collide.
 */
export function uniquePrompt(text: string): string {
  const prompt = `${text} [${randomBytes(3).toString('hex')}]`;
  if (!isWebSocketSafePrompt(prompt)) throw new Error(`prompt "${prompt}" would leave the WebSocket path`);
  return prompt;
}
