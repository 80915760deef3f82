import { runSuite } from '../tests/meta/run-suite';
import { FAULT_MODES, type FaultMode } from '../stand-in/faults';
import { machine, printTable } from './lib';

/**
 * Time to fail per stand-in fault: the spec runs in a child Playwright against the fault, and we read how
 * long after the bad frame the failure was raised (the error's `timing:` line) and the whole test's wall time.
 * The old Python suite hung 120 s on a drifted welcome.  Usage: npx tsx bench/time-to-fail.ts
 */
const SPEC_FOR: Partial<Record<FaultMode, string>> = {
  'flat-welcome': 'e2e/welcome.spec.ts',
  'no-welcome': 'e2e/welcome.spec.ts',
  'wrong-user': 'e2e/welcome.spec.ts',
  'missing-completed': 'e2e/agent-events.spec.ts',
  'out-of-order': 'e2e/agent-events.spec.ts',
  'foreign-run': 'e2e/agent-events.spec.ts',
  'close-early': 'e2e/agent-events.spec.ts',
  oversized: 'e2e/agent-events.spec.ts',
};

async function main(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const [fault, spec] of Object.entries(SPEC_FOR) as [FaultMode, string][]) {
    const run = await runSuite({
      args: ['--project=local', '--workers=1', spec],
      env: { NETRA_FAULT: fault },
    });
    const result = run.results[0];
    const message = result?.errorMessage ?? '';
    const afterFrame = /timing: reported \+[\d.]+s, (\d+) ms after the frame above arrived/.exec(
      message,
    )?.[1];
    const closedAt = /socket #\d+ closed[^+]*\+([\d.]+)s/.exec(message)?.[1];
    const reportedAt = /timing: reported \+([\d.]+)s/.exec(message)?.[1];
    const deadline = /deadline (deadlines\.\w+ \(\d+ ms\)) passed/.exec(message)?.[1];
    const afterClose =
      closedAt && reportedAt
        ? `${Math.round((Number(reportedAt) - Number(closedAt)) * 1000)} (after the close)`
        : undefined;
    rows.push({
      fault,
      'what staging did': FAULT_MODES[fault],
      verdict: /^\S*\s*\[([\w-]+)\]/m.exec(message)?.[1] ?? '?',
      'bad frame → failure (ms)': afterFrame ?? afterClose ?? (deadline ? `silence: at ${deadline}` : 'n/a'),
      'whole test (ms)': result?.durationMs ?? 'no result',
      'old suite (ms)': 120_000,
      status: result?.status ?? 'none',
    });
  }
  printTable(`Time to fail per stand-in fault (${machine()})`, rows);
  if (rows.some((r) => r.status !== 'failed')) process.exitCode = 1;
}

void main();
