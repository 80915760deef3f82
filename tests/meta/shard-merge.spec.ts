import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { z } from 'zod';

/** What `scripts/shard-merge-check.ts` writes to `<out>/comparison.json`. */
const ComparisonSchema = z.object({
  projects: z.array(z.string()),
  expectedCount: z.number(),
  mergedCount: z.number(),
  missing: z.array(z.string()),
  extra: z.array(z.string()),
  duplicates: z.array(z.object({ id: z.string(), count: z.number() })),
  statusChanged: z.array(z.object({ id: z.string(), unsharded: z.string(), merged: z.string() })),
  mergedIds: z.array(z.string()),
  perShard: z.array(z.array(z.string())),
});

/**
 * Five unit files and two browser specs: enough for both projects to land in both shards while the meta run
 * stays short (`npm run test:shard-check` runs every file of both projects).
 */
const FILES = [
  'tests/unit/config.spec.ts',
  'tests/unit/redact.spec.ts',
  'tests/unit/run-order.spec.ts',
  'tests/unit/tokens.spec.ts',
  'tests/unit/welcome-schema.spec.ts',
  'e2e/welcome.spec.ts',
  'e2e/agent-events.spec.ts',
];

async function runCheck(outDir: string): Promise<{ exitCode: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/shard-merge-check.ts', `--out=${outDir}`, '--workers=1', ...FILES],
    { env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { exitCode, output };
}

test.describe('the nightly sharding, reproduced locally', () => {
  test('unit and local as 2 blob shards, merged: every test of an unsharded run exactly once, same status', async () => {
    test.setTimeout(180_000);
    const outDir = mkdtempSync(join(tmpdir(), 'netra-shard-check-'));
    try {
      const run = await runCheck(outDir);
      expect(run.exitCode, `shard-merge check output:\n${run.output.slice(-3000)}`).toBe(0);
      const c = ComparisonSchema.parse(JSON.parse(readFileSync(join(outDir, 'comparison.json'), 'utf8')));

      expect(c.projects).toEqual(['unit', 'local']);
      expect(c.expectedCount, 'the unsharded run ran tests').toBeGreaterThan(0);
      expect({
        missing: c.missing,
        extra: c.extra,
        duplicates: c.duplicates,
        statusChanged: c.statusChanged,
      }).toEqual({ missing: [], extra: [], duplicates: [], statusChanged: [] });
      expect(new Set(c.mergedIds).size, 'each test once in the merged report').toBe(c.mergedIds.length);
      expect(c.mergedIds).toHaveLength(c.expectedCount);
      for (const project of c.projects)
        expect(
          c.mergedIds.some((id) => id.startsWith(`[${project}] `)),
          `${project} tests merged`,
        ).toBe(true);

      // The split was real: two non-empty, disjoint shards that together are the merged report.
      expect(c.perShard).toHaveLength(2);
      for (const shard of c.perShard) expect(shard.length).toBeGreaterThan(0);
      const [first = [], second = []] = c.perShard;
      expect(
        first.filter((id) => second.includes(id)),
        'no test in both shards',
      ).toEqual([]);
      expect([...first, ...second].sort()).toEqual([...c.mergedIds].sort());
      expect(run.output).toContain('the merged report matches the unsharded run test for test');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
