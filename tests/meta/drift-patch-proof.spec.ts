import { DRIFT_ATTACHMENT, type DriftReport } from '../../lib/reporting/drift-report';
import { FAULT_MODES, type FaultMode } from '../../stand-in/contract';
import { STALE_ROWS } from './drift-rows';
import { expect, test } from './meta-test';
import { runSuite, type ChildRun } from './run-suite';
import { scratchCheckout } from './scratch-checkout';

/**
 * The fix, proven: for each test-is-stale drift of the table (drift-rows.ts), the patch the run proposed is
 * applied in a scratch copy of this checkout (`git apply`, as `npm run protocol:accept-drift` does); there the
 * drifted run passes and the undrifted run stays green. One representative patch (the seed incident's own
 * drift, the welcome's type literal) also runs every `local` spec, drifted and not: nothing else turns red.
 * Our chat page only: the verdicts themselves are proven through the real frontend by drift-verdicts.spec.ts.
 */

/** The patch a drifted child run proposed, read from its drift report. */
async function proposedPatch(fault: FaultMode, spec: string): Promise<string> {
  const run = await runSuite({ args: ['--project=local', '--workers=1', spec], env: { NETRA_FAULT: fault } });
  const [result] = run.results;
  const attachment = result?.attachments.find((a) => a.name === DRIFT_ATTACHMENT);
  const report = JSON.parse(attachment?.body ?? '{"mismatches":[]}') as DriftReport;
  const diff = report.mismatches.find((m) => m.verdict === 'test-is-stale')?.patch?.diff ?? '';
  expect(diff, `${fault} proposes a patch:\n${result?.errorMessage.slice(0, 1500) ?? run.output}`).toContain(
    'diff --git a/lib/protocol/',
  );
  return diff;
}

/** What a run left red (empty when green), and how many tests ran. */
function outcome(run: ChildRun): { red: string[]; ran: number } {
  const red = run.results
    .filter((r) => r.status !== 'passed' && r.status !== 'skipped')
    .map((r) => `${r.project} › ${r.title}: ${r.status}\n${r.errorMessage.split('\n')[0] ?? ''}`);
  return {
    red: run.results.length ? red : [`no test ran:\n${run.output.slice(-2000)}`],
    ran: run.results.length,
  };
}

/** Runs `runs` in a scratch copy of this checkout with `diff` applied, then removes the copy. */
async function inPatchedCopy<T>(diff: string, runs: (dir: string) => Promise<T>): Promise<T> {
  const scratch = scratchCheckout();
  try {
    const applied = scratch.apply(diff);
    expect(applied.ok, `git apply takes the patch from the root:\n${applied.output}`).toBe(true);
    return await runs(scratch.dir);
  } finally {
    scratch.remove();
  }
}

test.describe('each test-is-stale patch, applied in a scratch copy, makes the drifted run pass', () => {
  for (const [fault, row] of STALE_ROWS) {
    test(`${fault} (${row.kind}): the patch turns the drifted run green, the undrifted run stays green`, async () => {
      test.setTimeout(150_000);
      const diff = await proposedPatch(fault, row.spec);
      const args = ['--project=local', '--workers=1', row.spec];
      const { drifted, undrifted } = await inPatchedCopy(diff, async (cwd) => ({
        drifted: outcome(await runSuite({ cwd, args, env: { NETRA_FAULT: fault } })),
        undrifted: outcome(await runSuite({ cwd, args })),
      }));
      expect(drifted, `${row.spec} against ${fault} (${FAULT_MODES[fault]}), patched`).toEqual({
        red: [],
        ran: 1,
      });
      expect(undrifted, `${row.spec} with no fault, patched`).toEqual({ red: [], ran: 1 });
    });
  }

  test('welcome-type-renamed, the representative: every local spec stays green with the patch, drifted and not', async () => {
    test.setTimeout(420_000);
    const diff = await proposedPatch('welcome-type-renamed', 'e2e/welcome.spec.ts');
    const args = ['--project=local', '--workers=2'];
    const { drifted, undrifted } = await inPatchedCopy(diff, async (cwd) => ({
      drifted: outcome(
        await runSuite({ cwd, args, env: { NETRA_FAULT: 'welcome-type-renamed' }, timeoutMs: 180_000 }),
      ),
      undrifted: outcome(await runSuite({ cwd, args, timeoutMs: 180_000 })),
    }));
    expect(drifted.red, 'every local spec against welcome-type-renamed, patched').toEqual([]);
    expect(undrifted.red, 'every local spec with no fault, patched').toEqual([]);
    expect(drifted.ran, 'the drifted and the undrifted run ran the same specs').toBe(undrifted.ran);
  });
});
