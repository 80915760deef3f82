import type { ReportTest } from '../summary/report-tests';
import { cellOf } from './cell';
import { findingOf } from './finding';
import type {
  CellCounts,
  CellKind,
  ColumnRun,
  MatrixCell,
  MatrixColumn,
  MatrixRow,
  ReleaseMatrix,
} from './model';
import { oldestFirst } from './release-order';

export const REFERENCE_LABEL = 'our page (reference)';
const P1_ID = /\bP1-\d{3}\b/;
const CELL_KINDS: readonly CellKind[] = [
  'passed',
  'known bug',
  'failed',
  'bug gone',
  'skipped',
  'absent',
  'not run',
];

/** The same test in every run, whatever its project: `file › describe › title`. */
const rowKey = (test: Pick<ReportTest, 'file' | 'title'>) => `${test.file} › ${test.title}`;

/** The test in its run's HTML report, which opens a test by Playwright's id: `index.html#?testId=<id>`. */
const hrefOf = (run: ColumnRun, test: ReportTest): string | undefined =>
  run.htmlReport && test.testId
    ? `${run.htmlReport}/index.html#?testId=${encodeURIComponent(test.testId)}`
    : undefined;

/** Rows in the seed's P1 order, then the other specs by file and title. */
function compareRows(a: MatrixRow, b: MatrixRow): number {
  if (a.p1 && b.p1) return a.p1.localeCompare(b.p1);
  if (a.p1 || b.p1) return a.p1 ? -1 : 1;
  return a.key.localeCompare(b.key);
}

/** A cell that says how the row did (a test that ran to an end), as marks compare them. */
const isJudged = (cell: MatrixCell) =>
  cell.kind === 'passed' || cell.kind === 'bug gone' || cell.kind === 'known bug' || cell.kind === 'failed';
const isGreen = (cell: MatrixCell) => cell.kind === 'passed' || cell.kind === 'bug gone';

/**
 * Regression: the row passed in the last older release that judged it and does not pass here (a new failure,
 * or a known bug of this release). Fixed: it was red there (a known bug, or a failure no bug named) and passes
 * here, unless the bug that struck there is intermittent and merely did not strike here. Only release columns are compared, oldest first; the reference column is the suite's control.
 */
function markRow(cells: MatrixCell[], columns: readonly MatrixColumn[]): void {
  let before: { cell: MatrixCell; release: string } | undefined;
  cells.forEach((cell, index) => {
    const column = columns[index];
    if (!column || column.kind !== 'release' || !isJudged(cell)) return;
    if (before && isGreen(before.cell) && !isGreen(cell))
      cell.marks.push({ kind: 'regression', since: before.release });
    // An intermittent known bug that did not strike this run is not fixed: one run cannot tell.
    const stillListed = (before?.cell.bugs ?? []).some((bug) => cell.notStruck?.includes(bug));
    if (before && !isGreen(before.cell) && isGreen(cell) && !stillListed)
      cell.marks.push({
        kind: 'fixed',
        since: before.release,
        bugs: before.cell.kind === 'known bug' ? (before.cell.bugs ?? []) : [],
      });
    before = { cell, release: column.id };
  });
}

function countsOf(cells: readonly MatrixCell[]): CellCounts {
  const counts = Object.fromEntries(CELL_KINDS.map((kind) => [kind, 0])) as CellCounts;
  for (const cell of cells) counts[cell.kind] += 1;
  return counts;
}

/**
 * The matrix of the runs: the reference column first (our page), then the releases oldest first; a row for
 * every test any run has. Pure: the runs are read elsewhere (`read-runs.ts`).
 */
export function buildMatrix(runs: readonly ColumnRun[]): ReleaseMatrix {
  const ordered = [
    ...runs.filter((r) => r.kind === 'reference'),
    ...oldestFirst(
      runs.filter((r) => r.kind === 'release'),
      (r) => r.id,
    ),
  ];
  const rowsByKey = new Map<string, MatrixRow>();
  const testsByColumn = ordered.map((run) => {
    const tests = new Map<string, ReportTest>();
    for (const test of run.outcome.ran ? run.outcome.tests : []) {
      tests.set(rowKey(test), test);
      if (!rowsByKey.has(rowKey(test))) {
        const p1 = P1_ID.exec(test.title)?.[0];
        rowsByKey.set(rowKey(test), {
          key: rowKey(test),
          ...(p1 ? { p1 } : {}),
          file: test.file,
          title: test.title,
          cells: [],
        });
      }
    }
    return tests;
  });
  const rows = [...rowsByKey.values()].sort(compareRows);
  ordered.forEach((run, index) => {
    for (const row of rows) {
      const test = testsByColumn[index]?.get(row.key);
      if (!run.outcome.ran) row.cells.push({ kind: 'not run', line: run.outcome.why, marks: [] });
      else if (!test) row.cells.push({ kind: 'absent', marks: [] });
      else row.cells.push(cellOf(test, hrefOf(run, test)));
    }
  });
  const columns: MatrixColumn[] = ordered.map((run, index) => {
    const cells = rows.flatMap((row) => row.cells[index] ?? []);
    const finding = run.outcome.ran ? findingOf(cells) : undefined;
    return {
      id: run.id,
      label: run.kind === 'reference' ? REFERENCE_LABEL : run.id,
      kind: run.kind,
      ...(run.build ? { build: run.build } : {}),
      ...(run.htmlReport ? { report: `${run.htmlReport}/index.html` } : {}),
      ...(run.outcome.ran ? {} : { notRun: run.outcome.why }),
      ...(run.outcome.ran && run.outcome.durationMs !== undefined
        ? { durationMs: run.outcome.durationMs }
        : {}),
      counts: countsOf(cells),
      ...(finding ? { finding } : {}),
      regressions: 0,
      fixed: 0,
    };
  });
  for (const row of rows) markRow(row.cells, columns);
  columns.forEach((column, index) => {
    const marks = rows.flatMap((row) => row.cells[index]?.marks ?? []);
    column.regressions = marks.filter((m) => m.kind === 'regression').length;
    column.fixed = marks.filter((m) => m.kind === 'fixed').length;
  });
  return { columns, rows };
}
