import { runSuite } from '../tests/meta/run-suite';
import { FAULT_MODES, type FaultMode } from '../stand-in/contract';
import { machine, printTable } from './lib';

/**
 * Time to fail per stand-in fault: the spec runs in a child Playwright against the fault, and we read how
 * long after the bad frame the failure was raised (the error's `timing:` line), how long after `goto` (the
 * frame log starts with the test), and the whole test's wall time. The old Python suite hung 120 s on a
 * drifted welcome.
 *
 * Usage: npx tsx bench/time-to-fail.ts [local|real-frontend] [staging]
 *   real-frontend drives Netra's real build; `staging` applies staging's deadlines (NETRA_DEADLINES=staging).
 */
const SPEC_FOR: Partial<Record<FaultMode, string>> = {
  'flat-welcome': 'e2e/welcome.spec.ts',
  'no-welcome': 'e2e/welcome.spec.ts',
  'wrong-user': 'e2e/welcome.spec.ts',
  'welcome-not-ready': 'e2e/welcome.spec.ts',
  'missing-completed': 'e2e/agent-events.spec.ts',
  'out-of-order': 'e2e/agent-events.spec.ts',
  'foreign-run': 'e2e/agent-events.spec.ts',
  'close-early': 'e2e/agent-events.spec.ts',
  oversized: 'e2e/agent-events.spec.ts',
};

const seconds = (pattern: RegExp, text: string): number | undefined => {
  const match = pattern.exec(text)?.[1];
  return match === undefined ? undefined : Number(match);
};

async function main(): Promise<void> {
  const project = process.argv[2] === 'real-frontend' ? 'real-frontend' : 'local';
  const staging = process.argv[3] === 'staging';
  const rows: Record<string, string | number>[] = [];
  for (const [fault, spec] of Object.entries(SPEC_FOR) as [FaultMode, string][]) {
    const run = await runSuite({
      args: [`--project=${project}`, '--workers=1', spec],
      env: { NETRA_FAULT: fault, ...(staging ? { NETRA_DEADLINES: 'staging' } : {}) },
      timeoutMs: 180_000,
    });
    const result = run.results[0];
    const message = result?.errorMessage ?? '';
    const afterFrame = /timing: reported \+[\d.]+s, (\d+) ms after the frame above arrived/.exec(
      message,
    )?.[1];
    const reportedAt = seconds(/timing: reported \+([\d.]+)s/, message);
    const closedAt = seconds(/socket #\d+ closed[^+]*\+([\d.]+)s/, message);
    const openedAt = seconds(/passed \(counted from \+([\d.]+)s\)/, message);
    const deadline = /deadline (deadlines\.\w+ \(\d+ ms\)) passed/.exec(message)?.[1];
    const since = (at: number | undefined) =>
      at !== undefined && reportedAt !== undefined ? Math.round((reportedAt - at) * 1000) : undefined;
    const afterClose = since(closedAt);
    const afterOpen = since(openedAt);
    rows.push({
      fault,
      'what staging did': FAULT_MODES[fault],
      verdict: /^\S*\s*\[([\w-]+)\]/m.exec(message)?.[1] ?? '?',
      'bad frame → failure (ms)':
        afterFrame ??
        (afterClose !== undefined ? `${afterClose} (after the close)` : undefined) ??
        (afterOpen !== undefined && deadline
          ? `silence: ${afterOpen} after the socket opened (${deadline})`
          : 'n/a'),
      'goto → failure (ms)': reportedAt === undefined ? 'n/a' : Math.round(reportedAt * 1000),
      'whole test (ms)': result?.durationMs ?? 'no result',
      'old suite (ms)': 120_000,
      status: result?.status ?? 'none',
    });
  }
  const how = `${project}${staging ? ', staging deadlines' : ''}`;
  printTable(`Time to fail per stand-in fault through ${how} (${machine()})`, rows);
  if (rows.some((r) => r.status !== 'failed')) process.exitCode = 1;
}

void main();
