import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { proposeSchemaEdits, type SchemaEdit } from '../../lib/protocol/schema-edits';
import { schemaPatch } from '../../lib/reporting/schema-patch';
import { acceptableDrift } from '../../lib/reporting/schema-patch/accepted-drift';
import { unifiedDiff } from '../../lib/reporting/schema-patch/unified-diff';

const ROOT = resolve(__dirname, '../..');

/** The welcome as staging sent it on 2025-09-08 (seed report). */
const SEED = {
  type: 'system_message',
  data: {
    event: 'connection_established',
    connection_id: 'ws_staging-_1757363217_63ec0531',
    user_id: 'staging-e2e-user-001',
    server_time: '2025-09-08T20:26:57.648399+00:00',
    connection_ready: true,
    environment: 'staging',
    startup_complete: true,
    config: { heartbeat_interval: 25, max_message_size: 8192 },
  },
};
const { data: seedData, ...seedEnvelope } = SEED;

const editsFor = (schema: string, frame: unknown): SchemaEdit[] => proposeSchemaEdits(schema, frame).edits;

/** A copy of lib/protocol (and what it needs to load) in a scratch folder, removed after `use`. */
async function inScratch(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-schema-patch-'));
  try {
    cpSync(join(ROOT, 'lib/protocol'), join(dir, 'lib/protocol'), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json', '.prettierrc.json'])
      cpSync(join(ROOT, file), join(dir, file));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the (patched) protocol module under `dir` accepts each frame as a welcome, in a fresh process. */
function acceptsWelcome(dir: string, frames: unknown[]): boolean[] {
  const script = join(dir, 'accepts.ts');
  writeFileSync(
    script,
    `import { parseWelcome } from './lib/protocol';\nconsole.log(JSON.stringify(${JSON.stringify(frames)}.map((f) => parseWelcome(f).ok)));\n`,
  );
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(out) as boolean[];
}

test.describe('schema patch: the edits as a unified diff of lib/protocol', () => {
  test('a unified diff as git writes it: headers, hunk ranges, 3 lines of context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = before.replace('e\n', 'E\n');
    expect(unifiedDiff('x.ts', before, after)).toBe(
      [
        'diff --git a/x.ts b/x.ts',
        '--- a/x.ts',
        '+++ b/x.ts',
        '@@ -2,7 +2,7 @@',
        ' b',
        ' c',
        ' d',
        '-e',
        '+E',
        ' f',
        ' g',
        ' h',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff('x.ts', before, before)).toBe('');
  });

  test('the patch applies with git apply, and the patched module accepts the drifted and the seed welcome', async () => {
    const renamedAndRetyped = { ...seedEnvelope, type: 'connection_established', payload: seedData };
    const floatTime = { ...SEED, data: { ...seedData, server_time: 1757363217.6 } };
    const edits = [
      ...editsFor('WelcomeFrameSchema', renamedAndRetyped),
      ...editsFor('WelcomeFrameSchema', floatTime),
    ];
    expect(edits.map((e) => e.kind)).toEqual(['literal-changed', 'field-renamed', 'type-widened']);
    const patch = await schemaPatch(edits);
    expect(patch.files).toEqual(['lib/protocol/welcome.ts']);
    expect(patch.diff).toContain("+    type: z.literal(['system_message', 'connection_established']),");
    expect(patch.diff).toContain("+  renamed({ payload: 'data' }),");
    expect(patch.diff).toContain('+  server_time: z.union([z.iso.datetime({ offset: true }), z.number()]),');
    await inScratch(async (dir) => {
      expect(acceptsWelcome(dir, [renamedAndRetyped, floatTime, SEED])).toEqual([false, false, true]);
      writeFileSync(join(dir, 'change.patch'), patch.diff);
      execFileSync('git', ['apply', 'change.patch'], { cwd: dir });
      expect(acceptsWelcome(dir, [renamedAndRetyped, floatTime, SEED])).toEqual([true, true, true]);
      // Accepting the same drift again changes nothing.
      expect((await schemaPatch(edits, dir)).diff).toBe('');
    });
  });

  test('an edit lands in the declaration the field comes from: a spread envelope, a shorthand property', async () => {
    const event = {
      type: 'agent_started',
      run_id: 'run_1',
      agent_name: 7,
      timestamp: '2026-01-05T10:00:00Z',
      payload: { status: 'started', context: {}, message: null },
    };
    const patch = await schemaPatch(editsFor('AgentStartedSchema', event));
    expect(patch.diff).toContain('+  agent_name: z.union([z.string().min(1), z.number()]),');
    expect(patch.diff).toContain(
      "+  payload: z.object({ status: z.literal('started'), context: z.unknown(), message: message.nullable() }),",
    );
  });

  test('only test-is-stale drifts are accepted; staging’s faults are listed, never patched', () => {
    const edit: SchemaEdit = {
      schema: 'WelcomeFrameSchema',
      path: ['type'],
      kind: 'literal-changed',
      value: 'x',
    };
    const record = (verdict: 'test-is-stale' | 'staging-broke-invariant') => ({
      source: 'waiter' as const,
      phase: 'welcome',
      summary: 's',
      issues: [],
      verdict,
      verdictLine: `[${verdict}] phase "welcome": …`,
    });
    const stale = { ...record('test-is-stale'), patch: { edits: [edit], diff: 'd', files: [] } };
    const accepted = acceptableDrift({
      tests: [
        { test: 'a', status: 'failed', mismatches: [stale] },
        { test: 'b', status: 'failed', mismatches: [stale] },
        { test: 'c', status: 'failed', mismatches: [record('staging-broke-invariant')] },
      ],
    });
    expect(accepted.edits).toEqual([edit]);
    expect(accepted.tests).toEqual(['a', 'b']);
    expect(accepted.refused).toEqual([
      { test: 'c', verdict: 'staging-broke-invariant', line: '[staging-broke-invariant] phase "welcome": …' },
    ]);
  });
});
