import { AgentEventSchema } from './agent-events';
import {
  describeUserIdMismatch,
  invariantFieldsUnder,
  type InvariantFrame,
  type InvariantName,
} from './invariants';
import { describeIssue, previewValue, type SchemaIssue } from './issues';
import { OTHER_SERVER_FRAME_SCHEMAS } from './other-frames';
import { nameOfSchema, proposeSchemaEdits, type SchemaEdit } from './schema-edits';
import { parseJsonFrame } from './server-frames';
import { isWelcomeShaped, welcomeValueProblems } from './welcome';

/** A promise a drifted frame breaks: which one, on which field, what it expects and what arrived. */
export interface InvariantBreak {
  invariant: InvariantName;
  path: string;
  expected: string;
  received: unknown;
  /** In words: how what arrived breaks it (e.g. a user id cut to a prefix). */
  how: string;
}

/** What the suite can tell of a drifted frame without the page: the promises it breaks, the schema edits. */
export interface DriftAnalysis {
  /** The frame's group for the invariant fields, when it has one. */
  frame: InvariantFrame | undefined;
  /** The protocol export that refused it, when a schema did. */
  schema: string | undefined;
  broken: InvariantBreak[];
  /** The edits that make `schema` accept the frame; empty when no schema refused it. */
  edits: SchemaEdit[];
  /** Why no patch can accept the frame (the edits alone would not), when none can. */
  noPatch: string | undefined;
}

export interface DriftInput {
  /** The frame as received. */
  text: string;
  /** The first server frame of its socket: the welcome. */
  firstFrame: boolean;
  /** The token's sub, for the welcome's identity. */
  expectedUserId?: string;
  /** The issues the check found, with their invariant when a check of one found them. */
  issues: readonly SchemaIssue[];
}

const valueAtPath = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      value,
    );

/** The schema a frame answers to, by export name, and its group for the invariant fields. */
function refusingSchema(
  value: unknown,
  firstFrame: boolean,
): { schema: string | undefined; frame: InvariantFrame | undefined } {
  if (firstFrame) return { schema: 'WelcomeFrameSchema', frame: 'welcome' };
  const type = (value as { type?: unknown }).type;
  if (type === 'system_message')
    return isWelcomeShaped(value)
      ? { schema: 'WelcomeFrameSchema', frame: 'welcome' }
      : { schema: 'SystemMessageSchema', frame: undefined };
  const option = AgentEventSchema.options.find((o) => (o.shape.type.values as Set<unknown>).has(type));
  if (option) return { schema: nameOfSchema(option), frame: 'agent event' };
  if (typeof type === 'string' && Object.hasOwn(OTHER_SERVER_FRAME_SCHEMAS, type))
    return {
      schema: nameOfSchema(OTHER_SERVER_FRAME_SCHEMAS[type as keyof typeof OTHER_SERVER_FRAME_SCHEMAS]),
      frame: undefined,
    };
  return { schema: undefined, frame: undefined };
}

function fromIssue(issue: SchemaIssue, invariant: InvariantName, expectedUserId?: string): InvariantBreak {
  const how =
    invariant === 'identity' && expectedUserId !== undefined
      ? `${issue.path} ${previewValue(issue.received)} is ${describeUserIdMismatch(issue.received, expectedUserId)}`
      : describeIssue(issue);
  return { invariant, path: issue.path, expected: issue.expected, received: issue.received, how };
}

/** Where else in a frame a key appears (`user_id` at the top when `data.user_id` is absent). */
function elsewhere(value: unknown, key: string, path = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, child]) => {
    const at = path ? `${path}.${name}` : name;
    return [...(name === key ? [at] : []), ...elsewhere(child, key, at)];
  });
}

/** The invariant fields an edit lets go of: a field dropped, retyped or relabelled (a rename keeps them). */
function breaksOfEdit(edit: SchemaEdit, frame: InvariantFrame, value: unknown): InvariantBreak[] {
  if (edit.kind === 'field-renamed') return [];
  return invariantFieldsUnder(frame, edit.path.join('.')).map(({ path, invariant, expected }) => {
    const received = valueAtPath(value, path);
    const found = elsewhere(value, path.split('.').at(-1) ?? path).filter((at) => at !== path);
    const places = found.map((at) => (at.includes('.') ? at : 'the top level')).join(', ');
    const hint = found.length
      ? ` (a ${path.split('.').at(-1) ?? ''} arrived at ${places} instead, where the suite checks no promise)`
      : '';
    const how =
      received === undefined
        ? `${path} is absent, so the frame no longer makes the promise${hint}`
        : `${path} arrived as ${previewValue(received)}, which the schema would have to stop checking`;
    return { invariant, path, expected, received, how };
  });
}

const uniqueByPath = (breaks: InvariantBreak[]): InvariantBreak[] =>
  breaks.filter((b, i) => breaks.findIndex((other) => other.path === b.path) === i);

/**
 * Which promises a drifted frame breaks and which schema edits would accept it. A promise is broken when a
 * check of it failed (the welcome's values, the run order, the frame size), when the frame is no JSON object,
 * when accepting the frame would mean letting go of a field that carries one, or when the frame, read the way
 * the edited schema would read it, fails the welcome's value checks.
 */
export function analyseDrift(input: DriftInput): DriftAnalysis {
  const tagged = input.issues.flatMap((issue) =>
    issue.invariant ? [fromIssue(issue, issue.invariant, input.expectedUserId)] : [],
  );
  const json = parseJsonFrame(input.text);
  const value = json.ok ? json.value : undefined;
  if (!json.ok || value === null || typeof value !== 'object' || Array.isArray(value)) {
    const framing: InvariantBreak = {
      invariant: 'framing',
      path: json.ok ? '(frame)' : json.issue.path,
      expected: json.ok ? 'a JSON object' : json.issue.expected,
      received: json.ok ? value : json.issue.received,
      how: json.ok ? 'the frame is JSON but no object' : `the frame is not JSON (${json.issue.message})`,
    };
    return {
      frame: input.firstFrame ? 'welcome' : undefined,
      schema: undefined,
      broken: uniqueByPath([...tagged, framing]),
      edits: [],
      noPatch: 'no schema can accept a frame that is not a JSON object',
    };
  }
  const { schema, frame } = refusingSchema(value, input.firstFrame);
  const proposal = schema ? proposeSchemaEdits(schema, value) : undefined;
  const edits = proposal?.edits ?? [];
  const fromEdits = frame ? edits.flatMap((edit) => breaksOfEdit(edit, frame, value)) : [];
  const fromValues =
    proposal?.accepted && frame === 'welcome' && input.expectedUserId !== undefined
      ? welcomeValueProblems(proposal.output, input.expectedUserId).map((p) =>
          fromIssue({ ...p, message: 'welcome value check' }, p.invariant, input.expectedUserId),
        )
      : [];
  return {
    frame,
    schema,
    broken: uniqueByPath([...tagged, ...fromValues, ...fromEdits]),
    edits,
    noPatch: proposal && !proposal.accepted ? proposal.reason : undefined,
  };
}
