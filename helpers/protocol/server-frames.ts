import { z } from 'zod';
import { AgentEventSchema, AGENT_EVENT_TYPES, type AgentEvent } from './agent-events';
import { toSchemaIssues, type SchemaIssue } from './issues';
import { OTHER_SERVER_FRAME_SCHEMAS } from './other-frames';
import { unknownFields } from './unknown-fields';
import { WelcomeFrameSchema, type WelcomeFrame } from './welcome';

export type ServerFrameKind = 'welcome' | 'agent_event' | keyof typeof OTHER_SERVER_FRAME_SCHEMAS | 'unknown';

export type ParsedServerFrame =
  | { ok: true; kind: 'welcome'; frame: WelcomeFrame; unknownFields: string[] }
  | { ok: true; kind: 'agent_event'; frame: AgentEvent; unknownFields: string[] }
  | {
      ok: true;
      kind: Exclude<ServerFrameKind, 'welcome' | 'agent_event'>;
      frame: Record<string, unknown>;
      unknownFields: string[];
    }
  | { ok: false; kind: ServerFrameKind | 'invalid'; issues: SchemaIssue[]; value: unknown };

export const isAgentEventType = (type: string): type is AgentEvent['type'] =>
  (AGENT_EVENT_TYPES as readonly string[]).includes(type);

function isOtherType(type: string): type is keyof typeof OTHER_SERVER_FRAME_SCHEMAS {
  return Object.hasOwn(OTHER_SERVER_FRAME_SCHEMAS, type);
}

export function parseJsonFrame(
  text: string,
): { ok: true; value: unknown } | { ok: false; issue: SchemaIssue } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      issue: {
        path: '(frame)',
        expected: 'a JSON text',
        received: text.length > 120 ? `${text.slice(0, 120)}…` : text,
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

/** Validates the welcome frame on its own: the first server frame must be this and nothing else. */
export function parseWelcome(value: unknown): ParsedServerFrame {
  const result = WelcomeFrameSchema.safeParse(value);
  if (!result.success)
    return { ok: false, kind: 'welcome', issues: toSchemaIssues(result.error, value), value };
  return {
    ok: true,
    kind: 'welcome',
    frame: result.data,
    unknownFields: unknownFields(WelcomeFrameSchema, value),
  };
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown) {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true as const, data: result.data, unknownFields: unknownFields(schema, value) }
    : { ok: false as const, issues: toSchemaIssues(result.error, value) };
}

/** Classifies any server frame by its `type` and validates it against that type's schema. */
export function parseServerFrame(text: string): ParsedServerFrame {
  const json = parseJsonFrame(text);
  if (!json.ok) return { ok: false, kind: 'invalid', issues: [json.issue], value: text };
  const value = json.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      kind: 'invalid',
      issues: [
        { path: '(frame)', expected: 'a JSON object', received: value, message: 'frame is not an object' },
      ],
      value,
    };
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') {
    return {
      ok: false,
      kind: 'invalid',
      issues: [{ path: 'type', expected: 'string', received: type, message: 'frame has no string type' }],
      value,
    };
  }
  if (type === 'system_message') return parseWelcome(value);
  if (isAgentEventType(type)) {
    const parsed = parseWith(AgentEventSchema, value);
    return parsed.ok
      ? { ok: true, kind: 'agent_event', frame: parsed.data, unknownFields: parsed.unknownFields }
      : { ok: false, kind: 'agent_event', issues: parsed.issues, value };
  }
  if (isOtherType(type)) {
    const parsed = parseWith(OTHER_SERVER_FRAME_SCHEMAS[type], value);
    return parsed.ok
      ? {
          ok: true,
          kind: type,
          frame: parsed.data,
          unknownFields: parsed.unknownFields,
        }
      : { ok: false, kind: type, issues: parsed.issues, value };
  }
  return {
    ok: true,
    kind: 'unknown',
    frame: value as Record<string, unknown>,
    unknownFields: [`type=${type}`],
  };
}
