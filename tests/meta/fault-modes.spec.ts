import { expect, test } from '@playwright/test';
import { DRIFT_ATTACHMENT, type DriftReport } from '../../helpers/drift-report';
import type { Verdict } from '../../helpers/failure';
import { FAULT_MODES, type FaultMode } from '../../stand-in/faults';
import { expectFailsFast } from './expect-fails-fast';
import { runSuite, type ChildTestResult } from './run-suite';

/**
 * A check that no fault can break is a defect: each stand-in fault must make the relevant spec fail within
 * 5 s, with an error that names the verdict, the phase and the field or event that was wrong.
 */
// Browser-journey faults; the backend contract faults are proven by api-faults.spec.ts.
const CASES: Partial<Record<FaultMode, { spec: string; message: RegExp[] }>> = {
  'flat-welcome': {
    spec: 'e2e/welcome.spec.ts',
    message: [
      /\[protocol-drift\] phase "welcome"/,
      /type: expected "system_message", received "connection_established"/,
    ],
  },
  'no-welcome': {
    spec: 'e2e/welcome.spec.ts',
    message: [/\[protocol-drift\] phase "welcome": deadline deadlines\.welcome \(\d+ ms\) passed/],
  },
  'wrong-user': {
    spec: 'e2e/welcome.spec.ts',
    message: [/data\.user_id: expected the token's sub "[^"]+", received "staging-e2e-user-999"/],
  },
  'missing-completed': {
    spec: 'e2e/agent-events.spec.ts',
    message: [
      /\[protocol-drift\] phase "agent run"/,
      /expected agent_completed or agent_error before final_report/,
    ],
  },
  'out-of-order': {
    spec: 'e2e/agent-events.spec.ts',
    message: [/payload\.tool_name: expected a tool_executing before its tool_completed/],
  },
  'foreign-run': {
    spec: 'e2e/agent-events.spec.ts',
    message: [/run_id: expected "run_\w+" \(this run's id\), received "run_other_user_0001"/],
  },
  'close-early': {
    spec: 'e2e/agent-events.spec.ts',
    message: [/\[connection-lost\] phase "agent run": socket #1 closed/, /seen so far: agent_started/],
  },
  oversized: {
    spec: 'e2e/agent-events.spec.ts',
    message: [/\(frame size\): expected <= 8192 bytes/],
  },
};

/**
 * What the 7 am reader sees for each browser fault: the `verdict` annotation, and for drift the
 * `protocol-drift.json` attachment naming the phase and the schema path that broke.
 */
const REPORTS: Partial<Record<FaultMode, { verdict: Verdict; drift?: { phase: string; path?: string } }>> = {
  'flat-welcome': { verdict: 'protocol-drift', drift: { phase: 'welcome', path: 'type' } },
  'no-welcome': { verdict: 'protocol-drift', drift: { phase: 'welcome' } },
  'wrong-user': { verdict: 'protocol-drift', drift: { phase: 'welcome', path: 'data.user_id' } },
  'missing-completed': { verdict: 'protocol-drift', drift: { phase: 'agent run', path: 'type' } },
  'out-of-order': { verdict: 'protocol-drift', drift: { phase: 'agent run', path: 'payload.tool_name' } },
  'foreign-run': { verdict: 'protocol-drift', drift: { phase: 'agent run', path: 'run_id' } },
  'close-early': { verdict: 'connection-lost' },
  oversized: { verdict: 'protocol-drift', drift: { phase: 'agent run', path: '(frame size)' } },
};

function expectVerdictAndDriftReport(fault: FaultMode, result: ChildTestResult | undefined): void {
  const report = REPORTS[fault];
  expect(report, `REPORTS names the verdict expected of ${fault}`).toBeDefined();
  const verdict = result?.annotations.find((a) => a.type === 'verdict')?.description ?? '';
  const firstLine = result?.errorMessage.split('\n')[0]?.replace(/^\w*(Error|Failure): /, '') ?? '';
  expect(verdict, 'verdict annotation: "<verdict>: <first line of the error>"').toBe(
    `${report?.verdict ?? ''}: ${firstLine}`,
  );
  const attachment = result?.attachments.find((a) => a.name === DRIFT_ATTACHMENT);
  if (!report?.drift) {
    expect(attachment, 'no drift report when no frame drifted').toBeUndefined();
    return;
  }
  const drift = JSON.parse(attachment?.body ?? '{"mismatches":[]}') as DriftReport;
  const [first] = drift.mismatches;
  expect(first?.phase, `${DRIFT_ATTACHMENT} names the phase`).toBe(report.drift.phase);
  if (report.drift.path) {
    expect(
      first?.issues.map((i) => i.path),
      `${DRIFT_ATTACHMENT} names the field`,
    ).toContain(report.drift.path);
    expect(first?.frame, `${DRIFT_ATTACHMENT} holds the frame itself`).toBeTruthy();
  }
}

test.describe('fault modes are reported fast and precisely', () => {
  for (const [fault, { spec, message }] of Object.entries(CASES) as [
    FaultMode,
    NonNullable<(typeof CASES)[FaultMode]>,
  ][]) {
    test(`${fault}: ${FAULT_MODES[fault]}`, async () => {
      const run = await runSuite({
        args: ['--project=local', '--workers=1', spec],
        env: { NETRA_FAULT: fault },
      });
      const result = expectFailsFast(run, {
        mustFail: 'the spec must fail against this fault',
        patterns: message,
        showsLastFrames: true,
        label: fault,
      });
      expectVerdictAndDriftReport(fault, result);
    });
  }

  test('without a fault the same specs pass (the meta harness itself can tell pass from fail)', async () => {
    const run = await runSuite({
      args: ['--project=local', '--workers=1', 'e2e/welcome.spec.ts', 'e2e/agent-events.spec.ts'],
    });
    expect(run.results.map((r) => r.status)).toEqual(['passed', 'passed']);
  });
});
