import type TS from 'typescript';
import type { JsonKind, SchemaEdit } from '../../protocol/schema-edits';

/** The TypeScript compiler, loaded by `applySchemaEdits` only when a patch is written (it is large). */
let ts: typeof TS;

/** The protocol module's source files, by path relative to the repository root (`lib/protocol/welcome.ts`). */
export type Sources = Map<string, string>;

interface Located {
  file: string;
  node: TS.Node;
  source: TS.SourceFile;
}

/** Which file declares each top-level `const` of the protocol module (schemas, envelopes, helpers). */
function declarations(sources: Sources): Map<string, Located & { node: TS.Expression }> {
  const found = new Map<string, Located & { node: TS.Expression }>();
  for (const [file, text] of sources) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name) && declaration.initializer)
          found.set(declaration.name.text, { file, node: declaration.initializer, source });
    }
  }
  return found;
}

const isZodCall = (node: TS.Node, method: string): boolean =>
  ts.isCallExpression(node) &&
  ts.isPropertyAccessExpression(node.expression) &&
  ts.isIdentifier(node.expression.expression) &&
  node.expression.expression.text === 'z' &&
  node.expression.name.text === method;

class ProtocolSource {
  private decls: ReturnType<typeof declarations>;

  constructor(private readonly sources: Sources) {
    this.decls = declarations(sources);
  }

  /** The object literal a schema expression declares its fields in: `z.object({…})`, through names and calls. */
  objectOf(at: Located): Located & { node: TS.ObjectLiteralExpression } {
    const { node } = at;
    if (ts.isParenthesizedExpression(node)) return this.objectOf({ ...at, node: node.expression });
    if (ts.isObjectLiteralExpression(node)) return { ...at, node };
    if (ts.isIdentifier(node)) {
      const declared = this.decls.get(node.text);
      if (!declared) throw new Error(`${node.text} is not declared in lib/protocol`);
      return this.objectOf(declared);
    }
    if (ts.isCallExpression(node)) {
      const [first, second] = node.arguments;
      if (isZodCall(node, 'object') || isZodCall(node, 'looseObject') || isZodCall(node, 'strictObject'))
        if (first && ts.isObjectLiteralExpression(first)) return { ...at, node: first };
      if (isZodCall(node, 'preprocess') && second) return this.objectOf({ ...at, node: second });
      if (ts.isPropertyAccessExpression(node.expression) && !isZodCall(node, node.expression.name.text))
        return this.objectOf({ ...at, node: node.expression.expression });
    }
    throw new Error(`no z.object at "${at.node.getText(at.source).slice(0, 60)}"`);
  }

  /** The last declaration of `key` in an object literal, also through `...spread` of another literal. */
  property(object: Located & { node: TS.ObjectLiteralExpression }, key: string): Located | undefined {
    let found: Located | undefined;
    for (const property of object.node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.objectOf({ ...object, node: property.expression });
        found = this.property(spread, key) ?? found;
      } else if (
        (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) &&
        (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
        property.name.text === key
      )
        found = { ...object, node: property };
    }
    return found;
  }

  /** The top-level declaration of a schema export. */
  schema(name: string): Located & { node: TS.Expression } {
    const declared = this.decls.get(name);
    if (!declared) throw new Error(`${name} is not declared in lib/protocol`);
    return declared;
  }

  /** The property at `path` of a schema: its `key: value` (or shorthand) node. */
  field(schema: string, path: readonly string[]): Located {
    let at: Located = this.schema(schema);
    for (const [index, key] of path.entries()) {
      const owner = index === 0 ? at : { ...at, node: valueOf(at.node) };
      const property = this.property(this.objectOf(owner), key);
      if (!property) throw new Error(`${schema} declares no ${path.slice(0, index + 1).join('.')}`);
      at = property;
    }
    return at;
  }

  text(file: string): string {
    const text = this.sources.get(file);
    if (text === undefined) throw new Error(`${file} is not a protocol source`);
    return text;
  }
}

/** The value expression of a property (a shorthand property's value is its name). */
const valueOf = (node: TS.Node): TS.Expression =>
  ts.isPropertyAssignment(node)
    ? node.initializer
    : ts.isShorthandPropertyAssignment(node)
      ? node.name
      : (node as TS.Expression);

const MEMBER: Record<JsonKind, string> = {
  string: 'z.string()',
  'iso-datetime': 'z.iso.datetime({ offset: true })',
  number: 'z.number()',
  boolean: 'z.boolean()',
  object: 'z.record(z.string(), z.unknown())',
  array: 'z.array(z.unknown())',
};

const WRAPPERS = new Set(['optional', 'nullable', 'nullish', 'describe']);

/** `core` and the trailing `.optional()`/`.nullable()`/`.describe(…)` calls after it, as text. */
function peel(node: TS.Expression, source: TS.SourceFile): { core: TS.Expression; suffix: string } {
  let core = node;
  while (
    ts.isCallExpression(core) &&
    ts.isPropertyAccessExpression(core.expression) &&
    WRAPPERS.has(core.expression.name.text)
  )
    core = core.expression.expression;
  return { core, suffix: source.text.slice(core.getEnd(), node.getEnd()) };
}

/** The `z.literal(…)` or `z.enum(…)` call that a field's expression starts with. */
function literalCall(node: TS.Expression): TS.CallExpression | undefined {
  let at: TS.Expression = node;
  while (ts.isCallExpression(at)) {
    if (isZodCall(at, 'literal') || isZodCall(at, 'enum')) return at;
    if (!ts.isPropertyAccessExpression(at.expression)) return undefined;
    at = at.expression.expression;
  }
  return undefined;
}

const keyText = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

interface Replacement {
  file: string;
  start: number;
  end: number;
  text: string;
}

