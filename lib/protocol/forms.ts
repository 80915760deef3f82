/**
 * Forms of a frame the schemas accept besides their own: a field staging renamed or moved, read under the
 * schema's name. An accepted drift (`npm run protocol:accept-drift`) wraps a schema with it:
 * `z.preprocess(renamed({ payload: 'data' }), z.object({ data: … }))` reads `payload` as `data`, so the frame's
 * type and every reader of `frame.data` stay as they are.
 */
type Aliases = Readonly<Record<string, string>>;

const RENAMES = new WeakMap<(value: unknown) => unknown, Aliases>();

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads each `from` key of an object as its `to` key, unless the object already has `to`. */
export function renamed(aliases: Aliases): (value: unknown) => unknown {
  const rename = (value: unknown): unknown => {
    if (!isRecord(value)) return value;
    const moved = Object.entries(aliases).filter(([from, to]) => from in value && !(to in value));
    if (moved.length === 0) return value;
    const sources = new Set(moved.map(([from]) => from));
    return Object.fromEntries([
      ...Object.entries(value).filter(([key]) => !sources.has(key)),
      ...moved.map(([from, to]) => [to, value[from]] as const),
    ]);
  };
  RENAMES.set(rename, aliases);
  return rename;
}

/** The aliases of a function made by `renamed`, or undefined for any other function. */
export const aliasesOf = (fn: unknown): Aliases | undefined =>
  typeof fn === 'function' ? RENAMES.get(fn as (value: unknown) => unknown) : undefined;
