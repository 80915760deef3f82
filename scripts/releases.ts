import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { oldestFirst } from '../lib/reporting/release-matrix/release-order';
import {
  parseReleaseArgs,
  REAL_FRONTENDS_ENV,
  type BuildArg,
} from '../lib/reporting/release-matrix/release-args';
import { renderMatrixPng } from '../lib/reporting/release-matrix/picture';
import { buildsInPlace, releasesPlace } from '../lib/reporting/release-matrix/release-place';
import { runColumn, type PlannedColumn } from '../lib/reporting/release-matrix/run-column';
import { readRunRecords, writeRunRecord } from '../lib/reporting/release-matrix/run-record';
import { writeMatrix } from '../lib/reporting/release-matrix/write-matrix';
import { releaseVerdicts } from '../lib/reporting/release-matrix/cell-text';
import { lookUpRealFrontend, releaseOf, REAL_FRONTEND_ENV, tagInName } from '../lib/setup/real-frontend';

/**
 * `npm run releases`: every e2e spec through several Netra frontend builds, one release after another, and
 * through our own chat page (the reference), then one matrix of them, oldest release first:
 *
 *   npm run releases -- [--grep=@p1] [playwright args] beta-15=<build> [<tag>=<build> | <build named for its tag>]…
 *   npm run releases -- --from-reports            # the matrix again from the runs already made (release-matrix/runs)
 *
 * Each build takes NETRA_REAL_FRONTEND's forms (a standalone folder, a .tar.gz bundle, the URL of a running
 * frontend); without one on the command line the list is NETRA_REAL_FRONTENDS, else every build in
 * ~/.cache/netra-e2e/releases (one per release, named for its tag). Own options:
 *   --out=<dir>           where the matrix goes (default release-matrix/: index.html, release-matrix.md, .json)
 *   --no-reference        no run of our page (e.g. one CI job per release, the matrix built after)
 *   --from-reports        run nothing: build the matrix from the runs recorded in <out>/runs
 *   --picture=<png>       also draw the matrix page as a PNG (docs/release-matrix.png)
 *   --fail-on-regression  exit 1 when the newest release has a regression (a gate)
 * The matrix goes to $GITHUB_STEP_SUMMARY too when that is set.
 */
const OWN = ['out', 'no-reference', 'from-reports', 'picture', 'fail-on-regression'];
const root = resolve(__dirname, '..');

/** The column of a build: its tag as given, else the one in its name (links followed), else its file name. */
function columnOf(arg: BuildArg): PlannedColumn {
  if (arg.tag) return { id: arg.tag, kind: 'release', build: arg.build };
  let tag: string | undefined;
  try {
    const lookup = lookUpRealFrontend({ [REAL_FRONTEND_ENV]: arg.build }, root);
    if ('found' in lookup) tag = releaseOf(undefined, lookup.found).tag;
  } catch {
    // Not a build: its run says so in its column.
  }
  const id = tag ?? tagInName(arg.build) ?? basename(arg.build).replace(/[^\w.-]+/g, '-');
  return { id, kind: 'release', build: arg.build };
}

function plannedColumns(builds: readonly BuildArg[], withReference: boolean): PlannedColumn[] {
  const releases = oldestFirst(builds.map(columnOf), (c) => c.id);
  const seen = new Set<string>();
  for (const { id } of releases) {
    if (seen.has(id)) throw new Error(`two builds are named ${id}: give each its own tag (<tag>=<build>)`);
    seen.add(id);
  }
  return [...(withReference ? [{ id: 'reference', kind: 'reference' as const }] : []), ...releases];
}

async function main(): Promise<number> {
  const args = parseReleaseArgs(process.argv.slice(2), OWN);
  const matrixDir = resolve(args.options.get('out') || 'release-matrix');
  if (!args.options.has('from-reports')) {
    const builds = args.builds.length ? args.builds : buildsInPlace(releasesPlace());
    if (builds.length === 0)
      throw new Error(
        `no build: name each as <tag>=<build> (a standalone folder, a .tar.gz bundle or a URL), set ${REAL_FRONTENDS_ENV}, or put one build per release in ${releasesPlace()}/netra-frontend-<tag>`,
      );
    const columns = plannedColumns(builds, !args.options.has('no-reference'));
    // A new matrix: the runs of an earlier one are not part of it.
    rmSync(join(matrixDir, 'runs'), { recursive: true, force: true });
    console.log(`release matrix: ${columns.map((c) => c.id).join(', ')}, one after another`);
    for (const column of columns) {
      console.log(`\n== ${column.id}${column.build ? `: ${column.build}` : ': our chat page'}`);
      const record = await runColumn(column, { root, playwrightArgs: args.playwright });
      writeRunRecord(matrixDir, record);
      console.log(
        `== ${column.id}: exit ${record.exitCode ?? 'none'}, ${(record.wallMs / 1000).toFixed(1)} s`,
      );
    }
  }
  const records = readRunRecords(matrixDir);
  if (records.length === 0) throw new Error(`no run recorded in ${join(matrixDir, 'runs')}`);
  const written = writeMatrix(records, { root, matrixDir });
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, written.markdown);
  const picture = args.options.get('picture');
  if (picture) {
    mkdirSync(dirname(resolve(picture)), { recursive: true });
    await renderMatrixPng(written.files.html, resolve(picture));
  }
  const shown = (path: string) => relative(process.cwd(), path);
  console.log('');
  for (const verdict of releaseVerdicts(written.matrix.columns)) console.log(verdict);
  console.log(
    `release matrix: ${shown(written.files.html)} (open it from disk), ${shown(written.files.markdown)}, ${shown(written.files.json)}`,
  );
  if (picture) console.log(`picture: ${picture}`);
  const newest = written.matrix.columns.filter((c) => c.kind === 'release').at(-1);
  return args.options.has('fail-on-regression') && (newest?.regressions ?? 0) > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
