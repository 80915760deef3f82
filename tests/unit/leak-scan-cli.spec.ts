import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { expect, test } from '@playwright/test';

const SECRET = 'leak-scan-cli-secret-0123456789abcdef0123';

/** `npx tsx scripts/leak-scan.ts <paths>` as the workflows run it, the secret handed over in the environment. */
function leakScan(...paths: string[]) {
  const scan = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/leak-scan.ts', ...paths], {
    encoding: 'utf8',
    env: { ...process.env, NETRA_JWT_SECRET: SECRET },
  });
  return { status: scan.status, output: `${scan.stdout}${scan.stderr}` };
}

test.describe('the CI leak scan (scripts/leak-scan.ts)', () => {
  let dir = '';

  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netra-leak-cli-'));
    mkdirSync(join(dir, 'test-results', '.playwright-artifacts-0'), { recursive: true });
    writeFileSync(join(dir, 'test-results', 'clean.txt'), 'nothing to see');
  });

  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('passes a clean folder', () => {
    const scan = leakScan(join(dir, 'test-results'), join(dir, 'not-there'));
    expect(scan.status, scan.output).toBe(0);
    expect(scan.output).toContain('0 hit(s) (not there:');
  });

  test('fails on the secret, base64-encoded inside a zip in a scratch folder, and never prints it', () => {
    const body = `{"headers":{"x":"${Buffer.from(SECRET).toString('base64')}"}}`;
    writeFileSync(
      join(dir, 'test-results', '.playwright-artifacts-0', 'live.zip'),
      zipSync({ 'trace.network': strToU8(body) }),
    );
    const scan = leakScan(join(dir, 'test-results'));
    expect(scan.status, scan.output).toBe(1);
    expect(scan.output).toMatch(
      /test-results\/\.playwright-artifacts-0\/live\.zip!trace\.network: secret #\d/,
    );
    expect(scan.output).toContain('nothing is uploaded and the job fails');
    expect(scan.output).not.toContain(SECRET);
    expect(scan.output).not.toContain(Buffer.from(SECRET).toString('base64'));
  });
});
