import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8, unzipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { redactArtifacts, redactZip } from '../../lib/secrets/artifact-redaction';
import { credentialNeedles, scanArtifacts, scanBytes } from '../../lib/secrets/leak-scan';
import { Redactor } from '../../lib/secrets/redact';
import { base64UrlOfToken, mintAccessToken } from '../../lib/secrets/tokens';

const SECRET = 'artifact-redaction-secret-0123456789abcdef';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A zip laid out like a Playwright trace, carrying a token everywhere a real trace was seen to carry one. */
async function leakyTrace(): Promise<{ zip: Uint8Array; token: string }> {
  const token = await mintAccessToken({ secret: SECRET, userId: 'u-1', email: 'u@example.com' });
  const zip = zipSync({
    '1-trace.network': strToU8(
      JSON.stringify({
        headers: [
          { name: 'authorization', value: `Bearer ${token}` },
          { name: 'Sec-WebSocket-Protocol', value: `jwt-auth, jwt.${base64UrlOfToken(token)}` },
        ],
      }),
    ),
    '1-trace.trace': strToU8(JSON.stringify({ method: 'addInitScript', params: { arg: { access: token } } })),
    'resources/abc.json': strToU8(JSON.stringify({ access_token: token, b64: base64UrlOfToken(token) })),
    'test.trace': strToU8(`{"type":"stdout","text":"secret=${SECRET}"}`),
    'screencast/page.png': PNG,
  });
  return { zip, token };
}

test.describe('artifacts are rewritten without credentials, and the scan would see any left', () => {
  test('the leak scan finds a token in every form inside a trace zip and an HTML report', async () => {
    const { zip } = await leakyTrace();
    const needles = credentialNeedles([SECRET]);
    const hits = scanBytes('trace.zip', zip, needles);
    expect(new Set(hits.map((h) => h.where.replace(/!base64@\d+$/, '')))).toEqual(
      new Set([
        'trace.zip!1-trace.network',
        'trace.zip!1-trace.trace',
        'trace.zip!resources/abc.json',
        'trace.zip!test.trace',
      ]),
    );
    expect(new Set(hits.map((h) => h.needle))).toEqual(
      new Set(['a JWT', 'a jwt.<base64url> subprotocol token', 'a JWT (base64-encoded)', 'secret #1']),
    );
    const html = `<template id="playwrightReportBase64">data:application/zip;base64,${Buffer.from(zip).toString('base64')}</template>`;
    expect(scanBytes('index.html', strToU8(html), needles).length).toBeGreaterThan(0);
  });

  test('the leak scan finds a token or the secret base64-encoded at any offset (a JSON report body)', async () => {
    const { token } = await leakyTrace();
    const needles = credentialNeedles([SECRET]);
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      for (const [what, credential] of [
        ['a JWT (base64-encoded)', token],
        ['secret #1 (base64-encoded)', SECRET],
      ]) {
        const body = Buffer.from(`${prefix}{"frame":"${credential}"}`).toString('base64');
        const hits = scanBytes('results.json', strToU8(`{"body":"${body}"}`), needles);
        expect(
          hits.map((h) => h.needle),
          `${what} after ${prefix.length} byte(s)`,
        ).toContain(what);
      }
    }
    const clean = Buffer.from('{"frame":"nothing secret in this attachment body at all"}').toString('base64');
    expect(scanBytes('results.json', strToU8(`{"body":"${clean}"}`), needles)).toEqual([]);
  });

  test('redactZip removes them all and leaves pictures byte for byte', async () => {
    const { zip, token } = await leakyTrace();
    const redacted = redactZip(zip, new Redactor([SECRET]));
    expect(redacted, 'the trace needed rewriting').toBeDefined();
    const clean = redacted ?? new Uint8Array();
    expect(scanBytes('trace.zip', clean, credentialNeedles([SECRET]))).toEqual([]);
    const entries = unzipSync(clean);
    expect(Object.keys(entries).sort()).toEqual(Object.keys(unzipSync(zip)).sort());
    expect(entries['screencast/page.png']).toEqual(PNG);
    const network = Buffer.from(entries['1-trace.network'] ?? new Uint8Array()).toString();
    expect(network).toContain('Bearer [redacted-jwt]');
    expect(network).toContain('jwt-auth, jwt.[redacted]');
    expect(network).not.toContain(token.slice(0, 40));
    expect(redactZip(clean, new Redactor([SECRET])), 'a clean zip is left alone').toBeUndefined();
  });
});

test.describe('the sweep of output folders', () => {
  let dir = '';

  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netra-redaction-'));
  });

  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('scratch folders are swept only when asked (no worker can still write there)', async () => {
    const { zip } = await leakyTrace();
    const scratch = join(dir, '.playwright-artifacts-0', 'traces');
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, 'live.network'), Buffer.from(unzipSync(zip)['1-trace.network'] ?? []));
    mkdirSync(join(dir, 'a-test'));
    writeFileSync(join(dir, 'a-test', 'trace.zip'), zip);
    const needles = credentialNeedles([SECRET]);

    const first = redactArtifacts([dir], new Redactor([SECRET]));
    expect(first.rewritten.map((f) => f.slice(dir.length))).toEqual(['/a-test/trace.zip']);
    expect(scanArtifacts([join(dir, '.playwright-artifacts-0')], needles).hits.length).toBeGreaterThan(0);

    const second = redactArtifacts([dir], new Redactor([SECRET]), { scratch: true });
    expect(second.rewritten.map((f) => f.slice(dir.length))).toEqual([
      '/.playwright-artifacts-0/traces/live.network',
    ]);
    expect(scanArtifacts([dir], needles).hits).toEqual([]);
    expect(readdirSync(join(dir, 'a-test')), 'the rewrite leaves no temporary file').toEqual(['trace.zip']);
  });

  test('a zip that cannot be read is deleted, never left as is', () => {
    const broken = join(dir, 'trace.zip');
    writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)]));
    const outcome = redactArtifacts([dir], new Redactor([SECRET]));
    expect(outcome.removed).toEqual([broken]);
    expect(existsSync(broken)).toBe(false);
  });
});
