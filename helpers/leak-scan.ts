import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { unzipSync } from 'fflate';

/** Something that must never appear in an artifact. Only its name is ever printed, never what it matched. */
export interface LeakNeedle {
  name: string;
  literal?: string;
  pattern?: RegExp;
}

export interface LeakHit {
  /** `file` or `file!zip-entry` (nested as deep as the zips go). */
  where: string;
  needle: string;
  offset: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** The HTML report inlines its data as a base64 zip. */
const EMBEDDED_ZIP = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/g;

/**
 * What a leaked credential looks like: the signing secret in raw, base64url and base64 form; any JWT; a token
 * subprotocol `jwt.<base64url(JWT)>`; and a JWT's base64url without the prefix (base64 of `eyJ` is `ZXlK`).
 */
export function credentialNeedles(secrets: readonly string[]): LeakNeedle[] {
  const literals = secrets
    .filter((s) => s.length >= 8)
    .flatMap((secret, i) => [
      { name: `secret #${i + 1}`, literal: secret },
      { name: `secret #${i + 1} (base64url)`, literal: Buffer.from(secret).toString('base64url') },
      { name: `secret #${i + 1} (base64)`, literal: Buffer.from(secret).toString('base64') },
    ]);
  return [
    ...literals,
    { name: 'a JWT', pattern: /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{10,}/ },
    { name: 'a jwt.<base64url> subprotocol token', pattern: /jwt\.ZXlK[\w-]{10,}/ },
    { name: "a JWT's base64url", pattern: /ZXlK[\w-]{40,}/ },
  ];
}

const isZip = (bytes: Uint8Array) => ZIP_MAGIC.every((b, i) => bytes[i] === b);

/** Scans bytes (zips entry by entry, HTML reports through their embedded zip) for every needle. */
export function scanBytes(where: string, bytes: Uint8Array, needles: readonly LeakNeedle[]): LeakHit[] {
  if (isZip(bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch {
      return [{ where, needle: 'an unreadable zip (cannot prove it clean)', offset: 0 }];
    }
    return Object.entries(entries).flatMap(([name, entry]) => scanBytes(`${where}!${name}`, entry, needles));
  }
  const text = Buffer.from(bytes).toString('latin1');
  const hits: LeakHit[] = [];
  for (const needle of needles) {
    const offset =
      needle.literal !== undefined ? text.indexOf(needle.literal) : text.search(needle.pattern ?? /$^/);
    if (offset >= 0) hits.push({ where, needle: needle.name, offset });
  }
  for (const match of text.matchAll(EMBEDDED_ZIP)) {
    const zip = Buffer.from(match[1] ?? '', 'base64');
    hits.push(...scanBytes(`${where}!embedded-zip@${match.index}`, zip, needles));
  }
  return hits;
}

function* filesUnder(dir: string): Generator<string> {
  if (statSync(dir).isFile()) {
    yield dir;
    return;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Scans every file under the folders (or the files given); returns the hits and how many files (zip entries not counted) were read. */
export function scanArtifacts(
  dirs: readonly string[],
  needles: readonly LeakNeedle[],
): { files: number; hits: LeakHit[] } {
  let files = 0;
  const hits: LeakHit[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of filesUnder(dir)) {
      files += 1;
      const where = file === dir ? basename(file) : join(basename(dir), relative(dir, file));
      hits.push(...scanBytes(where, readFileSync(file), needles));
    }
  }
  return { files, hits };
}
