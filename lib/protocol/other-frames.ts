import { z } from 'zod';
import { EnvelopeTimestampSchema } from './timestamps';

/** Server frames besides the welcome and the agent events. Loose where the product is loose. */

/** The documented error frame: `{"type":"error","error_code":…,"message":…}`. */
export const ErrorFrameSchema = z.object({
  type: z.literal('error'),
  error_code: z.string().min(1),
  message: z.string().min(1),
  timestamp: EnvelopeTimestampSchema.optional(),
});

/** The backend message model's error (`websocket_core/types.py` ErrorMessage): `type: "error_message"`. */
export const ErrorMessageFrameSchema = z.object({
  type: z.literal('error_message'),
  error_code: z.string().min(1),
  error_message: z.string().min(1),
  details: z.unknown().optional(),
  recovery_suggestions: z.unknown().optional(),
  timestamp: EnvelopeTimestampSchema.optional(),
});

/**
 * What Netra's backend sends when it could not deliver a critical event (`unified_manager.py`,
 * `_emit_connection_error_notification`, code reading of beta-15): the event named in `data.event_type` never
 * reaches the client as itself. During a run it stands where that agent event should be.
 */
export const ConnectionErrorFrameSchema = z.object({
  type: z.literal('connection_error'),
  data: z
    .object({
      message: z.string(),
      event_type: z.string().optional(),
      user_friendly_message: z.string().optional(),
      severity: z.string().optional(),
    })
    .loose(),
  timestamp: EnvelopeTimestampSchema.optional(),
  critical: z.boolean().optional(),
});

/** The agent event a `connection_error` frame stands for, and what it says; undefined for any other frame. */
export function deliveryFailureOf(
  frame: unknown,
): { eventType: string | undefined; message: string } | undefined {
  const parsed = ConnectionErrorFrameSchema.safeParse(frame);
  return parsed.success
    ? { eventType: parsed.data.data.event_type, message: parsed.data.data.message }
    : undefined;
}

/** The backend's answer to a message type it does not route: it names the type it received. */
export const AckFrameSchema = z.object({
  type: z.literal('ack'),
  received_type: z.string(),
  status: z.string().optional(),
  user_id: z.string().optional(),
  timestamp: EnvelopeTimestampSchema.optional(),
});

const pingPongData = z.object({ timestamp: EnvelopeTimestampSchema.optional() }).loose();
export const PingFrameSchema = z.object({
  type: z.literal('ping'),
  timestamp: z.number().optional(),
  data: pingPongData.optional(),
});
export const PongFrameSchema = z.object({
  type: z.literal('pong'),
  timestamp: z.number().optional(),
  data: pingPongData.optional(),
});

/** Server heartbeat; staging's welcome announces its interval in `config.heartbeat_interval`. */
export const HeartbeatFrameSchema = z.object({
  type: z.literal('heartbeat'),
  timestamp: EnvelopeTimestampSchema,
});

const streamingEnvelope = {
  run_id: z.string().min(1).optional(),
  timestamp: EnvelopeTimestampSchema.optional(),
  payload: z.record(z.string(), z.unknown()),
};

export const PartialResultSchema = z.object({ type: z.literal('partial_result'), ...streamingEnvelope });
export const StreamChunkSchema = z.object({ type: z.literal('stream_chunk'), ...streamingEnvelope });
export const StreamCompleteSchema = z.object({ type: z.literal('stream_complete'), ...streamingEnvelope });
export const AgentUpdateSchema = z.object({ type: z.literal('agent_update'), ...streamingEnvelope });
export const ThreadCreatedSchema = z.object({
  type: z.literal('thread_created'),
  payload: z.object({ thread_id: z.string().min(1) }),
});

export const OTHER_SERVER_FRAME_SCHEMAS = {
  error: ErrorFrameSchema,
  error_message: ErrorMessageFrameSchema,
  connection_error: ConnectionErrorFrameSchema,
  ack: AckFrameSchema,
  ping: PingFrameSchema,
  pong: PongFrameSchema,
  heartbeat: HeartbeatFrameSchema,
  partial_result: PartialResultSchema,
  stream_chunk: StreamChunkSchema,
  stream_complete: StreamCompleteSchema,
  agent_update: AgentUpdateSchema,
  thread_created: ThreadCreatedSchema,
} as const;

/** A server error in either form, as code and message. */
export interface ServerError {
  code: string;
  message: string;
}

/** The error a frame carries, whichever of the two error forms it uses; undefined for any other frame. */
export function serverErrorOf(frame: { type?: unknown } & Record<string, unknown>): ServerError | undefined {
  const documented = ErrorFrameSchema.safeParse(frame);
  if (documented.success) return { code: documented.data.error_code, message: documented.data.message };
  const model = ErrorMessageFrameSchema.safeParse(frame);
  if (model.success) return { code: model.data.error_code, message: model.data.error_message };
  return undefined;
}
