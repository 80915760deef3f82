import type { ReportTest } from './report-tests';

/** How a sharded-and-merged report differs from an unsharded run of the same tests. */
export interface RunComparison {
  /** Tests of the unsharded run. */
  expectedCount: number;
  /** Tests the merged report holds (with duplicates). */
  mergedCount: number;
  /** In the unsharded run, not in the merged report. */
  missing: string[];
  /** In the merged report, not in the unsharded run. */
  extra: string[];
  /** In the merged report more than once, with their count. */
  duplicates: { id: string; count: number }[];
  /** In both, with a different last-attempt status. */
  statusChanged: { id: string; unsharded: string; merged: string }[];
}

function countById(tests: readonly ReportTest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tests) counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
  return counts;
}

/** Compares test for test, by project, file, title and last-attempt status. */
export function compareRuns(unsharded: readonly ReportTest[], merged: readonly ReportTest[]): RunComparison {
  const mergedCounts = countById(merged);
  const unshardedIds = new Set(unsharded.map((t) => t.id));
  const mergedStatus = new Map(merged.map((t) => [t.id, t.status]));
  return {
    expectedCount: unsharded.length,
    mergedCount: merged.length,
    missing: unsharded.filter((t) => !mergedCounts.has(t.id)).map((t) => t.id),
    extra: [...mergedCounts.keys()].filter((id) => !unshardedIds.has(id)),
    duplicates: [...mergedCounts].filter(([, count]) => count > 1).map(([id, count]) => ({ id, count })),
    statusChanged: unsharded.flatMap((t) => {
      const status = mergedStatus.get(t.id);
      return status !== undefined && status !== t.status
        ? [{ id: t.id, unsharded: t.status, merged: status }]
        : [];
    }),
  };
}

export const runsMatch = (c: RunComparison): boolean =>
  c.expectedCount > 0 &&
  c.missing.length === 0 &&
  c.extra.length === 0 &&
  c.duplicates.length === 0 &&
  c.statusChanged.length === 0;

/** Plain text for the console: the verdict line, then each difference. */
export function describeComparison(c: RunComparison): string {
  const lines = [
    runsMatch(c)
      ? `shard-merge check: the merged report matches the unsharded run test for test (${c.mergedCount} tests, each exactly once)`
      : `shard-merge check: MISMATCH between the merged report (${c.mergedCount} tests) and the unsharded run (${c.expectedCount} tests)`,
  ];
  if (c.expectedCount === 0) lines.push('  the unsharded run has no tests');
  for (const id of c.missing) lines.push(`  missing from the merged report: ${id}`);
  for (const id of c.extra) lines.push(`  only in the merged report: ${id}`);
  for (const d of c.duplicates) lines.push(`  ${d.count} times in the merged report: ${d.id}`);
  for (const s of c.statusChanged)
    lines.push(`  status ${s.unsharded} unsharded, ${s.merged} merged: ${s.id}`);
  return lines.join('\n');
}
