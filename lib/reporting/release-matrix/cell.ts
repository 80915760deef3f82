import { z } from 'zod';
import { parseNetraBug } from '../../known-bugs/annotation';
import { previewValue } from '../../protocol';
import { DRIFT_ATTACHMENT } from '../drift-report';
import { verdictLine, verdictOf } from '../summary/job-summary-markdown';
import { inlineJson } from '../summary/report-timeline';
import type { ReportTest } from '../summary/report-tests';
import type { DriftField, MatrixCell } from './model';

/** The annotation fixtures/known-bugs.ts adds when a listed bug was expected and the test failed otherwise. */
const KNOWN_BUG_MISMATCH = 'known-bug-mismatch';
/** The annotation fixtures/known-bugs.ts adds when an intermittent listed bug did not strike a passing test. */
const KNOWN_BUG_NOT_STRUCK = 'known-bug-not-struck';
/** What fixtures/known-bugs.ts fails a test with when its checks passed where a listed bug should strike. */
const NO_LONGER_REPRODUCES = /known bug (.+?) no longer reproduces on \S+/;
const TAGGED_VERDICT = /^\[([\w-]+)\] phase "/;

const DriftSchema = z.object({
  mismatches: z.array(
    z.object({
      phase: z.string(),
      issues: z.array(z.object({ path: z.string(), expected: z.string(), received: z.unknown().optional() })),
    }),
  ),
});

/** Every drifted field of the test's `protocol-drift.json` (its received values are already redacted). */
export function driftFieldsOf(test: ReportTest): DriftField[] {
  const parsed = DriftSchema.safeParse(inlineJson(test.attachments, DRIFT_ATTACHMENT));
  if (!parsed.success) return [];
  return parsed.data.mismatches.flatMap((m) =>
    m.issues.map((issue) => ({
      phase: m.phase,
      path: issue.path,
      expected: issue.expected,
      received: previewValue(issue.received, 120),
    })),
  );
}

const firstError = (test: ReportTest): string =>
  test.errors.flatMap((e) => e.split('\n')).find((line) => line.trim() !== '') ?? '';

/** Known bug ids in a `known bug B1, B3 no longer reproduces …` failure, if the test failed with one. */
function bugsGone(test: ReportTest): string[] | undefined {
  const ids = NO_LONGER_REPRODUCES.exec(firstError(test))?.[1];
  return ids?.split(/,\s*/);
}

/** What one test of a run did, as a cell (marks come from the row: `build-matrix.ts`). */
export function cellOf(test: ReportTest, href: string | undefined): MatrixCell {
  const link = href ? { href } : {};
  if (test.outcome === 'skipped') return { kind: 'skipped', marks: [], ...link };
  if (test.status === 'passed' && test.outcome !== 'unexpected') {
    const notStruck = test.annotations
      .filter((a) => a.type === KNOWN_BUG_NOT_STRUCK)
      .flatMap((a) => /^known bug (\S+)/.exec(a.description ?? '')?.[1] ?? []);
    return { kind: 'passed', ...(notStruck.length ? { notStruck } : {}), marks: [], ...link };
  }
  const hits = test.annotations.flatMap((a) => parseNetraBug(a) ?? []);
  if (test.outcome === 'expected' && hits.length) {
    const line = hits[0]?.failure ?? '';
    return {
      kind: 'known bug',
      bugs: [...new Set(hits.map((hit) => hit.id))],
      verdict: TAGGED_VERDICT.exec(line)?.[1] ?? 'known bug',
      line,
      marks: [],
      ...link,
    };
  }
  const gone = bugsGone(test);
  if (gone) return { kind: 'bug gone', bugs: gone, line: firstError(test), marks: [], ...link };
  const expectedBugs = test.annotations
    .filter((a) => a.type === KNOWN_BUG_MISMATCH)
    .flatMap((a) => /^known bug (\S+)/.exec(a.description ?? '')?.[1] ?? []);
  const drift = driftFieldsOf(test);
  const verdict = verdictOf(test) ?? 'unclassified';
  return {
    kind: 'failed',
    verdict,
    // An untagged error's line is its verdict annotation, `ui-broken: the chat is shown`: the verdict once.
    line: verdictLine(test).replace(`${verdict}: `, ''),
    ...(expectedBugs.length ? { expectedBugs } : {}),
    ...(drift.length ? { drift } : {}),
    marks: [],
    ...link,
  };
}
