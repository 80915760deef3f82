import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { schemaPatch } from '../lib/reporting/schema-patch';
import { acceptableDrift, type RunDriftReport } from '../lib/reporting/schema-patch/accepted-drift';
import { patchFileOf } from '../lib/reporting/reporters/protocol-drift-reporter';

/**
 * `npm run protocol:accept-drift -- reports/protocol-drift.json [--dry-run]`: accepts what a run found stale.
 * Every test-is-stale drift of the report proposes schema edits; they are written into this checkout's
 * lib/protocol as one unified diff (beside the report, `protocol-drift.patch`), applied with `git apply`, then
 * the JSON Schema export is regenerated (`npm run protocol:schema`) and the unit tests run. Drifts that are
 * staging's fault are listed and never patched. `--dry-run` prints the diff and changes nothing.
 */
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const reportFile = args.find((a) => !a.startsWith('--'));
if (!reportFile) {
  console.error('usage: npm run protocol:accept-drift -- reports/protocol-drift.json [--dry-run]');
  process.exit(2);
}
const root = process.cwd();

const run = (command: string, commandArgs: string[]): number => {
  console.log(`\n$ ${[command, ...commandArgs].join(' ')}`);
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' }).status ?? 1;
};

async function main(file: string): Promise<number> {
  const report = JSON.parse(readFileSync(file, 'utf8')) as RunDriftReport;
  const { edits, tests, refused } = acceptableDrift(report);
  for (const drift of refused)
    console.log(`not accepted, staging's fault (${drift.verdict}): ${drift.test}\n  ${drift.line}`);
  if (edits.length === 0) {
    console.error(
      `protocol:accept-drift: ${file} holds no test-is-stale drift with a patch: nothing to accept`,
    );
    return 1;
  }
  const patch = await schemaPatch(edits, root);
  if (!patch.diff) {
    console.log('protocol:accept-drift: lib/protocol already accepts every stale drift of the report');
    return 0;
  }
  const patchFile = patchFileOf(resolve(file));
  writeFileSync(patchFile, patch.diff);
  console.log(`protocol:accept-drift: the stale drift of ${tests.length} test(s), as ${patchFile}:\n`);
  console.log(patch.diff);
  if (dryRun) return 0;
  if (run('git', ['apply', '--whitespace=nowarn', patchFile]) !== 0) {
    console.error(
      `protocol:accept-drift: git apply refused ${patchFile} (was lib/protocol changed since the run?)`,
    );
    return 1;
  }
  if (run('npm', ['run', '--silent', 'protocol:schema']) !== 0) return 1;
  const unit = run('npx', ['playwright', 'test', '--project=unit']);
  console.log(
    unit === 0
      ? `protocol:accept-drift: applied to ${patch.files.join(', ')}; JSON Schema exported; unit tests green`
      : 'protocol:accept-drift: applied, but the unit tests failed (above)',
  );
  return unit;
}

main(reportFile).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`protocol:accept-drift: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
