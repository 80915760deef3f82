import { expect, test } from '@playwright/test';
import { buildMatrix } from '../../lib/reporting/release-matrix/build-matrix';
import type { ColumnRun, MatrixCell, ReleaseMatrix } from '../../lib/reporting/release-matrix/model';
import { renderHtml } from '../../lib/reporting/release-matrix/render-html';
import { renderJson } from '../../lib/reporting/release-matrix/render-json';
import { renderMarkdown } from '../../lib/reporting/release-matrix/render-markdown';
import { readReport, reportTests, type ReportTest } from '../../lib/reporting/summary/report-tests';

/**
 * The release matrix built from recorded reports (tests/unit/fixtures/release-matrix/README.md): real runs of
 * P1-001, P1-012 and P1-014 through our page, our page under stand-in faults, and Netra's beta-12, beta-15 and
 * beta-17 builds.
 */
const RECORDED = 'tests/unit/fixtures/release-matrix';
const testsOf = (name: string): ReportTest[] => reportTests(readReport(`${RECORDED}/${name}.json`));

/** A column from a recorded run, its HTML report where `npm run releases` puts it. */
function column(id: string, recorded: string, kind: ColumnRun['kind'] = 'release'): ColumnRun {
  return {
    id,
    kind,
    htmlReport: `../playwright-report-release-${id}`,
    outcome: { ran: true, tests: testsOf(recorded), durationMs: 60_000 },
  };
}

/** The recorded test whose title holds the fragment. */
function recordedTest(recorded: string, fragment: string): ReportTest {
  const found = testsOf(recorded).find((t) => t.title.includes(fragment));
  if (!found) throw new Error(`no test "${fragment}" in ${recorded}`);
  return found;
}

const reference = () => column('reference', 'reference', 'reference');

/** The cell of a row (by its P1 id) in a column (by its id). */
function cell(matrix: ReleaseMatrix, p1: string, columnId: string): MatrixCell {
  const index = matrix.columns.findIndex((c) => c.id === columnId);
  const found = matrix.rows.find((r) => r.p1 === p1)?.cells[index];
  if (!found) throw new Error(`no cell ${p1} × ${columnId}`);
  return found;
}

const regressionRows = (matrix: ReleaseMatrix, columnId: string): (string | undefined)[] => {
  const index = matrix.columns.findIndex((c) => c.id === columnId);
  return matrix.rows
    .filter((r) => r.cells[index]?.marks.some((m) => m.kind === 'regression'))
    .map((r) => r.p1);
};

