import type { SchemaEdit } from '../../protocol/schema-edits';
import type { DriftRecord } from '../../recorder/drift-record';

/** The run-level drift report (`reports/protocol-drift.json`), as the accept script and the summaries read it. */
export interface RunDriftReport {
  mismatchCount: number;
  unknownFields: string[];
  tests: { test: string; status: string; mismatches: DriftRecord[] }[];
  /** Drifted frames per verdict, for those a page judged. */
  verdicts?: Record<string, number>;
  /** Every test-is-stale patch of the run as one change (reports/protocol-drift.patch). */
  patch?: { edits: SchemaEdit[]; diff: string; files: string[] };
}

/** A drift that is staging's fault: never patched, named so the reader knows why. */
export interface RefusedDrift {
  test: string;
  verdict: string;
  line: string;
}

/** What a run's drift report offers to accept: the stale drifts' edits (each once), and what it refuses. */
export function acceptableDrift(report: Pick<RunDriftReport, 'tests'>): {
  edits: SchemaEdit[];
  tests: string[];
  refused: RefusedDrift[];
} {
  const edits = new Map<string, SchemaEdit>();
  const tests = new Set<string>();
  const refused: RefusedDrift[] = [];
  for (const test of report.tests)
    for (const record of test.mismatches) {
      if (record.verdict === 'test-is-stale' && record.patch) {
        for (const edit of record.patch.edits) edits.set(JSON.stringify(edit), edit);
        tests.add(test.test);
      } else if (record.verdict === 'staging-broke-contract' || record.verdict === 'staging-broke-invariant')
        refused.push({
          test: test.test,
          verdict: record.verdict,
          line: record.verdictLine ?? record.summary,
        });
    }
  return { edits: [...edits.values()], tests: [...tests], refused };
}

/** How many drifted frames got each verdict (`protocol-drift` for those no page judged). */
export function verdictCounts(report: Pick<RunDriftReport, 'tests'>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of report.tests.flatMap((t) => t.mismatches.filter((m) => m.source === 'waiter'))) {
    const verdict = record.verdict ?? 'protocol-drift';
    counts[verdict] = (counts[verdict] ?? 0) + 1;
  }
  return counts;
}
