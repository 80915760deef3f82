import { z } from 'zod';
import { aliasesOf, renamed } from './forms';
import * as protocol from './index';

/** A JSON value's kind, as a schema member that accepts it (`iso-datetime`: a string in ISO 8601). */
export type JsonKind = 'string' | 'iso-datetime' | 'number' | 'boolean' | 'object' | 'array';
type Literal = string | number | boolean;

interface EditBase {
  /** The protocol export the edit belongs to, e.g. `WelcomeFrameSchema`. */
  schema: string;
  /** Where in that schema: the field's path (for a rename, the path of the object holding it). */
  path: readonly string[];
}

/**
 * One change of form a schema can learn: the smallest edit of one field. Together, the edits of a drift make
 * the schema accept what staging sent while still accepting what it sent before.
 */
export type SchemaEdit = EditBase &
  (
    | { kind: 'literal-changed' | 'enum-value-added'; value: Literal }
    | { kind: 'type-widened'; to: JsonKind }
    | { kind: 'nullable' | 'field-dropped' }
    | { kind: 'field-renamed'; from: string; to: string }
  );

export type ProposedEdits =
  | { accepted: true; edits: SchemaEdit[]; output: unknown }
  | { accepted: false; edits: SchemaEdit[]; reason: string };

const MAX_EDITS = 24;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every zod schema the protocol module exports, by its export name. */
function protocolSchemas(): [string, z.ZodType][] {
  return Object.entries(protocol as Record<string, unknown>).filter(
    (entry): entry is [string, z.ZodType] => entry[0].endsWith('Schema') && entry[1] instanceof z.ZodType,
  );
}

export const schemaNamed = (name: string): z.ZodType | undefined =>
  protocolSchemas().find(([exported]) => exported === name)?.[1];

export const nameOfSchema = (schema: z.ZodType): string | undefined =>
  protocolSchemas().find(([, exported]) => exported === schema)?.[0];

/** True when the schema is one option of an exported discriminated union (its top level cannot be wrapped). */
function isUnionOption(schema: z.ZodType): boolean {
  return protocolSchemas().some(
    ([, s]) => s instanceof z.ZodDiscriminatedUnion && (s.options as readonly z.ZodType[]).includes(schema),
  );
}

/** The rename a schema wrapped with `z.preprocess(renamed(…), …)` applies, if it is one. */
function renameOf(schema: z.ZodType): ((value: unknown) => unknown) | undefined {
  if (!(schema instanceof z.ZodPipe) || !(schema.in instanceof z.ZodTransform)) return undefined;
  const transform = schema.in._zod.def.transform;
  return aliasesOf(transform) ? (value) => transform(value, {} as never) : undefined;
}

/** The schema without its optional/nullable wrappers and renames: what checks the value itself. */
function core(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return core(schema.unwrap() as z.ZodType);
  if (renameOf(schema) && schema instanceof z.ZodPipe) return core(schema.out as z.ZodType);
  return schema;
}

interface Step {
  schema: z.ZodType;
  value: unknown;
}

/** The schema and the value (renames applied) at each step of `path`, root first; undefined when not declared. */
function walk(schema: z.ZodType, value: unknown, path: readonly string[]): Step[] | undefined {
  const steps: Step[] = [{ schema, value }];
  let current: Step = { schema, value };
  for (const key of path) {
    let inner = current.schema;
    let innerValue = current.value;
    for (;;) {
      if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable)
        inner = inner.unwrap() as z.ZodType;
      else if (renameOf(inner) && inner instanceof z.ZodPipe) {
        innerValue = renameOf(inner)?.(innerValue);
        inner = inner.out as z.ZodType;
      } else break;
    }
    if (!(inner instanceof z.ZodObject)) return undefined;
    const child = (inner.shape as Record<string, z.ZodType | undefined>)[key];
    if (!child) return undefined;
    current = { schema: child, value: isRecord(innerValue) ? innerValue[key] : undefined };
    steps.push(current);
  }
  return steps;
}

/** Rebuilds `schema` with the schema at `path` replaced by `replace(it)`, keeping wrappers and renames. */
function rebuildAt(
  schema: z.ZodType,
  path: readonly string[],
  replace: (at: z.ZodType) => z.ZodType,
): z.ZodType {
  if (path.length === 0) return replace(schema);
  if (schema instanceof z.ZodOptional)
    return rebuildAt(schema.unwrap() as z.ZodType, path, replace).optional();
  if (schema instanceof z.ZodNullable)
    return rebuildAt(schema.unwrap() as z.ZodType, path, replace).nullable();
  const rename = schema instanceof z.ZodPipe && schema.in instanceof z.ZodTransform ? schema.in : undefined;
  if (rename && schema instanceof z.ZodPipe && aliasesOf(rename._zod.def.transform))
    return z.preprocess(rename._zod.def.transform, rebuildAt(schema.out as z.ZodType, path, replace));
  if (schema instanceof z.ZodObject) {
    const [key, ...rest] = path;
    const shape = schema.shape as Record<string, z.ZodType>;
    const child = key === undefined ? undefined : shape[key];
    if (key === undefined || !child) throw new Error(`no field ${String(key)} to rebuild`);
    return schema.extend({ [key]: rebuildAt(child, rest, replace) });
  }
  throw new Error(`cannot rebuild a ${schema.constructor.name} at ${path.join('.')}`);
}