/** One edit as a replacement of source text (the file is re-read after each, so edits may nest). */
function replacementOf(src: ProtocolSource, edit: SchemaEdit): Replacement[] {
  if (edit.kind === 'field-renamed') {
    const target = edit.path.length === 0 ? src.schema(edit.schema) : src.field(edit.schema, edit.path);
    const node = edit.path.length === 0 ? target.node : valueOf(target.node);
    const { source, file } = target;
    const alias = `${keyText(edit.from)}: ${JSON.stringify(edit.to)}`;
    const existing =
      ts.isCallExpression(node) && isZodCall(node, 'preprocess') ? node.arguments[0] : undefined;
    if (existing && ts.isCallExpression(existing) && ts.isIdentifier(existing.expression)) {
      const aliases = existing.arguments[0];
      if (aliases && ts.isObjectLiteralExpression(aliases)) {
        const known = aliases.properties.some(
          (p) =>
            ts.isPropertyAssignment(p) &&
            (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
            p.name.text === edit.from &&
            ts.isStringLiteral(p.initializer) &&
            p.initializer.text === edit.to,
        );
        // Already accepted (a second run of the same patch): nothing to change.
        if (known) return [];
        const inner = aliases.properties.map((p) => p.getText(source));
        return [
          {
            file,
            start: aliases.getStart(source),
            end: aliases.getEnd(),
            text: `{ ${[...inner, alias].join(', ')} }`,
          },
        ];
      }
    }
    return [
      {
        file,
        start: node.getStart(source),
        end: node.getEnd(),
        text: `z.preprocess(renamed({ ${alias} }), ${node.getText(source)})`,
      },
      ...importRenamed(src.text(file), file),
    ];
  }
  const field = src.field(edit.schema, edit.path);
  const { source, file } = field;
  const value = valueOf(field.node);
  const shorthand = ts.isShorthandPropertyAssignment(field.node);
  // A shorthand property `message` becomes `message: <new value>`.
  const replace = (text: string): Replacement =>
    shorthand
      ? {
          file,
          start: field.node.getStart(source),
          end: field.node.getEnd(),
          text: `${value.getText(source)}: ${text}`,
        }
      : { file, start: value.getStart(source), end: value.getEnd(), text };
  const valueText = value.getText(source);
  switch (edit.kind) {
    case 'field-dropped':
      return /\.optional\(\)$/.test(valueText) ? [] : [replace(`${valueText}.optional()`)];
    case 'nullable':
      return /\.nullable\(\)/.test(valueText) ? [] : [replace(`${valueText}.nullable()`)];
    case 'type-widened': {
      const { core, suffix } = peel(value, source);
      const member = MEMBER[edit.to];
      if (ts.isCallExpression(core) && isZodCall(core, 'union')) {
        const options = core.arguments[0];
        if (
          options &&
          ts.isArrayLiteralExpression(options) &&
          options.elements.some((e) => e.getText(source) === member)
        )
          return [];
        if (options && ts.isArrayLiteralExpression(options))
          return [
            {
              file,
              start: options.getStart(source),
              end: options.getEnd(),
              text: `[${[...options.elements.map((e) => e.getText(source)), member].join(', ')}]`,
            },
          ];
      }
      return [replace(`z.union([${core.getText(source)}, ${member}])${suffix}`)];
    }
    case 'literal-changed':
    case 'enum-value-added': {
      const call = literalCall(value);
      const argument = call?.arguments[0];
      if (!call || !argument)
        throw new Error(`${edit.schema} ${edit.path.join('.')} is not a z.literal or z.enum`);
      const added = JSON.stringify(edit.value);
      const present = ts.isArrayLiteralExpression(argument) ? [...argument.elements] : [argument];
      // Already accepted (a second run of the same patch): nothing to change.
      if (present.some((e) => ts.isLiteralExpression(e) && e.text === String(edit.value))) return [];
      const values = [...present.map((e) => e.getText(source)), added];
      return [
        { file, start: argument.getStart(source), end: argument.getEnd(), text: `[${values.join(', ')}]` },
      ];
    }
  }
}

/** `import { renamed } from './forms';` in a protocol file that lacks it. */
function importRenamed(text: string, file: string): Replacement[] {
  if (file.endsWith('/forms.ts')) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const imports = source.statements.filter(ts.isImportDeclaration);
  const forms = imports.find(
    (i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text === './forms',
  );
  const named = forms?.importClause?.namedBindings;
  if (named && ts.isNamedImports(named)) {
    if (named.elements.some((e) => e.name.text === 'renamed')) return [];
    const last = named.elements.at(-1);
    return last ? [{ file, start: last.getEnd(), end: last.getEnd(), text: ', renamed' }] : [];
  }
  const after = imports.at(-1)?.getEnd() ?? 0;
  return [
    { file, start: after, end: after, text: `${after ? '\n' : ''}import { renamed } from './forms';\n` },
  ];
}

/**
 * The protocol sources with every edit written in: one field at a time, each located in the schema's own
 * declaration (through spreads such as `...eventEnvelope` and names such as `data: WelcomeDataSchema`, so a
 * shared declaration changes once for every schema that uses it). Throws when an edit cannot be located.
 */
export function applySchemaEdits(
  typescript: typeof TS,
  sources: Sources,
  edits: readonly SchemaEdit[],
): Sources {
  ts = typescript;
  const out = new Map(sources);
  for (const edit of edits) {
    const replacements = replacementOf(new ProtocolSource(out), edit).sort((a, b) => b.start - a.start);
    for (const r of replacements) {
      const text = out.get(r.file) ?? '';
      out.set(r.file, `${text.slice(0, r.start)}${r.text}${text.slice(r.end)}`);
    }
  }
  return out;
}
