import { z } from 'zod';
import { EnvelopeTimestampSchema } from './timestamps';

/** Envelope shared by every agent event of a run: note `payload`, not `data` as in the welcome. */
const eventEnvelope = {
  run_id: z.string().min(1),
  agent_name: z.string().min(1),
  timestamp: EnvelopeTimestampSchema,
  thread_id: z.string().optional(),
  /** The newer agent bridge names the user the event is for. */
  user_id: z.string().optional(),
  trace: z.unknown().optional(),
};

const message = z.string();

export const AgentStartedSchema = z.object({
  type: z.literal('agent_started'),
  ...eventEnvelope,
  payload: z.object({ status: z.literal('started'), context: z.unknown(), message }),
});

export const AgentThinkingSchema = z.object({
  type: z.literal('agent_thinking'),
  ...eventEnvelope,
  payload: z.object({
    reasoning: z.string(),
    step_number: z.number().int().nonnegative(),
    progress_percentage: z.number().min(0).max(100),
    status: z.literal('thinking'),
  }),
});

export const ToolExecutingSchema = z.object({
  type: z.literal('tool_executing'),
  ...eventEnvelope,
  payload: z.object({
    tool_name: z.string().min(1),
    parameters: z.record(z.string(), z.unknown()),
    status: z.literal('executing'),
    message,
  }),
});

export const ToolCompletedSchema = z.object({
  type: z.literal('tool_completed'),
  ...eventEnvelope,
  payload: z.object({
    tool_name: z.string().min(1),
    result: z.unknown(),
    execution_time_ms: z.number().nonnegative(),
    status: z.literal('completed'),
    message,
  }),
});

export const AgentCompletedSchema = z.object({
  type: z.literal('agent_completed'),
  ...eventEnvelope,
  payload: z.object({
    status: z.literal('completed'),
    result: z.unknown(),
    execution_time_ms: z.number().nonnegative(),
    message,
  }),
});

export const AgentErrorSchema = z.object({
  type: z.literal('agent_error'),
  ...eventEnvelope,
  payload: z.object({
    status: z.literal('error'),
    error_message: z.string().min(1),
    error_context: z.unknown(),
    message,
  }),
});

/**
 * The answer to the user's stop (`stop_agent`): the run ends here, stopped. Netra's backend sends it as
 * `{"type":"agent_stopped","payload":{"status":"stopped"}}` (message_handler_utils.py `handle_stop_agent`), so
 * `run_id` and `agent_name` are optional; a backend that names the run it stopped sends `run_id` too.
 */
export const AgentStoppedSchema = z.object({
  type: z.literal('agent_stopped'),
  ...eventEnvelope,
  run_id: z.string().min(1).optional(),
  agent_name: z.string().optional(),
  payload: z.object({ status: z.literal('stopped'), message: z.string().optional() }),
});

/** What the real frontend renders as the answer; it ends the visible run. */
export const FinalReportSchema = z.object({
  type: z.literal('final_report'),
  ...eventEnvelope,
  run_id: z.string().min(1).optional(),
  agent_name: z.string().optional(),
  payload: z.object({
    executive_summary: z.string().min(1),
    recommendations: z.array(z.unknown()).optional(),
  }),
});

export const CRITICAL_EVENT_TYPES = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
] as const;

export const AgentEventSchema = z.discriminatedUnion('type', [
  AgentStartedSchema,
  AgentThinkingSchema,
  ToolExecutingSchema,
  ToolCompletedSchema,
  AgentCompletedSchema,
  AgentErrorSchema,
  AgentStoppedSchema,
  FinalReportSchema,
]);

export type AgentEvent = z.infer<typeof AgentEventSchema>;
export type AgentEventType = AgentEvent['type'];
// `values`: a type literal may accept more than one name (an accepted drift, lib/protocol/schema-edits.ts).
export const AGENT_EVENT_TYPES: readonly AgentEventType[] = AgentEventSchema.options.flatMap((option) => [
  ...option.shape.type.values,
]);

/** The events of one type, typed by it: `eventsOfType(events, 'tool_completed')[0].payload.tool_name`. */
export function eventsOfType<T extends AgentEventType>(
  events: readonly AgentEvent[],
  type: T,
): Extract<AgentEvent, { type: T }>[] {
  return events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);
}

/**
 * The answer text a server frame carries (`final_report`'s `executive_summary`), wherever staging put it: in
 * `payload`, in `data` or at the top. What the user needs to see after a drift; undefined when none.
 */
export function answerTextOf(frame: unknown): string | undefined {
  if (frame === null || typeof frame !== 'object') return undefined;
  const envelope = frame as Record<string, unknown>;
  for (const place of [envelope.payload, envelope.data, envelope]) {
    const summary = (place as { executive_summary?: unknown } | null | undefined)?.executive_summary;
    if (typeof summary === 'string' && summary.trim() !== '') return summary;
  }
  return undefined;
}
