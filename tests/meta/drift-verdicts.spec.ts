import { DRIFT_ATTACHMENT, type DriftReport } from '../../lib/reporting/drift-report';
import type { DriftRecord } from '../../lib/recorder/drift-record';
import { LOCAL_DEADLINES, REAL_FRONTEND_DEADLINES, type Deadlines } from '../../lib/setup/deadlines';
import { FAULT_MODES, type FaultMode } from '../../stand-in/contract';
import { PASSING, ROWS, WELCOME_SPEC, type PassingRow, type VerdictRow } from './drift-rows';
import { expectFailsFast } from './expect-fails-fast';
import { expect, test, type MetaOptions } from './meta-test';
import { runSuite, type ChildTestResult } from './run-suite';

/**
 * Who is at fault, per drift: each row of the table (drift-rows.ts) is one drift a stand-in fault makes, run
 * through our chat page (`meta`) and through Netra's real frontend (`meta-real-frontend`). A drift the user
 * cannot get past is staging-broke-contract, one that breaks a promise the suite guards is
 * staging-broke-invariant, and neither is ever offered a patch; a change of form only is test-is-stale, with its
 * patch (proven applied in drift-patch-proof.spec.ts). The drift itself is recorded within 1 s of the bad frame;
 * the verdict comes within the deadline of what the user needs (the chat: deadlines.appReady; the answer:
 * deadlines.runComplete and deadlines.answerVisible).
 */

/** The drift is recorded (and printed) this soon after its frame: the seed's 120 s hang cannot come back. */
const DRIFT_RECORDED_WITHIN_MS = 1_000;

const DEADLINES: Record<MetaOptions['metaChildProject'], Deadlines> = {
  local: LOCAL_DEADLINES,
  'real-frontend': REAL_FRONTEND_DEADLINES,
};

/** The deadline the verdict must come within, counted from the bad frame: that of what the user needs. */
const verdictBound = (row: VerdictRow, deadlines: Deadlines) =>
  row.spec === WELCOME_SPEC ? deadlines.appReady : deadlines.runComplete + deadlines.answerVisible;

function judgedDrift(result: ChildTestResult | undefined): DriftRecord | undefined {
  const attachment = result?.attachments.find((a) => a.name === DRIFT_ATTACHMENT);
  const report = JSON.parse(attachment?.body ?? '{"mismatches":[]}') as DriftReport;
  return report.mismatches.find((m) => m.source === 'waiter');
}

/** A stale schema comes with the patch that accepts the frame; staging's fault never does. */
function expectPatchOnlyWhenStale(row: VerdictRow, drift: DriftRecord | undefined): void {
  const offered = drift?.patch?.diff ?? '';
  expect(offered, 'the patch of a stale schema; none for staging’s fault').toContain(row.patchAdds ?? '');
  expect(offered === '', 'a patch exactly when the test is stale').toBe(row.verdict !== 'test-is-stale');
}

test.describe('forms the schema accepts pass, and say what they add', () => {
  for (const [fault, row] of Object.entries(PASSING) as [FaultMode, PassingRow][]) {
    test(`${fault} (${row.kind}): passes`, async ({ metaChildProject }) => {
      const run = await runSuite({
        args: [`--project=${metaChildProject}`, '--workers=1', row.spec],
        env: { NETRA_FAULT: fault },
      });
      const [result] = run.results;
      expect(
        result?.status,
        `${FAULT_MODES[fault]}:\n${result?.errorMessage ?? run.output.slice(-1500)}`,
      ).toBe('passed');
      const notes = result?.annotations.filter((a) => a.type === 'protocol-note').map((a) => a.description);
      expect(notes, 'the protocol notes name exactly the fields the schema does not know').toEqual(
        row.notes.map((note) => expect.stringMatching(note)),
      );
      expect(judgedDrift(result), 'no drift recorded').toBeUndefined();
    });
  }
});

test.describe('each drift gets its verdict: staging broke the contract, broke an invariant, or the test is stale', () => {
  for (const [fault, row] of Object.entries(ROWS) as [FaultMode, VerdictRow][]) {
    test(`${fault} (${row.kind}): ${row.verdict}`, async ({ metaChildProject }) => {
      const run = await runSuite({
        args: [`--project=${metaChildProject}`, '--workers=1', row.spec],
        env: { NETRA_FAULT: fault },
      });
      test.info().annotations.push({ type: 'drift', description: `${fault}: ${FAULT_MODES[fault]}` });
      const result = expectFailsFast(run, {
        mustFail: `${row.spec} must fail against ${fault} with ${row.verdict}`,
        patterns: row.message,
        field: row.field,
        showsLastFrames: true,
        label: fault,
        frontend: metaChildProject,
        ...(row.within ? { within: row.within } : {}),
      });
      const firstLine = result?.errorMessage.split('\n')[0]?.replace(/^\w*(Error|Failure): /, '') ?? '';
      expect(firstLine, 'line 1 names the verdict').toMatch(
        new RegExp(`^\\[${row.verdict}\\] phase "[^"]+": `),
      );
      expect(firstLine, 'line 1: the verdict, the phase, why, and the fields').toMatch(row.line1);
      expect(result?.annotations.find((a) => a.type === 'verdict')?.description).toBe(
        `${row.verdict}: ${firstLine}`,
      );

      const drift = judgedDrift(result);
      expect(drift?.verdict, `${DRIFT_ATTACHMENT} carries the verdict`).toBe(row.verdict);
      expect(drift?.verdictLine).toBe(firstLine);
      expect(drift?.frame, `${DRIFT_ATTACHMENT} holds the frame itself`).toBeTruthy();
      expect(drift?.recordedAfterMs, 'the drift is recorded within 1 s of the bad frame').toBeLessThanOrEqual(
        DRIFT_RECORDED_WITHIN_MS,
      );
      const bound = verdictBound(row, DEADLINES[metaChildProject]);
      expect(
        drift?.verdictAfterMs,
        `the verdict comes within ${bound} ms of the bad frame`,
      ).toBeLessThanOrEqual(bound);
      expectPatchOnlyWhenStale(row, drift);
      test.info().annotations.push({
        type: 'drift-timing',
        description: `${fault} (${metaChildProject}): drift recorded ${drift?.recordedAfterMs} ms, verdict ${drift?.verdictAfterMs} ms after the bad frame (bound ${bound} ms)`,
      });
    });
  }
});