/** Applies `replace` to the core of a schema, keeping its optional/nullable wrappers. */
function replaceCore(schema: z.ZodType, replace: (inner: z.ZodType) => z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional) return replaceCore(schema.unwrap() as z.ZodType, replace).optional();
  if (schema instanceof z.ZodNullable) return replaceCore(schema.unwrap() as z.ZodType, replace).nullable();
  return replace(schema);
}

const ISO_DATETIME = z.iso.datetime({ offset: true });

export function jsonKindOf(value: unknown): JsonKind | undefined {
  if (typeof value === 'string') return ISO_DATETIME.safeParse(value).success ? 'iso-datetime' : 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  if (isRecord(value)) return 'object';
  return undefined;
}

export const memberOf = (kind: JsonKind): z.ZodType => {
  switch (kind) {
    case 'string':
      return z.string();
    case 'iso-datetime':
      return z.iso.datetime({ offset: true });
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'object':
      return z.record(z.string(), z.unknown());
    case 'array':
      return z.array(z.unknown());
  }
};

/** The edit applied to a schema in memory: the same change the source patch makes (schema-patch/). */
export function applyEdit(schema: z.ZodType, edit: SchemaEdit): z.ZodType {
  switch (edit.kind) {
    case 'literal-changed':
    case 'enum-value-added':
      return rebuildAt(schema, edit.path, (at) =>
        replaceCore(at, (inner) => {
          if (inner instanceof z.ZodLiteral) return z.literal([...inner.values, edit.value] as Literal[]);
          if (inner instanceof z.ZodEnum && typeof edit.value === 'string')
            return z.enum([...(inner.options as string[]), edit.value]);
          throw new Error(`${edit.path.join('.')} is not a literal or an enum`);
        }),
      );
    case 'type-widened':
      return rebuildAt(schema, edit.path, (at) =>
        replaceCore(at, (inner) =>
          inner instanceof z.ZodUnion
            ? z.union([...(inner.options as z.ZodType[]), memberOf(edit.to)])
            : z.union([inner, memberOf(edit.to)]),
        ),
      );
    case 'nullable':
      return rebuildAt(schema, edit.path, (at) => at.nullable());
    case 'field-dropped':
      return rebuildAt(schema, edit.path, (at) => at.optional());
    case 'field-renamed':
      return rebuildAt(schema, edit.path, (at) => {
        const transform =
          at instanceof z.ZodPipe && at.in instanceof z.ZodTransform ? at.in._zod.def.transform : undefined;
        const before = aliasesOf(transform);
        const aliases = { ...(before ?? {}), [edit.from]: edit.to };
        const inner = before && at instanceof z.ZodPipe ? (at.out as z.ZodType) : at;
        return z.preprocess(renamed(aliases), inner);
      });
  }
}

/** Probes a value of each kind cannot be mistaken for: a schema that rejects its probe says something specific. */
const PROBES: Record<JsonKind, unknown[]> = {
  string: ['\u0000'],
  'iso-datetime': ['\u0000'],
  number: [-0.000123],
  boolean: [true, false],
  object: [{}],
  array: [[]],
};

/** The value as the schema reads it: renames applied, through optional/nullable wrappers. */
function readAs(schema: z.ZodType, value: unknown): unknown {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return readAs(schema.unwrap() as z.ZodType, value);
  const rename = renameOf(schema);
  if (rename && schema instanceof z.ZodPipe) return readAs(schema.out as z.ZodType, rename(value));
  return value;
}

/** A field that is missing, read from an unknown key of its object that only it could be (a rename). */
function renameSource(parent: Step, key: string, child: z.ZodType): string | undefined {
  const object = core(parent.schema);
  const value = readAs(parent.schema, parent.value);
  if (!(object instanceof z.ZodObject) || !isRecord(value)) return undefined;
  const declared = new Set(Object.keys(object.shape));
  const candidates = Object.entries(value).filter(([name, candidate]) => {
    const kind = jsonKindOf(candidate);
    if (declared.has(name) || !kind || !child.safeParse(candidate).success) return false;
    // Only a field the schema describes closely: a plain string or number could be anything.
    return PROBES[kind].some((probe) => !child.safeParse(probe).success);
  });
  return candidates.length === 1 ? candidates[0]?.[0] : undefined;
}

const kindOfSchema = (schema: z.ZodType): JsonKind | 'other' => {
  const inner = core(schema);
  if (inner instanceof z.ZodString || inner instanceof z.ZodStringFormat) return 'string';
  if (inner instanceof z.ZodNumber) return 'number';
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (inner instanceof z.ZodArray) return 'array';
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) return 'object';
  if (inner instanceof z.ZodLiteral) {
    const kinds = new Set([...inner.values].map((v) => jsonKindOf(v)));
    return kinds.size === 1 ? ([...kinds][0] ?? 'other') : 'other';
  }
  return 'other';
};

