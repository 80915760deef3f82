import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { buildMatrix } from '../../lib/reporting/release-matrix/build-matrix';
import type { ColumnRun, ReleaseMatrix } from '../../lib/reporting/release-matrix/model';
import { renderHtml } from '../../lib/reporting/release-matrix/render-html';
import { readReport, reportTests } from '../../lib/reporting/summary/report-tests';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../lib/setup/browser';
import { runSuite, type ChildRun } from './run-suite';

/**
 * The release matrix can be trusted: two runs of every e2e spec through our own page, the second with the
 * stand-in's `forget-history` fault (every thread's history comes back empty), taken as an older and a newer
 * "release". The rows marked as regressions must be exactly the tests the fault broke (failed in the faulted
 * run, passed in the clean one), each cell linked to that test in the faulted run's HTML report; in the other
 * order the same rows are fixed and nothing is a regression.
 */
const FAULT = 'forget-history';
const executablePath = chromiumExecutable();
test.use({ launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) } });

const childRun = (env: Record<string, string> = {}) =>
  runSuite({
    args: ['--project=local', 'e2e/'],
    env,
    reports: ['html'],
    keepArtifacts: true,
    timeoutMs: 5 * 60_000,
  });

/** A child run as a column of the matrix, its HTML report linked relative to where the matrix page is written. */
const columnOf = (id: string, run: ChildRun, matrixDir: string): ColumnRun => ({
  id,
  kind: 'release',
  htmlReport: relative(matrixDir, join(run.dir, 'playwright-report')),
  outcome: { ran: true, tests: reportTests(readReport(join(run.dir, 'results.json'))) },
});

const titlesMarked = (matrix: ReleaseMatrix, columnId: string, kind: 'regression' | 'fixed'): string[] => {
  const index = matrix.columns.findIndex((c) => c.id === columnId);
  return matrix.rows
    .filter((row) => row.cells[index]?.marks.some((m) => m.kind === kind))
    .map((row) => row.title)
    .sort();
};

test('a matrix of a clean run and a run under a stand-in fault marks exactly the rows the fault breaks as regressions', async ({
  page,
}) => {
  test.setTimeout(12 * 60_000);
  const clean = await childRun();
  const faulted = await childRun({ NETRA_FAULT: FAULT });
  try {
    // The truth, read from the runs themselves: what passed without the fault and failed with it.
    const passedClean = clean.results.filter((r) => r.status === 'passed').map((r) => r.title);
    expect(passedClean, clean.output.slice(-3000)).toHaveLength(clean.results.length);
    const broken = faulted.results
      .filter((r) => r.status !== 'passed' && passedClean.includes(r.title))
      .map((r) => r.title);
    expect(broken, 'the fault breaks some specs').toEqual(
      expect.arrayContaining([expect.stringMatching(/^P1-012 /)]),
    );
    expect(broken.length, 'and leaves others green').toBeLessThan(faulted.results.length);
    expect(broken, 'P1-001 reads no history').not.toContainEqual(expect.stringMatching(/^P1-001 /));

    const matrixDir = clean.dir;
    const matrix = buildMatrix([
      columnOf('beta-1', clean, matrixDir),
      columnOf('beta-2', faulted, matrixDir),
    ]);
    const titleOf = (full: string) => full.replace(/^.*› /, '');
    expect(titlesMarked(matrix, 'beta-2', 'regression').map(titleOf)).toEqual([...broken].sort());
    expect(matrix.columns[1]?.regressions).toBe(broken.length);
    expect(titlesMarked(matrix, 'beta-1', 'regression')).toEqual([]);

    // Each regression says how it failed (a verdict and a first line), and links to its test in the faulted run's report.
    const regressed = matrix.rows.filter((row) => row.cells[1]?.marks.some((m) => m.kind === 'regression'));
    for (const row of regressed)
      expect(row.cells[1], row.title).toMatchObject({
        kind: 'failed',
        verdict: expect.stringMatching(/^[a-z-]+$/),
        line: expect.stringMatching(/\S/),
      });
    const matrixFile = join(matrixDir, 'release-matrix.html');
    writeFileSync(matrixFile, renderHtml(matrix));
    for (const row of regressed) {
      await page.goto(`file://${matrixFile}`);
      await page.locator(`td.failed a[href="${row.cells[1]?.href ?? 'no link'}"]`).click();
      await expect(page, row.title).toHaveURL(/playwright-report\/index\.html#\?testId=/);
      // The test's own page, not the list: its errors, the first line the cell shows among them.
      await expect(page.getByText('Errors', { exact: true }), row.title).toBeVisible();
      await expect(page.getByText(titleOf(row.title)).first()).toBeVisible();
      await expect(page.getByText(row.cells[1]?.line?.slice(0, 50) ?? 'no line').first()).toBeVisible();
    }

    // The other way round (the fault in the older run) the same rows are fixed, and nothing regresses.
    const reversed = buildMatrix([
      columnOf('beta-1', faulted, matrixDir),
      columnOf('beta-2', clean, matrixDir),
    ]);
    expect(titlesMarked(reversed, 'beta-2', 'regression')).toEqual([]);
    expect(
      titlesMarked(reversed, 'beta-1', 'regression'),
      'the oldest release has nothing to regress from',
    ).toEqual([]);
    expect(titlesMarked(reversed, 'beta-2', 'fixed').map(titleOf)).toEqual([...broken].sort());
  } finally {
    rmSync(clean.dir, { recursive: true, force: true });
    rmSync(faulted.dir, { recursive: true, force: true });
  }
});
