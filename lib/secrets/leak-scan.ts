import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { secretForms } from './redact';

/** Something that must never appear in an artifact. Only its name is ever printed, never what it matched. */
export interface LeakNeedle {
  name: string;
  literal?: string;
  pattern?: RegExp;
  /** Also looked for inside every base64 run, decoded at each of the four alignments. */
  encodedToo?: boolean;
}

export interface LeakHit {
  /** `file`, `file!zip-entry` or `file!base64@offset` (nested as deep as the encodings go). */
  where: string;
  needle: string;
  offset: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** A base64 or base64url run long enough to hold a credential (a JWT is longer than 100 characters). */
const BASE64_RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const MAX_DEPTH = 4;

/**
 * What a leaked credential looks like: each signing secret (or pre-issued token) raw, base64, base64url and
 * percent-encoded; any JWT; a token subprotocol `jwt.<base64url(JWT)>`. A JWT or secret in plain base64 or
 * base64url at any offset (an attachment body in the JSON report, the HTML report's inlined zip) is found by
 * decoding every base64 run: `encodedToo`.
 */
export function credentialNeedles(secrets: readonly string[]): LeakNeedle[] {
  const literals = secrets
    .filter((s) => s.length >= 8)
    .flatMap((secret, i) => {
      const [raw, ...encoded] = secretForms(secret);
      return [
        { name: `secret #${i + 1}`, literal: raw ?? secret, encodedToo: true },
        ...encoded.map((literal, j) => ({ name: `secret #${i + 1} (encoded form ${j + 1})`, literal })),
      ];
    });
  return [
    ...literals,
    { name: 'a JWT', pattern: /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{10,}/, encodedToo: true },
    { name: 'a jwt.<base64url> subprotocol token', pattern: /jwt\.ZXlK[\w-]{10,}/ },
  ];
}

const isZip = (bytes: Uint8Array) => ZIP_MAGIC.every((b, i) => bytes[i] === b);

function find(text: string, needle: LeakNeedle): number {
  return needle.literal !== undefined ? text.indexOf(needle.literal) : text.search(needle.pattern ?? /$^/);
}

/** Scans bytes for every needle: zips entry by entry, base64 runs decoded (an inlined zip is then scanned too). */
export function scanBytes(
  where: string,
  bytes: Uint8Array,
  needles: readonly LeakNeedle[],
  depth = 0,
): LeakHit[] {
  if (isZip(bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch {
      return [{ where, needle: 'an unreadable zip (cannot prove it clean)', offset: 0 }];
    }
    return Object.entries(entries).flatMap(([name, entry]) =>
      scanBytes(`${where}!${name}`, entry, needles, depth + 1),
    );
  }
  const text = Buffer.from(bytes).toString('latin1');
  const hits: LeakHit[] = [];
  for (const needle of needles) {
    const offset = find(text, needle);
    if (offset >= 0) hits.push({ where, needle: needle.name, offset });
  }
  if (depth >= MAX_DEPTH) return hits;
  const encoded = needles.filter((n) => n.encodedToo);
  for (const match of text.matchAll(BASE64_RUN)) {
    const run = match[0];
    for (let shift = 0; shift < 4; shift += 1) {
      const decoded = Buffer.from(run.slice(shift), 'base64');
      const at = `${where}!base64@${match.index + shift}`;
      if (shift === 0 && isZip(decoded)) {
        hits.push(...scanBytes(at, decoded, needles, depth + 1));
        break;
      }
      const decodedText = decoded.toString('latin1');
      for (const needle of encoded) {
        const offset = find(decodedText, needle);
        if (offset >= 0) hits.push({ where: at, needle: `${needle.name} (base64-encoded)`, offset });
      }
    }
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

/**
 * Scans every file under the folders (or the files given), `.playwright-artifacts-*` scratch folders included;
 * returns the hits and how many files (zip entries not counted) were read.
 */
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
