import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SchemaEdit } from '../../protocol/schema-edits';
import { applySchemaEdits, type Sources } from './source-edit';
import { unifiedDiff } from './unified-diff';

/** The repository this module belongs to: the patch is written against its `lib/protocol/`. */
export const REPO_ROOT = resolve(__dirname, '../../..');
const PROTOCOL_DIR = 'lib/protocol';

/** A change to `lib/protocol/` as a unified diff (`git apply` from the repository root), and the files it touches. */
export interface SchemaPatch {
  diff: string;
  files: string[];
}

/** The protocol module's `.ts` sources under `root`, by repository-relative path. */
export function protocolSources(root = REPO_ROOT): Sources {
  const dir = join(root, PROTOCOL_DIR);
  return new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => [`${PROTOCOL_DIR}/${name}`, readFileSync(join(dir, name), 'utf8')] as const),
  );
}

/**
 * The edits as a patch of the protocol sources under `root`: written into the declarations (source-edit.ts),
 * formatted with the repository's Prettier settings, then diffed file by file. Throws when an edit cannot be
 * written (a field declared in a way the rewriter does not follow).
 */
export async function schemaPatch(edits: readonly SchemaEdit[], root = REPO_ROOT): Promise<SchemaPatch> {
  const prettier = await import('prettier');
  const { default: typescript } = await import('typescript');
  const before = protocolSources(root);
  const after = applySchemaEdits(typescript, before, edits);
  const parts: string[] = [];
  const files: string[] = [];
  for (const [file, text] of after) {
    const original = before.get(file) ?? '';
    if (text === original) continue;
    const options = (await prettier.resolveConfig(join(root, file))) ?? {};
    const formatted = await prettier.format(text, { ...options, filepath: join(root, file) });
    const diff = unifiedDiff(file, original, formatted);
    if (!diff) continue;
    parts.push(diff);
    files.push(file);
  }
  return { diff: parts.join(''), files };
}
