import type { ReportTest } from '../summary/report-tests';

/**
 * The release matrix: rows are the e2e specs, columns our own chat page (the reference) and Netra's frontend
 * releases, oldest first; each cell what one test did on one frontend, linked to its evidence.
 */

/** `reference`: our own chat page, the suite's control; `release`: a build of Netra's frontend. */
export type ColumnKind = 'reference' | 'release';

/** What one run gives the matrix: its tests, or why it has none. */
export type RunOutcome =
  | {
      ran: true;
      tests: readonly ReportTest[];
      /** The run's wall time, from the report's stats. */
      durationMs?: number;
    }
  | { ran: false; why: string };

/** One column's run, as read from disk (`read-runs.ts`) or recorded for a test. */
export interface ColumnRun {
  /** `reference`, or the release tag (`beta-15`). */
  id: string;
  kind: ColumnKind;
  /** The build the run served (folder, bundle or URL); none for the reference. */
  build?: string;
  /** The run's HTML report folder, relative to the matrix page (`../playwright-report-release-beta-15`). */
  htmlReport?: string;
  outcome: RunOutcome;
}

/**
 * - `passed`
 * - `known bug`: an expected failure, every error a listed bug of this release (`bugs`)
 * - `failed`: a failure no known bug explains, with its verdict and first line
 * - `bug gone`: the test's checks passed where the list says a bug of this release strikes (`bugs`): the
 *   fixture then fails it ("no longer reproduces"), the matrix reads it as a pass
 * - `skipped`; `absent`: the run had no such test (another spec set, or `--grep`); `not run`: the column's run failed
 */
export type CellKind = 'passed' | 'known bug' | 'failed' | 'bug gone' | 'skipped' | 'absent' | 'not run';

/** A schema path that drifted, from the test's `protocol-drift.json`. */
export interface DriftField {
  phase: string;
  path: string;
  expected: string;
  received: string;
}

/** What a row did in this release compared with the last older release that ran it. */
export type Mark =
  | { kind: 'regression'; since: string }
  /** `bugs`: the known bugs gone; empty when a failure no bug named is gone. */
  | { kind: 'fixed'; since: string; bugs: string[] };

export interface MatrixCell {
  kind: CellKind;
  /** `failed`: the verdict (`ui-broken`); `known bug`: the bug's verdict. */
  verdict?: string;
  /** The failure's first line (`[verdict] phase "…": …`), or why the column did not run. */
  line?: string;
  /** `known bug`: the bugs that struck; `bug gone`: the bugs that no longer reproduce. */
  bugs?: string[];
  /** `passed`: intermittent known bugs of the release that did not strike this run (one run cannot say fixed). */
  notStruck?: string[];
  /** `failed`: known bugs of the release the test was listed for but failed otherwise. */
  expectedBugs?: string[];
  drift?: DriftField[];
  /** The test in its run's HTML report, relative to the matrix page. */
  href?: string;
  marks: Mark[];
}

export interface MatrixRow {
  /** `file › describe › title`: the same test in every column. */
  key: string;
  /** The seed's priority-1 id in its title (`P1-014`), if any. */
  p1?: string;
  file: string;
  title: string;
  /** One per column, in the columns' order. */
  cells: MatrixCell[];
}

/**
 * Many tests of a column failing the same way: a release whose protocol or start-up the suite does not speak.
 * Said once in the column's header, with the verdict, the phase, the field from the drift reports.
 */
export interface ColumnFinding {
  verdict: string;
  /** The phase of the shared first line, when it names one. */
  phase?: string;
  /** The most frequent first line of the group. */
  line: string;
  tests: number;
  of: number;
  /** Known bugs that named the failure, when it is one. */
  bugs: string[];
  /** Each drifted field of the group's drift reports, with how many tests saw it. */
  drift: (DriftField & { tests: number })[];
}

export type CellCounts = Record<CellKind, number>;

export interface MatrixColumn {
  id: string;
  /** `our page (reference)`, `beta-15`. */
  label: string;
  kind: ColumnKind;
  build?: string;
  /** The run's HTML report (index.html), relative to the matrix page. */
  report?: string;
  /** Why the column has no result at all: its run did not get as far as its tests. */
  notRun?: string;
  durationMs?: number;
  counts: CellCounts;
  finding?: ColumnFinding;
  /** Rows marked regression / fixed in this column. */
  regressions: number;
  fixed: number;
}

export interface ReleaseMatrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
}
