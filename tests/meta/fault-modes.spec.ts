import { DRIFT_ATTACHMENT, type DriftReport } from '../../lib/reporting/drift-report';
import type { Verdict } from '../../lib/checks/failure';
import { FAULT_MODES, type FaultMode } from '../../stand-in/contract';
import { expectFailsFast, readersFirstLine } from './expect-fails-fast';
import { expect, test } from './meta-test';
import { RUN_WAITER_MESSAGES } from './run-waiter-messages';
import { runSuite, type ChildTestResult } from './run-suite';

/**
 * A check that no fault can break is a defect: each frame fault must make the relevant spec fail fast, with
 * an error whose first line names the verdict, the phase and the field, through our chat page (`meta`) and
 * through Netra's real frontend (`meta-real-frontend`) alike.
 */
interface FrameFaultCase {
  spec: string;
  message: RegExp[];
  /** The field the first line names. */
  field: string;
  verdict: Verdict;
  /** The drift report's first mismatch: its phase (and path, when a frame drifted). */
  drift?: { phase: string; path?: string };
  within?: { ms: number; why: string };
}

const CASES: Partial<Record<FaultMode, FrameFaultCase>> = {
  'flat-welcome': {
    spec: 'e2e/welcome.spec.ts',
    message: [
      /\[staging-broke-invariant\] phase "welcome": the app tolerated it .*, but staging broke identity/,
      /type: expected "system_message", received "connection_established"/,
    ],
    field: 'data.user_id',
    verdict: 'staging-broke-invariant',
    drift: { phase: 'welcome', path: 'type' },
  },
  'no-welcome': {
    spec: 'e2e/welcome.spec.ts',
    message: [
      /\[protocol-drift\] phase "welcome": deadline deadlines\.welcome \(\d+ ms\) passed \(counted from/,
    ],
    field: 'deadlines.welcome',
    verdict: 'protocol-drift',
    drift: { phase: 'welcome' },
  },
  'wrong-user': {
    spec: 'e2e/welcome.spec.ts',
    message: [/data\.user_id: expected the token's sub "[^"]+", received "staging-e2e-user-999"/],
    field: 'data.user_id',
    verdict: 'staging-broke-invariant',
    drift: { phase: 'welcome', path: 'data.user_id' },
  },
  'welcome-not-ready': {
    spec: 'e2e/welcome.spec.ts',
    message: [/data\.connection_ready: expected true, received false/],
    field: 'data.connection_ready',
    verdict: 'staging-broke-invariant',
    drift: { phase: 'welcome', path: 'data.connection_ready' },
  },
  'welcome-bad-limits': {
    spec: 'e2e/welcome.spec.ts',
    message: [
      /data\.config\.heartbeat_interval: expected between 1 and 300 seconds, received 0\.5/,
      /data\.config\.max_message_size: expected between 1 KiB and 16 MiB, received 100/,
    ],
    field: 'data.config.heartbeat_interval, data.config.max_message_size',
    verdict: 'staging-broke-invariant',
    drift: { phase: 'welcome', path: 'data.config.heartbeat_interval' },
  },
  'missing-completed': {
    spec: 'e2e/agent-events.spec.ts',
    message: RUN_WAITER_MESSAGES['missing-completed'],
    field: '[type]',
    verdict: 'staging-broke-invariant',
    drift: { phase: 'agent run', path: 'type' },
  },
  'out-of-order': {
    spec: 'e2e/agent-events.spec.ts',
    message: RUN_WAITER_MESSAGES['out-of-order'],
    field: 'payload.tool_name',
    verdict: 'staging-broke-invariant',
    drift: { phase: 'agent run', path: 'payload.tool_name' },
  },
  'foreign-run': {
    spec: 'e2e/agent-events.spec.ts',
    message: [/run_id: expected "run_\w+" \(this run's id\), received "run_other_user_0001"/],
    field: 'run_id',
    verdict: 'staging-broke-invariant',
    drift: { phase: 'agent run', path: 'run_id' },
  },
  'close-early': {
    spec: 'e2e/agent-events.spec.ts',
    message: [/\[connection-lost\] phase "agent run": socket #\d+ closed/, /seen so far: agent_started/],
    field: 'socket #1 closed',
    verdict: 'connection-lost',
  },
  oversized: {
    spec: 'e2e/agent-events.spec.ts',
    message: [/\(frame size\): expected <= 8192 bytes/],
    field: '(frame size)',
    verdict: 'staging-broke-invariant',
    drift: { phase: 'agent run', path: '(frame size)' },
  },
};

/** What the 7 am reader sees: the `verdict` annotation, and for drift the attachment naming phase and path. */
function expectVerdictAndDriftReport(kase: FrameFaultCase, result: ChildTestResult | undefined): void {
  const verdict = result?.annotations.find((a) => a.type === 'verdict')?.description ?? '';
  // The first error's line, or on a release with known bugs the first that is not one of them.
  const line = readersFirstLine(result);
  expect(verdict, 'verdict annotation: "<verdict>: <first line of the error>"').toBe(
    `${kase.verdict}: ${line}`,
  );
  expect(line, 'the verdict line is the line of an error of the test').toMatch(/^\[[\w-]+\] phase /);
  expect(result?.errorMessage).toContain(line);
  const attachment = result?.attachments.find((a) => a.name === DRIFT_ATTACHMENT);
  const drift = JSON.parse(attachment?.body ?? '{"mismatches":[]}') as DriftReport;
  if (!kase.drift) {
    // The report may still carry notes (a tolerated form, e.g. a float timestamp on an ack), never a mismatch.
    expect(drift.mismatches, 'no drift mismatch when no frame drifted').toEqual([]);
    return;
  }
  const [first] = drift.mismatches;
  expect(first?.phase, `${DRIFT_ATTACHMENT} names the phase`).toBe(kase.drift.phase);
  if (kase.drift.path) {
    expect(
      first?.issues.map((i) => i.path),
      `${DRIFT_ATTACHMENT} names the field`,
    ).toContain(kase.drift.path);
    expect(first?.frame, `${DRIFT_ATTACHMENT} holds the frame itself`).toBeTruthy();
  }
}

test.describe('frame faults are reported fast and precisely', () => {
  for (const [fault, kase] of Object.entries(CASES) as [FaultMode, FrameFaultCase][]) {
    test(`${fault}: ${FAULT_MODES[fault]}`, async ({ metaChildProject }) => {
      const run = await runSuite({
        args: [`--project=${metaChildProject}`, '--workers=1', kase.spec],
        env: { NETRA_FAULT: fault },
      });
      const result = expectFailsFast(run, {
        mustFail: 'the spec must fail against this fault',
        patterns: kase.message,
        field: kase.field,
        showsLastFrames: true,
        label: fault,
        frontend: metaChildProject,
        ...(kase.within ? { within: kase.within } : {}),
      });
      expectVerdictAndDriftReport(kase, result);
    });
  }

  test('without a fault the same specs pass, and a float timestamp passes as a noted variant', async ({
    metaChildProject,
  }) => {
    const specs = ['e2e/welcome.spec.ts', 'e2e/agent-events.spec.ts'];
    const plain = await runSuite({ args: [`--project=${metaChildProject}`, '--workers=1', ...specs] });
    // Passed, or on a release with known bugs failed by them alone (expected failures, named).
    expect(
      plain.results.map((r) => r.outcome),
      plain.output.slice(-1500),
    ).toEqual(['expected', 'expected']);

    const floats = await runSuite({
      args: [`--project=${metaChildProject}`, '--workers=1', 'e2e/agent-events.spec.ts'],
      env: { NETRA_FAULT: 'float-timestamps' },
    });
    const [run] = floats.results;
    expect(
      run?.outcome,
      `a Unix float timestamp is tolerated:\n${run?.errorMessage ?? floats.output.slice(-1500)}`,
    ).toBe('expected');
    const notes = run?.annotations.filter((a) => a.type === 'protocol-note').map((a) => a.description) ?? [];
    expect(notes, 'the float form is reported as a protocol note').toContainEqual(
      expect.stringMatching(/^agent_started: timestamp is a Unix float/),
    );
  });
});
