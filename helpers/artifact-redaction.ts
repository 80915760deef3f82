import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { SECRET_VARIABLES, STAND_IN_ENV } from './config';
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

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const isPicture = (name: string, bytes: Uint8Array) =>
  BINARY_EXTENSIONS.has(extname(name).toLowerCase()) || startsWith(bytes, PNG) || startsWith(bytes, JPEG);

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
  const entries = unzipSync(zip);
  let changed = false;
  const out: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) {
    const redacted = isPicture(name, bytes) ? undefined : redactBytes(bytes, redactor);
    if (redacted) changed = true;
    out[name] = redacted ?? bytes;
  }
  return changed ? zipSync(out, { level: 6 }) : undefined;
}

/** Redacts one artifact file in place (zip entries one by one); true when it was rewritten. */
export function redactArtifact(file: string, redactor: Redactor): boolean {
  const bytes = readFileSync(file);
  if (isPicture(file, bytes)) return false;
  const redacted =
    extname(file).toLowerCase() === '.zip' ? redactZip(bytes, redactor) : redactBytes(bytes, redactor);
  if (!redacted) return false;
  writeFileSync(file, redacted);
  return true;
}

/** Playwright's per-worker scratch folders: a concurrent run may still be writing live traces there. */
const SCRATCH = /^\.playwright-artifacts-\d+$/;

const isGone = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

function* filesUnder(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SCRATCH.test(entry.name)) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Redacts every artifact under the given folders (traces, error contexts, attachments). */
export function redactArtifacts(
  dirs: readonly string[],
  redactor: Redactor,
): { scanned: number; rewritten: string[] } {
  let scanned = 0;
  const rewritten: string[] = [];
  for (const dir of new Set(dirs)) {
    if (!existsSync(dir)) continue;
    for (const file of filesUnder(dir)) {
      scanned += 1;
      try {
        if (redactArtifact(file, redactor)) rewritten.push(file);
      } catch (error) {
        // Removed meanwhile (another run clearing its output): nothing left to leak.
        if (!isGone(error)) throw error;
      }
    }
  }
  return { scanned, rewritten };
}

/**
 * The run-level redactor: the secrets this process knows (stand-in secret, staging secret or pre-issued token)
 * plus the patterns that catch every JWT minted from them, in raw, `jwt.`-subprotocol and base64url form.
 */
export function runRedactor(env: NodeJS.ProcessEnv = process.env): Redactor {
  return new Redactor([env[STAND_IN_ENV.secret], ...SECRET_VARIABLES.map((name) => env[name])]);
}
