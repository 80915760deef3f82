import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseReleaseArgs } from '../../lib/reporting/release-matrix/release-args';
import { readColumnRun } from '../../lib/reporting/release-matrix/read-runs';
import { buildsInPlace, releasesPlace } from '../../lib/reporting/release-matrix/release-place';
import {
  readRunRecords,
  writeRunRecord,
  type RunRecord,
} from '../../lib/reporting/release-matrix/run-record';

const OWN = ['out', 'no-reference', 'from-reports', 'picture', 'fail-on-regression'];
const RECORDED = 'tests/unit/fixtures/release-matrix';

test.describe('npm run releases: its arguments', () => {
  test('builds with and without a tag, its own options, and the rest for Playwright', () => {
    const args = parseReleaseArgs(
      [
        '--grep',
        '@p1',
        'beta-15=/builds/b15',
        '--out=matrix',
        '/builds/netra-frontend-beta-17.tar.gz',
        '--no-reference',
        '--repeat-each=2',
        'e2e/welcome.spec.ts',
        'candidate=http://localhost:3000',
      ],
      OWN,
      {},
    );
    expect(args.builds).toEqual([
      { tag: 'beta-15', build: '/builds/b15' },
      { build: '/builds/netra-frontend-beta-17.tar.gz' },
      { tag: 'candidate', build: 'http://localhost:3000' },
    ]);
    expect([...args.options]).toEqual([
      ['out', 'matrix'],
      ['no-reference', ''],
    ]);
    expect(args.playwright).toEqual(['--grep', '@p1', '--repeat-each=2', 'e2e/welcome.spec.ts']);
  });

  test('NETRA_REAL_FRONTENDS gives the builds when the command line names none', () => {
    const env = { NETRA_REAL_FRONTENDS: 'beta-14=/b/14, /b/netra-frontend-beta-15\n beta-17=/b/17' };
    expect(parseReleaseArgs(['--grep=@p1'], OWN, env).builds).toEqual([
      { tag: 'beta-14', build: '/b/14' },
      { build: '/b/netra-frontend-beta-15' },
      { tag: 'beta-17', build: '/b/17' },
    ]);
    expect(parseReleaseArgs(['beta-18=/b/18'], OWN, env).builds).toEqual([
      { tag: 'beta-18', build: '/b/18' },
    ]);
  });

  test('with no build named anywhere, every build of the releases place beside the default build place', () => {
    expect(releasesPlace({ XDG_CACHE_HOME: '/cache' })).toBe('/cache/netra-e2e/releases');
    expect(releasesPlace({ HOME: '/home/me' })).toBe('/home/me/.cache/netra-e2e/releases');
    const place = mkdtempSync(join(tmpdir(), 'netra-releases-'));
    try {
      for (const name of ['netra-frontend-beta-17', 'netra-frontend-beta-12.tar.gz', 'notes'])
        mkdirSync(join(place, name));
      expect(buildsInPlace(place)).toEqual([
        { build: join(place, 'netra-frontend-beta-12.tar.gz') },
        { build: join(place, 'netra-frontend-beta-17') },
      ]);
    } finally {
      rmSync(place, { recursive: true, force: true });
    }
    expect(buildsInPlace(join(place, 'gone'))).toEqual([]);
  });

  test('what the command sets for each run is refused', () => {
    for (const arg of ['--project=local', '--reporter=list', '--output=x', '-c', '--config=y'])
      expect(() => parseReleaseArgs([arg], OWN, {})).toThrow(
        /sets the project, output, reporters and config/,
      );
  });
});

test.describe('npm run releases: its runs read back from disk', () => {
  let root: string;

  test.beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'release-matrix-'));
    mkdirSync(join(root, 'reports'));
  });

  test.afterEach(() => rmSync(root, { recursive: true, force: true }));

  const record = (over: Partial<RunRecord>): RunRecord => ({
    id: 'beta-15',
    kind: 'release',
    reportName: 'release-beta-15',
    exitCode: 0,
    wallMs: 420_000,
    ...over,
  });

  test('a run with tests: its tests, its wall time, its HTML report relative to the matrix folder', () => {
    copyFileSync(`${RECORDED}/beta-15.json`, join(root, 'reports/release-beta-15.json'));
    mkdirSync(join(root, 'playwright-report-release-beta-15'));
    writeFileSync(join(root, 'playwright-report-release-beta-15/index.html'), '<html></html>');
    const run = readColumnRun(record({}), root, join(root, 'release-matrix'));
    expect(run.htmlReport).toBe('../playwright-report-release-beta-15');
    expect(run.outcome).toMatchObject({ ran: true, durationMs: 420_000 });
    expect(run.outcome.ran && run.outcome.tests).toHaveLength(3);
  });

  test('a run whose server did not start: its report’s error and the end of its output', () => {
    copyFileSync(`${RECORDED}/broken-build.json`, join(root, 'reports/release-beta-15.json'));
    const run = readColumnRun(
      record({ exitCode: 1, output: '[WebServer] Error: Cannot find module ./.next/server' }),
      root,
      root,
    );
    expect(run.htmlReport).toBeUndefined();
    expect(run.outcome).toEqual({
      ran: false,
      why: 'Error: Process from config.webServer was not able to start. Exit code: 1; [WebServer] Error: Cannot find module ./.next/server; exit code 1',
    });
  });

  test('a run that wrote no report (a bad build path stops it at configuration)', () => {
    const run = readColumnRun(
      record({ exitCode: 1, output: 'NETRA_REAL_FRONTEND: /nowhere does not exist' }),
      root,
      root,
    );
    expect(run.outcome).toEqual({
      ran: false,
      why: 'the run wrote no report; NETRA_REAL_FRONTEND: /nowhere does not exist; exit code 1',
    });
  });

  test('records are written and read back in order; a file that is not one is named', () => {
    writeRunRecord(root, record({ id: 'beta-17', reportName: 'release-beta-17' }));
    writeRunRecord(root, record({ id: 'beta-15' }));
    expect(readRunRecords(root).map((r) => r.id)).toEqual(['beta-15', 'beta-17']);
    writeFileSync(join(root, 'runs', 'junk.json'), '{"id": 1}');
    expect(() => readRunRecords(root)).toThrow(/runs\/junk\.json is not a run record/);
  });
});
