import { z } from 'zod';
import { AgentEventSchema, AGENT_EVENT_TYPES, type AgentEvent } from './agent-events';
import { toSchemaIssues, type SchemaIssue } from './issues';
import { OTHER_SERVER_FRAME_SCHEMAS } from './other-frames';
import { timestampFormNote } from './timestamps';
import { unknownFields } from './unknown-fields';
import { SystemMessageSchema, WelcomeFrameSchema, isWelcomeShaped, type WelcomeFrame } from './welcome';

export type ServerFrameKind =
  'welcome' | 'system_message' | 'agent_event' | keyof typeof OTHER_SERVER_FRAME_SCHEMAS | 'unknown';

/** What a valid frame tells beyond its schema: fields the schemas don't know yet, tolerated variant forms. */
interface FrameNotes {
  /** Additive drift: fields (or a frame type) no schema declares. */
  unknownFields: string[];
  /** Accepted alternatives worth reporting, e.g. a Unix float timestamp instead of ISO 8601. */
  variants: string[];
}

export type ParsedServerFrame =
  | ({ ok: true; kind: 'welcome'; frame: WelcomeFrame } & FrameNotes)
  | ({ ok: true; kind: 'agent_event'; frame: AgentEvent } & FrameNotes)
  | ({
      ok: true;
      kind: Exclude<ServerFrameKind, 'welcome' | 'agent_event'>;
      frame: Record<string, unknown>;
    } & FrameNotes)
  | { ok: false; kind: ServerFrameKind | 'invalid'; issues: SchemaIssue[]; value: unknown };

const variantsOf = (value: unknown): string[] => {
  const note = timestampFormNote(value);
  return note ? [note] : [];
};

const isAgentEventType = (type: string): type is AgentEvent['type'] =>
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
    variants: variantsOf(value),
  };
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown) {
  const result = schema.safeParse(value);
  return result.success
    ? {
        ok: true as const,
        data: result.data,
        unknownFields: unknownFields(schema, value),
        variants: variantsOf(value),
      }
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
  if (type === 'system_message') {
    if (isWelcomeShaped(value)) return parseWelcome(value);
    // Later system messages (e.g. `disconnect_acknowledged`) share the welcome's type, not its data.
    const parsed = parseWith(SystemMessageSchema, value);
    return parsed.ok
      ? { ...parsed, kind: 'system_message', frame: parsed.data }
      : { ok: false, kind: 'system_message', issues: parsed.issues, value };
  }
  if (isAgentEventType(type)) {
    const parsed = parseWith(AgentEventSchema, value);
    return parsed.ok
      ? { ...parsed, kind: 'agent_event', frame: parsed.data }
      : { ok: false, kind: 'agent_event', issues: parsed.issues, value };
  }
  if (isOtherType(type)) {
    const parsed = parseWith(OTHER_SERVER_FRAME_SCHEMAS[type], value);
    return parsed.ok
      ? { ...parsed, kind: type, frame: parsed.data }
      : { ok: false, kind: type, issues: parsed.issues, value };
  }
  return {
    ok: true,
    kind: 'unknown',
    frame: value as Record<string, unknown>,
    unknownFields: [`type=${type}`],
    variants: [],
  };
}
