import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { SECRET_VARIABLES, STAND_IN_ENV } from '../setup/config';
import { Redactor } from './redact';

/** Files whose bytes are pictures or fonts: never rewritten (a token cannot hide in them as text). */
const BINARY_EXTENSIONS = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.gif',
  '.webm',
  '.ttf',
  '.woff',
  '.woff2',
]);
const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const isPicture = (name: string, bytes: Uint8Array) =>
  BINARY_EXTENSIONS.has(extname(name).toLowerCase()) || startsWith(bytes, PNG) || startsWith(bytes, JPEG);
const isZip = (name: string, bytes: Uint8Array) =>
  extname(name).toLowerCase() === '.zip' || startsWith(bytes, ZIP);

/** A zip that cannot be read cannot be proven clean: it is removed, never copied as is. */
class UnreadableArtifactError extends Error {
  override name = 'UnreadableArtifactError';
}

/**
 * Redacts bytes as text. `latin1` maps every byte to one character and back, so bytes that match no pattern
 * (UTF-8 text included) come out unchanged; tokens, secrets and their encodings are all ASCII.
 */
function redactBytes(bytes: Uint8Array, redactor: Redactor): Uint8Array | undefined {
  const text = Buffer.from(bytes).toString('latin1');
  const redacted = redactor.text(text);
  return redacted === text ? undefined : Buffer.from(redacted, 'latin1');
}

/** Rewrites a zip (a Playwright trace) with every entry redacted; undefined when nothing needed redacting. */
export function redactZip(zip: Uint8Array, redactor: Redactor): Uint8Array | undefined {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    throw new UnreadableArtifactError(error instanceof Error ? error.message : String(error));
  }
  let changed = false;
  const out: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) {
    const redacted = isPicture(name, bytes) ? undefined : redactBytes(bytes, redactor);
    if (redacted) changed = true;
    out[name] = redacted ?? bytes;
  }
  return changed ? zipSync(out, { level: 6 }) : undefined;
}

/** Replaces a file in one step: a reader (or a kill) sees the old bytes or the new ones, never half of them. */
function replaceFile(file: string, bytes: Uint8Array): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.redacting`);
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}

/**
 * Redacts one artifact file in place (zip entries one by one); true when it was rewritten.
 * Throws `UnreadableArtifactError` for a zip it cannot read.
 */
function redactArtifact(file: string, redactor: Redactor): boolean {
  const bytes = readFileSync(file);
  if (isPicture(file, bytes)) return false;
  const redacted = isZip(file, bytes) ? redactZip(bytes, redactor) : redactBytes(bytes, redactor);
  if (!redacted) return false;
  replaceFile(file, redacted);
  return true;
}

/** Playwright's per-worker scratch folders: live trace chunks while the worker runs, leftovers if it died. */
const SCRATCH_FOLDER = /^\.playwright-artifacts-\d+$/;

const isGone = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

function* filesUnder(dir: string, options: { scratch: boolean }): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (options.scratch || !SCRATCH_FOLDER.test(entry.name)) yield* filesUnder(path, options);
    } else if (entry.isFile() && !entry.name.endsWith('.redacting')) yield path;
  }
}

/** The scratch folders under the output folders, e.g. `test-results/.playwright-artifacts-0`. */
export function scratchFolders(dirs: readonly string[]): string[] {
  return [...new Set(dirs)].flatMap((dir) => {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && SCRATCH_FOLDER.test(e.name))
        .map((e) => join(dir, e.name));
    } catch {
      return [];
    }
  });
}

export interface RedactionOutcome {
  /** Files read (a file unchanged since an earlier pass is not read again). */
  scanned: number;
  rewritten: string[];
  /** Zips that could not be read, so could not be proven clean: removed. */
  removed: string[];
}

/** Size and modification time: a file already redacted and unchanged since is not read again. */
export type Fingerprints = Map<string, string>;
const fingerprintOf = (file: string) => {
  const stat = statSync(file);
  return `${stat.size}:${stat.mtimeMs}`;
};

/** Redacts one file; an unreadable zip is deleted and listed under `removed`. */
export function redactFileInto(
  file: string,
  redactor: Redactor,
  outcome: RedactionOutcome,
  seen?: Fingerprints,
): void {
  try {
    if (seen?.get(file) === fingerprintOf(file)) return;
    outcome.scanned += 1;
    if (redactArtifact(file, redactor)) outcome.rewritten.push(file);
    seen?.set(file, fingerprintOf(file));
  } catch (error) {
    // Removed meanwhile (another run clearing its output): nothing left to leak.
    if (isGone(error)) return;
    if (!(error instanceof UnreadableArtifactError)) throw error;
    rmSync(file, { force: true });
    outcome.removed.push(file);
  }
}

/**
 * Redacts every artifact under the given folders (traces, error contexts, attachments). With `scratch`, also
 * the workers' `.playwright-artifacts-*` folders: only once no worker of this run can still be writing there.
 */
export function redactArtifacts(
  dirs: readonly string[],
  redactor: Redactor,
  options: { scratch?: boolean; seen?: Fingerprints } = {},
): RedactionOutcome {
  const outcome: RedactionOutcome = { scanned: 0, rewritten: [], removed: [] };
  for (const dir of new Set(dirs)) {
    if (!existsSync(dir)) continue;
    for (const file of filesUnder(dir, { scratch: options.scratch ?? false }))
      redactFileInto(file, redactor, outcome, options.seen);
  }
  return outcome;
}

/** One line for stderr; undefined when there is nothing to say. */
export function describeOutcome(who: string, outcome: RedactionOutcome): string | undefined {
  const parts: string[] = [];
  if (outcome.rewritten.length)
    parts.push(
      `removed credentials from ${outcome.rewritten.length} of ${outcome.scanned} artifact files read`,
    );
  if (outcome.removed.length)
    parts.push(
      `deleted ${outcome.removed.length} unreadable zip(s) that could not be proven clean: ${outcome.removed.join(', ')}`,
    );
  return parts.length ? `${who}: ${parts.join('; ')}` : undefined;
}

/**
 * The run-level redactor: the secrets this process knows (stand-in secret, staging secret or pre-issued token)
 * plus the patterns that catch every JWT minted from them, in raw, `jwt.`-subprotocol and base64url form.
 */
export function runRedactor(env: NodeJS.ProcessEnv = process.env): Redactor {
  return new Redactor([env[STAND_IN_ENV.secret], ...SECRET_VARIABLES.map((name) => env[name])]);
}
