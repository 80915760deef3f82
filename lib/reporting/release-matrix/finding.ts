import type { ColumnFinding, DriftField, MatrixCell } from './model';

const TAGGED = /^\[([\w-]+)\] phase "([^"]*)": /;

/** Where a failure happened: its verdict and phase, or its verdict and line when it names no phase. */
function whereOf(cell: MatrixCell): { key: string; phase?: string } {
  const line = cell.line ?? '';
  const tagged = TAGGED.exec(line);
  if (tagged?.[2] !== undefined) return { key: `${tagged[1]} ${tagged[2]}`, phase: tagged[2] };
  return { key: `${cell.verdict ?? ''} ${line}` };
}

/** True when the cell failed the way its column's finding says (the cell need not repeat it). */
export function isColumnFinding(cell: MatrixCell, finding: ColumnFinding | undefined): boolean {
  if (!finding || (cell.kind !== 'failed' && cell.kind !== 'known bug')) return false;
  const { key } = whereOf(cell);
  return key === whereOf({ kind: 'failed', verdict: finding.verdict, line: finding.line, marks: [] }).key;
}

function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function driftOf(cells: readonly MatrixCell[]): ColumnFinding['drift'] {
  const byField = new Map<string, DriftField & { tests: number }>();
  for (const cell of cells) {
    const seen = new Set<string>();
    for (const field of cell.drift ?? []) {
      const key = `${field.phase}\u0000${field.path}\u0000${field.expected}\u0000${field.received}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const known = byField.get(key);
      byField.set(key, { ...field, tests: (known?.tests ?? 0) + 1 });
    }
  }
  return [...byField.values()].sort((a, b) => b.tests - a.tests);
}

/**
 * A column where most tests fail the same way (same verdict and phase): a release that authenticates, greets or
 * starts differently from what the suite speaks. At least two tests, and more than half of those that ran.
 */
export function findingOf(cells: readonly MatrixCell[]): ColumnFinding | undefined {
  const ran = cells.filter((c) => c.kind !== 'absent' && c.kind !== 'skipped' && c.kind !== 'not run');
  const red = ran.filter((c) => c.kind === 'failed' || c.kind === 'known bug');
  const groups = new Map<string, { phase?: string; cells: MatrixCell[] }>();
  for (const cell of red) {
    const { key, phase } = whereOf(cell);
    const group = groups.get(key) ?? { ...(phase === undefined ? {} : { phase }), cells: [] };
    group.cells.push(cell);
    groups.set(key, group);
  }
  const largest = [...groups.values()].sort((a, b) => b.cells.length - a.cells.length)[0];
  if (!largest || largest.cells.length < 2 || largest.cells.length * 2 <= ran.length) return undefined;
  return {
    verdict: mostFrequent(largest.cells.map((c) => c.verdict ?? '')),
    ...(largest.phase === undefined ? {} : { phase: largest.phase }),
    line: mostFrequent(largest.cells.map((c) => c.line ?? '')),
    tests: largest.cells.length,
    of: ran.length,
    bugs: [...new Set(largest.cells.flatMap((c) => (c.kind === 'known bug' ? (c.bugs ?? []) : [])))],
    drift: driftOf(largest.cells),
  };
}