const sameKind = (a: JsonKind, b: JsonKind | 'other') =>
  a === b || (a === 'iso-datetime' && b === 'string') || (a === 'string' && b === 'iso-datetime');

/** The edit that answers one zod issue, or why there is none. */
function editFor(
  schemaName: string,
  root: z.ZodType,
  value: unknown,
  issue: z.core.$ZodIssue,
  rootIsUnionOption: boolean,
): SchemaEdit | string {
  if (issue.path.some((key) => typeof key !== 'string'))
    return `${issue.path.join('.')}: a field inside a list (${issue.message})`;
  const path = issue.path as string[];
  const where = path.join('.') || '(frame)';
  const steps = walk(root, value, path);
  const at = steps?.at(-1);
  if (!steps || !at) return `${where}: not a field the schema declares (${issue.message})`;
  const received = at.value;
  const base = { schema: schemaName, path };
  const inner = core(at.schema);

  if (received === undefined && path.length > 0) {
    const parent = steps.at(-2);
    const key = path.at(-1) ?? '';
    const from = parent ? renameSource(parent, key, at.schema) : undefined;
    if (from) {
      if (path.length === 1 && rootIsUnionOption)
        return `${where}: arrived as top-level "${from}", and a ${schemaName} (one option of a union) cannot read a renamed top-level field`;
      return { ...base, path: path.slice(0, -1), kind: 'field-renamed', from, to: key };
    }
    if (path.length === 1 && key === 'type') return `type: the frame has no type`;
    return { ...base, kind: 'field-dropped' };
  }
  if (issue.code === 'invalid_value') {
    const literal =
      typeof received === 'string' || typeof received === 'number' || typeof received === 'boolean';
    if (literal && inner instanceof z.ZodLiteral)
      return { ...base, kind: where === 'type' ? 'literal-changed' : 'enum-value-added', value: received };
    if (typeof received === 'string' && inner instanceof z.ZodEnum)
      return { ...base, kind: 'enum-value-added', value: received };
    return `${where}: ${issue.message}`;
  }
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    if (received === null) return { ...base, kind: 'nullable' };
    const kind = jsonKindOf(received);
    if (!kind) return `${where}: ${issue.message}`;
    const options = inner instanceof z.ZodUnion ? (inner.options as z.ZodType[]) : [inner];
    if (options.some((option) => sameKind(kind, kindOfSchema(option))))
      return `${where}: a ${kind} the field's own ${kind} rules refuse (${issue.message})`;
    return { ...base, kind: 'type-widened', to: kind };
  }
  return `${where}: ${issue.message}: a value outside what the field allows is not a change of form`;
}

/**
 * The smallest edits of `schemaName` that make it accept `value`, one field at a time, each checked in memory
 * by parsing the value again with the edited schema: a literal that gains the new value, a type that gains a
 * member, a field read under its new name, a field that may be absent. Refused when a change is not one of form
 * (a value out of bounds, a malformed string) or cannot be written as a schema edit.
 */
export function proposeSchemaEdits(schemaName: string, value: unknown): ProposedEdits {
  const schema = schemaNamed(schemaName);
  if (!schema) return { accepted: false, edits: [], reason: `${schemaName} is not a protocol schema` };
  const rootIsUnionOption = isUnionOption(schema);
  const edits: SchemaEdit[] = [];
  let current = schema;
  for (let round = 0; round <= MAX_EDITS; round++) {
    const parsed = current.safeParse(value);
    if (parsed.success) return { accepted: true, edits, output: parsed.data };
    const [issue] = parsed.error.issues;
    if (!issue || round === MAX_EDITS) break;
    const edit = editFor(schemaName, current, value, issue, rootIsUnionOption);
    if (typeof edit === 'string') return { accepted: false, edits, reason: edit };
    edits.push(edit);
    current = applyEdit(current, edit);
  }
  return { accepted: false, edits, reason: `more than ${MAX_EDITS} fields would have to change` };
}

const KIND_WORDS: Record<JsonKind, string> = {
  string: 'a string',
  'iso-datetime': 'an ISO 8601 string',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'a list',
};

/** One edit in the words of a change of form: `type: "connection_established" (a literal changed)`. */
export function describeEdit(edit: SchemaEdit): string {
  const where = edit.path.join('.');
  switch (edit.kind) {
    case 'literal-changed':
      return `${where}: ${JSON.stringify(edit.value)} (a literal changed)`;
    case 'enum-value-added':
      return `${where}: ${JSON.stringify(edit.value)} (an enum value added)`;
    case 'type-widened':
      return `${where}: ${KIND_WORDS[edit.to]} (a type widened)`;
    case 'nullable':
      return `${where}: null (a field made nullable)`;
    case 'field-dropped':
      return `${where}: absent (a field dropped, now optional)`;
    case 'field-renamed':
      return `${where ? `${where}.` : ''}${edit.to} arrives as ${where ? `${where}.` : ''}${edit.from} (a field renamed or moved)`;
  }
}
