import { z } from 'zod';

/** Chat as the real frontend sends it from the chat input. */
export const StartAgentFrameSchema = z.object({
  type: z.literal('start_agent'),
  payload: z.object({
    user_request: z.string().min(1),
    thread_id: z.string().min(1).nullable().optional(),
    context: z.record(z.string(), z.unknown()).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** The second form in the frontend's code (`content`) and the old tests' form (`text`). */
export const UserMessageFrameSchema = z.object({
  type: z.literal('user_message'),
  payload: z
    .object({
      content: z.string().min(1).optional(),
      text: z.string().min(1).optional(),
      references: z.array(z.unknown()).optional(),
      thread_id: z.string().min(1).optional(),
    })
    .refine((p) => p.content !== undefined || p.text !== undefined, {
      message: 'user_message needs payload.content or payload.text',
      path: ['content'],
    }),
});

export const ClientPingSchema = z.object({ type: z.literal('ping'), timestamp: z.number().optional() });
export const ClientPongSchema = z.object({ type: z.literal('pong'), timestamp: z.number().optional() });
export const SwitchThreadSchema = z.object({
  type: z.literal('switch_thread'),
  payload: z.object({ thread_id: z.string().min(1) }),
});
export const StopAgentSchema = z.object({
  type: z.literal('stop_agent'),
  payload: z.object({ run_id: z.string().optional(), thread_id: z.string().optional() }).optional(),
});

/** Sent by the real frontend as the page unloads; the backend acknowledges it with a system_message. */
export const DisconnectSchema = z.object({
  type: z.literal('disconnect'),
  payload: z.record(z.string(), z.unknown()).optional(),
});
export const GetThreadHistorySchema = z.object({
  type: z.literal('get_thread_history'),
  payload: z.object({ thread_id: z.string().min(1) }).optional(),
});

export const ClientFrameSchema = z.discriminatedUnion('type', [
  StartAgentFrameSchema,
  UserMessageFrameSchema,
  ClientPingSchema,
  ClientPongSchema,
  SwitchThreadSchema,
  StopAgentSchema,
  DisconnectSchema,
  GetThreadHistorySchema,
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

/** `start_agent` exactly as the real frontend sends it from the chat input. */
export function startAgentFrame(
  userRequest: string,
  threadId: string,
): z.infer<typeof StartAgentFrameSchema> {
  return {
    type: 'start_agent',
    payload: {
      user_request: userRequest,
      thread_id: threadId,
      context: { source: 'message_input' },
      settings: {},
    },
  };
}

/** The chat text of a client frame, whichever of the three accepted forms it uses. */
export function chatTextOf(frame: ClientFrame): string | undefined {
  if (frame.type === 'start_agent') return frame.payload.user_request;
  if (frame.type === 'user_message') return frame.payload.content ?? frame.payload.text;
  return undefined;
}

/** The thread a chat frame is addressed to, if it names one. */
export function chatThreadOf(frame: ClientFrame): string | undefined {
  if (frame.type === 'start_agent' || frame.type === 'user_message')
    return frame.payload.thread_id ?? undefined;
  return undefined;
}

/** Words that make the real frontend route a prompt over REST, with no WebSocket frame at all. */
const REST_ROUTED_PROMPT_WORDS = ['test', 'analyze', 'optimize', 'process'] as const;

export function isWebSocketSafePrompt(prompt: string): boolean {
  const lower = prompt.toLowerCase();
  return !REST_ROUTED_PROMPT_WORDS.some((word) => lower.includes(word));
}

/** A recorded client frame as one of the known chat/control frames, or undefined (not JSON, unknown shape). */
export function parseClientFrame(text: string): ClientFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  const parsed = ClientFrameSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
