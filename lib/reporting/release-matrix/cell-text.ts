import { isColumnFinding } from './finding';
import type { ColumnFinding, DriftField, Mark, MatrixCell, MatrixColumn, MatrixRow } from './model';

/**
 * The words of the matrix, shared by its HTML and Markdown: what a cell, a mark, a column's finding says.
 */
const MAX_LINE = 160;

/** Long generated ids (`thread_0a8528e3-fca0-…`) shortened to their first 8 characters, for reading. */
const shortIds = (text: string): string =>
  text.replace(/\b((?:thread|run|ws)_[0-9a-f]{8})[0-9a-f-]{12,}/g, '$1…');

export const clip = (text: string, max = MAX_LINE): string => {
  const short = shortIds(text);
  return short.length > max ? `${short.slice(0, max - 1)}…` : short;
};

/** The cell's headline: `passed`, `known bug B8`, `failed: ui-broken`, … */
export function cellHeadline(cell: MatrixCell): string {
  switch (cell.kind) {
    case 'known bug':
      return `known bug ${(cell.bugs ?? []).join(', ')}`;
    case 'failed':
      return `failed: ${cell.verdict ?? 'unclassified'}`;
    case 'passed':
      return cell.notStruck?.length
        ? `passed: ${cell.notStruck.join(', ')} did not strike (intermittent)`
        : 'passed';
    case 'bug gone':
      return `passed: ${(cell.bugs ?? []).join(', ')} no longer reproduces`;
    case 'absent':
      return 'not in this run';
    case 'not run':
      return 'run failed';
    default:
      return cell.kind;
  }
}

export const driftText = (field: DriftField): string =>
  `${field.phase}: ${field.path} expected ${field.expected}, received ${field.received}`;

/**
 * The failure's first line, and for a failure the drifted field and the known bug it was not; for a failure
 * that is its column's finding only a pointer to it.
 */
export function cellDetail(cell: MatrixCell, finding?: ColumnFinding): string[] {
  if (cell.kind !== 'failed' && cell.kind !== 'known bug') return [];
  if (isColumnFinding(cell, finding)) return ['as the column’s finding says'];
  const lines = cell.line ? [clip(cell.line)] : [];
  const field = cell.drift?.[0];
  if (field) lines.push(`drift: ${clip(driftText(field))}`);
  if (cell.expectedBugs?.length)
    lines.push(`expected known bug ${cell.expectedBugs.join(', ')}, failed otherwise`);
  return lines;
}

export function markText(mark: Mark): string {
  if (mark.kind === 'regression') return `regression: passed in ${mark.since}`;
  if (mark.bugs.length) return `fixed: known bug ${mark.bugs.join(', ')} in ${mark.since}`;
  return `fixed: failed in ${mark.since}`;
}

export function findingText(finding: ColumnFinding): string {
  const bugs = finding.bugs.length ? ` (known bug ${finding.bugs.join(', ')})` : '';
  return `${finding.tests} of ${finding.of} tests fail the same way${bugs}: ${clip(finding.line)}`;
}

/** `26 passed · 1 known bug · 2 failed`, the kinds that occur. */
export function countsText(column: MatrixColumn): string {
  const c = column.counts;
  const parts: [number, string][] = [
    [c.passed + c['bug gone'], 'passed'],
    [c['known bug'], c['known bug'] === 1 ? 'known bug' : 'known bugs'],
    [c.failed, 'failed'],
    [c.skipped, 'skipped'],
    [c.absent, 'not in run'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(' · ');
}

export const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;

/**
 * One line per release after the oldest, as a PR check says it: `beta-17: 24 regressions, 0 fixed`, or
 * `beta-15: no regressions detected`; a release whose run failed says so.
 */
export function releaseVerdicts(columns: readonly MatrixColumn[]): string[] {
  const releases = columns.filter((c) => c.kind === 'release');
  return releases.slice(1).map((column) => {
    if (column.notRun) return `${column.label}: not judged, its run failed`;
    const fixed = column.fixed ? `, ${column.fixed} fixed` : '';
    if (column.regressions === 0) return `${column.label}: no regressions detected${fixed}`;
    return `${column.label}: ${column.regressions} regression${column.regressions === 1 ? '' : 's'}${fixed}`;
  });
}

/** The row's test title without its describe blocks and its P1 id (shown in a column of its own). */
export const specTitle = (row: MatrixRow): string => row.title.replace(/^.*› /, '').replace(/^P1-\d{3} /, '');
