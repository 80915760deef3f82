import { FAULT_MODES, type FaultMode } from '../stand-in/contract';
import { DEADLINES, ROWS, verdictBound, type VerdictRow } from '../tests/meta/drift-rows';
import { judgedDrift } from '../tests/meta/judged-drift';
import { runSuite } from '../tests/meta/run-suite';
import { machine, printTable } from './lib';

/**
 * Drift → line → verdict, per row of the drift table (tests/meta/drift-rows.ts): the spec runs in a child
 * Playwright against the drift, and we read from its drift record how long after the bad frame the drift was
 * recorded and printed (its `[protocol-drift]` line: target 1 s) and how long after it the verdict came
 * (target: the deadline of what the user needs, deadlines.appReady for the chat, deadlines.runComplete +
 * deadlines.answerVisible for the answer).
 *
 * Usage: npx tsx bench/drift-verdicts.ts [local|real-frontend] [rounds]
 */
const LINE_WITHIN_MS = 1_000;

async function main(): Promise<void> {
  const project = process.argv[2] === 'real-frontend' ? 'real-frontend' : 'local';
  const rounds = Math.max(1, Number(process.argv[3] ?? 1));
  const rows: Record<string, string | number>[] = [];
  let misses = 0;
  for (const [fault, row] of Object.entries(ROWS) as [FaultMode, VerdictRow][]) {
    const bound = verdictBound(row, DEADLINES[project]);
    const lines: number[] = [];
    const verdicts: number[] = [];
    const seen = new Set<string>();
    for (let round = 0; round < rounds; round++) {
      const run = await runSuite({
        args: [`--project=${project}`, '--workers=1', row.spec],
        env: { NETRA_FAULT: fault },
        timeoutMs: 240_000,
      });
      const drift = judgedDrift(run.results[0]);
      seen.add(drift?.verdict ?? 'none');
      if (drift?.recordedAfterMs !== undefined) lines.push(drift.recordedAfterMs);
      if (drift?.verdictAfterMs !== undefined) verdicts.push(drift.verdictAfterMs);
    }
    const worstLine = lines.length === rounds ? Math.max(...lines) : undefined;
    const worstVerdict = verdicts.length === rounds ? Math.max(...verdicts) : undefined;
    const holds =
      seen.size === 1 &&
      seen.has(row.verdict) &&
      worstLine !== undefined &&
      worstLine <= LINE_WITHIN_MS &&
      worstVerdict !== undefined &&
      worstVerdict <= bound;
    if (!holds) misses++;
    rows.push({
      drift: fault,
      'what staging did': FAULT_MODES[fault],
      verdict: [...seen].join(', '),
      'bad frame → drift line (ms, worst)': worstLine ?? 'n/a',
      'bad frame → verdict (ms, worst)': worstVerdict ?? 'n/a',
      'verdict deadline (ms)': bound,
      holds: holds ? 'yes' : 'NO',
    });
  }
  printTable(
    `Drift line and verdict per drift through ${project}, worst of ${rounds} run(s) each (${machine()})`,
    rows,
  );
  const worst = (key: string) => Math.max(...rows.map((r) => Number(r[key]) || 0));
  console.log(
    `\nworst drift line: ${worst('bad frame → drift line (ms, worst)')} ms (target ${LINE_WITHIN_MS} ms); worst verdict: ${worst('bad frame → verdict (ms, worst)')} ms; rows outside their bounds: ${misses}`,
  );
  if (misses > 0) process.exitCode = 1;
}

void main();