test.describe('release matrix from recorded runs', () => {
  test('columns: our page first, then the releases oldest first (beta-N by N, vX.Y.Z by version, others as given)', () => {
    const runs = ['nightly', 'v1.10.0', 'beta-15', 'v1.2.0', 'beta-9', 'candidate'].map((id) =>
      column(id, 'reference'),
    );
    const matrix = buildMatrix([...runs, reference()]);
    expect(matrix.columns.map((c) => c.id)).toEqual([
      'reference',
      'beta-9',
      'beta-15',
      'v1.2.0',
      'v1.10.0',
      'nightly',
      'candidate',
    ]);
    expect(matrix.columns[0]?.label).toBe('our page (reference)');
  });

  test('rows: one per spec, the same test in every column whatever its project, in P1 order', () => {
    const matrix = buildMatrix([reference(), column('beta-15', 'beta-15')]);
    expect(matrix.rows.map((r) => r.p1)).toEqual(['P1-001', 'P1-012', 'P1-014']);
    expect(matrix.rows.map((r) => r.file)).toEqual([
      'e2e/welcome.spec.ts',
      'e2e/p1/messaging.spec.ts',
      'e2e/p1/messaging.spec.ts',
    ]);
    // local and real-frontend tests of one spec land in one row: two cells, no row of its own per project.
    expect(matrix.rows.every((r) => r.cells.every((c) => c.kind !== 'absent'))).toBe(true);
  });

  test('a regression: green in the older release, red in the newer, with its verdict and first line', () => {
    const matrix = buildMatrix([column('beta-1', 'reference'), column('beta-2', 'forget-history')]);
    expect(regressionRows(matrix, 'beta-2')).toEqual(['P1-012', 'P1-014']);
    const broken = cell(matrix, 'P1-012', 'beta-2');
    expect(broken).toMatchObject({
      kind: 'failed',
      verdict: 'protocol-drift',
      marks: [{ kind: 'regression', since: 'beta-1' }],
    });
    expect(broken.line).toMatch(
      /^\[protocol-drift\] phase "history after reload": GET \/api\/threads\/\S+\/messages/,
    );
    expect(cell(matrix, 'P1-001', 'beta-2')).toMatchObject({ kind: 'passed', marks: [] });
    expect(matrix.columns[1]).toMatchObject({ regressions: 2, fixed: 0 });
    // The older column is where the row was green: nothing marked there.
    expect(regressionRows(matrix, 'beta-1')).toEqual([]);
  });

  test('a known bug: the release’s expected failure names its bug and its failure, and is no regression where the row was already red', () => {
    const matrix = buildMatrix([column('beta-12', 'beta-12'), column('beta-15', 'beta-15')]);
    const b7 = cell(matrix, 'P1-014', 'beta-15');
    expect(b7).toMatchObject({ kind: 'known bug', bugs: ['B7'], verdict: 'ui-broken', marks: [] });
    expect(b7.line).toMatch(
      /^\[ui-broken\] phase "switch to \S+ \(from \/chat\/\S+\)": .*the thread the user left$/,
    );
    expect(b7.href).toMatch(/^\.\.\/playwright-report-release-beta-15\/index\.html#\?testId=[\w-]+$/);
    expect(matrix.columns[1]?.counts).toMatchObject({ passed: 2, 'known bug': 1, failed: 0 });
  });

  test('a known bug where the older release passed is a regression too: beta-17 breaks what beta-15 did not', () => {
    const matrix = buildMatrix([column('beta-15', 'beta-15'), column('beta-17', 'beta-17')]);
    expect(regressionRows(matrix, 'beta-17')).toEqual(['P1-001', 'P1-012']);
    expect(cell(matrix, 'P1-001', 'beta-17')).toMatchObject({ kind: 'known bug', bugs: ['B8'] });
    // P1-014 was already red on beta-15 (B7): red to red is no regression.
    expect(cell(matrix, 'P1-014', 'beta-17')).toMatchObject({ kind: 'known bug', bugs: ['B8'], marks: [] });
  });

  test('fixed: a known bug of the older release that the newer one no longer has', () => {
    const matrix = buildMatrix([column('beta-15', 'beta-15'), column('beta-16', 'reference')]);
    expect(cell(matrix, 'P1-014', 'beta-16')).toMatchObject({
      kind: 'passed',
      marks: [{ kind: 'fixed', since: 'beta-15', bugs: ['B7'] }],
    });
    expect(matrix.columns[1]).toMatchObject({ regressions: 0, fixed: 1 });
    expect(renderMarkdown(matrix)).toContain('- beta-16: no regressions detected, 1 fixed');
  });

  test('a new failure: red, on no known-bug list, with its verdict, its first line and a link to it', () => {
    const matrix = buildMatrix([column('beta-12', 'beta-12')]);
    const crashed = cell(matrix, 'P1-012', 'beta-12');
    expect(crashed).toMatchObject({ kind: 'failed', verdict: 'ui-broken', line: 'the chat is shown' });
    expect(crashed.href).toMatch(/^\.\.\/playwright-report-release-beta-12\/index\.html#\?testId=[\w-]+$/);
    expect(cell(matrix, 'P1-001', 'beta-12')).toMatchObject({ kind: 'passed' });
  });

  test('a bug the list names that no longer reproduces reads as a pass, and fixes the older release’s bug', () => {
    const gone: ReportTest = {
      ...recordedTest('beta-15', 'P1-014'),
      outcome: 'unexpected',
      status: 'failed',
      annotations: [],
      errors: [
        'Error: known bug B7 no longer reproduces on beta-16: remove it from the list (lib/known-bugs/list.ts), or drop beta-16 from its releases',
      ],
    };
    const matrix = buildMatrix([
      column('beta-15', 'beta-15'),
      { id: 'beta-16', kind: 'release', outcome: { ran: true, tests: [gone] } },
    ]);
    expect(cell(matrix, 'P1-014', 'beta-16')).toMatchObject({
      kind: 'bug gone',
      bugs: ['B7'],
      marks: [{ kind: 'fixed', since: 'beta-15', bugs: ['B7'] }],
    });
  });

  test('an intermittent known bug that did not strike reads as a pass, and fixes nothing: one run cannot tell', () => {
    const notStruck: ReportTest = {
      ...recordedTest('reference', 'P1-014'),
      annotations: [
        {
          type: 'known-bug-not-struck',
          description:
            'known bug B7 (the sidebar switches back to the open thread) did not strike this run on beta-16; it is intermittent (measured)',
        },
      ],
    };
    const matrix = buildMatrix([
      column('beta-15', 'beta-15'),
      { id: 'beta-16', kind: 'release', outcome: { ran: true, tests: [notStruck] } },
    ]);
    const passed = cell(matrix, 'P1-014', 'beta-16');
    expect(passed).toMatchObject({ kind: 'passed', notStruck: ['B7'], marks: [] });
    expect(matrix.columns[1]).toMatchObject({ regressions: 0, fixed: 0 });
    expect(renderMarkdown(matrix)).toContain('passed: B7 did not strike (intermittent)');
  });

  test('a release whose protocol the suite does not speak is a finding of its column; the other columns are unaffected', () => {
    const matrix = buildMatrix([
      reference(),
      column('beta-15', 'beta-15'),
      column('v2.0.0', 'flat-welcome'),
      column('beta-17', 'beta-17'),
    ]);
    const [, beta15, beta17, v2] = matrix.columns;
    expect(v2?.finding).toMatchObject({
      verdict: 'protocol-drift',
      phase: 'welcome',
      tests: 3,
      of: 3,
      bugs: [],
    });
    expect(v2?.finding?.drift[0]).toMatchObject({
      phase: 'welcome',
      path: 'type',
      expected: '"system_message"',
      received: '"connection_established"',
      tests: 3,
    });
    expect(beta17?.finding).toMatchObject({
      verdict: 'ui-broken',
      phase: 'connect',
      tests: 3,
      of: 3,
      bugs: ['B8'],
    });
    expect(beta17?.finding?.line).toMatch(/the page opened no WebSocket at all/);
    // One known bug among passes is no finding.
    expect(beta15?.finding).toBeUndefined();
    expect(cell(matrix, 'P1-001', 'beta-15')).toMatchObject({ kind: 'passed' });
    const markdown = renderMarkdown(matrix);
    expect(markdown).toContain('finding: 3 of 3 tests fail the same way: [protocol-drift] phase "welcome"');
    expect(markdown).toContain(
      'drift (3 tests): `welcome` `type` expected "system_message", received "connection_established"',
    );
    expect(markdown).toContain(
      'finding: 3 of 3 tests fail the same way (known bug B8): [ui-broken] phase "connect"',
    );
  });

  test('a run that reached no test is a column that says why; the rows and the other columns stand', () => {
    const broken = readReport(`${RECORDED}/broken-build.json`);
    expect(reportTests(broken)).toEqual([]);
    const matrix = buildMatrix([
      column('beta-15', 'beta-15'),
      { id: 'beta-16', kind: 'release', outcome: { ran: false, why: broken.errors?.[0]?.message ?? '' } },
      column('beta-17', 'beta-17'),
    ]);
    expect(matrix.columns[1]).toMatchObject({
      notRun: 'Error: Process from config.webServer was not able to start. Exit code: 1',
      regressions: 0,
    });
    expect(cell(matrix, 'P1-001', 'beta-16')).toMatchObject({ kind: 'not run' });
    // beta-17 is compared with beta-15, the last release that ran the row.
    expect(cell(matrix, 'P1-001', 'beta-17').marks).toEqual([{ kind: 'regression', since: 'beta-15' }]);
    expect(renderMarkdown(matrix)).toContain('- beta-16: not judged, its run failed');
  });

  test('a test one run has and another has not is a row with an empty cell, not an error', () => {
    const matrix = buildMatrix([
      column('beta-15', 'beta-15'),
      { id: 'beta-17', kind: 'release', outcome: { ran: true, tests: testsOf('beta-17').slice(0, 1) } },
    ]);
    expect(matrix.rows).toHaveLength(3);
    expect(matrix.columns[1]?.counts.absent).toBe(2);
    // One test failing is that test's failure, not its release's: a finding needs two.
    expect(matrix.columns[1]?.finding).toBeUndefined();
  });
});

test.describe('release matrix renderings', () => {
  const matrix = buildMatrix([
    reference(),
    column('beta-1', 'reference'),
    column('beta-2', 'forget-history'),
    column('beta-15', 'beta-15'),
  ]);

  test('HTML: self-contained, every cell of a test that ran links to it in its release’s report', () => {
    const html = renderHtml(matrix, { generatedAt: '2026-12-07T00:00:00.000Z' });
    expect(html).not.toMatch(/<script|<link|https?:\/\//);
    const links = [...html.matchAll(/<td class="[^"]*"><a href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(matrix.rows.length * matrix.columns.length);
    for (const id of ['reference', 'beta-1', 'beta-2', 'beta-15'])
      expect(
        links.filter((l) => l?.startsWith(`../playwright-report-release-${id}/index.html#?testId=`)),
      ).toHaveLength(3);
    expect(html).toContain('<div class="mark regression">regression: passed in beta-1</div>');
    expect(html).toContain('known bug B7');
  });

  test('HTML escapes what a test wrote', () => {
    const hostile = buildMatrix([
      {
        id: 'beta-1',
        kind: 'release',
        outcome: {
          ran: true,
          tests: [
            {
              ...recordedTest('reference', 'P1-001'),
              outcome: 'unexpected',
              status: 'failed',
              errors: ['Error: [ui-broken] phase "x": <img src=x onerror=alert(1)>'],
            },
          ],
        },
      },
    ]);
    const html = renderHtml(hostile);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test('Markdown: a verdict per release, then one table row per spec with a linked cell per column', () => {
    const markdown = renderMarkdown(matrix);
    expect(markdown).toContain('- beta-2: 2 regressions');
    expect(markdown).toContain('| P1 | spec | our page (reference) | beta-1 | beta-2 | beta-15 |');
    const rows = markdown.split('\n').filter((l) => /^\| P1-\d{3} /.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('**🔺 regression: passed in beta-1**');
    expect(rows[2]).toContain('[🐞 known bug B7](../playwright-report-release-beta-15/index.html#?testId=');
  });

  test('JSON: the same matrix, versioned', () => {
    const parsed = JSON.parse(renderJson(matrix, '2026-12-07T00:00:00.000Z')) as ReleaseMatrix & {
      version: number;
    };
    expect(parsed.version).toBe(1);
    expect(parsed.columns.map((c) => c.id)).toEqual(['reference', 'beta-1', 'beta-2', 'beta-15']);
    expect(parsed.rows).toEqual(JSON.parse(JSON.stringify(matrix.rows)));
  });
});
