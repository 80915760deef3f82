import { z } from 'zod';

/** Server frames besides the welcome and the agent events. Loose where the product is loose. */
export const ErrorFrameSchema = z.object({
  type: z.literal('error'),
  error_code: z.string().min(1),
  message: z.string().min(1),
});

export const PingFrameSchema = z.object({ type: z.literal('ping'), timestamp: z.number().optional() });
export const PongFrameSchema = z.object({ type: z.literal('pong'), timestamp: z.number().optional() });

/** Server heartbeat; staging's welcome announces its interval in `config.heartbeat_interval`. */
export const HeartbeatFrameSchema = z.object({
  type: z.literal('heartbeat'),
  timestamp: z.iso.datetime({ offset: true }),
});

const streamingEnvelope = {
  run_id: z.string().min(1).optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
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
  ping: PingFrameSchema,
  pong: PongFrameSchema,
  heartbeat: HeartbeatFrameSchema,
  partial_result: PartialResultSchema,
  stream_chunk: StreamChunkSchema,
  stream_complete: StreamCompleteSchema,
  agent_update: AgentUpdateSchema,
  thread_created: ThreadCreatedSchema,
} as const;
