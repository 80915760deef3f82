import { expect, test } from '@playwright/test';
import { loadRealFrontendTarget } from '../../lib/setup/config';
import {
  STAND_IN_PORTS_ENV,
  listsEveryProject,
  matchesProjectFilter,
  projectsFromArgv,
  projectsInRun,
  type ProjectEntry,
} from '../../lib/setup/project-selection';

/** The suite's projects as playwright.config.ts declares them: names, `default` and dependencies. */
const PROJECTS: ProjectEntry[] = [
  { name: 'unit' },
  { name: 'local' },
  { name: 'local-api' },
  { name: 'meta', default: false, dependencies: ['unit', 'local', 'local-api'] },
  { name: 'real-frontend', default: false },
  { name: 'meta-real-frontend', default: false, dependencies: ['real-frontend'] },
  { name: 'staging-api', default: false, dependencies: ['staging-preflight'] },
  { name: 'staging-preflight', default: false },
  { name: 'staging', default: false, dependencies: ['staging-preflight'] },
];

test.describe('which projects a run executes', () => {
  test('without --project: the default projects only, never staging, the real frontend or the meta-tests', () => {
    expect(projectsInRun(PROJECTS, [])).toEqual(['unit', 'local', 'local-api']);
  });

  test('a by-name project brings its dependencies, and only them', () => {
    expect(projectsInRun(PROJECTS, ['staging'])).toEqual(['staging', 'staging-preflight']);
    expect(projectsInRun(PROJECTS, ['meta-real-frontend'])).toEqual(['meta-real-frontend', 'real-frontend']);
    expect(projectsInRun(PROJECTS, ['meta'])).toEqual(['meta', 'unit', 'local', 'local-api']);
  });

  test('--project matches as Playwright does: case-insensitive, * for any characters', () => {
    expect(matchesProjectFilter('staging-api', 'Staging-API')).toBe(true);
    expect(matchesProjectFilter('staging-api', 'staging')).toBe(false);
    expect(matchesProjectFilter('staging.api', 'staging*')).toBe(true);
    expect(matchesProjectFilter('stagingXapi', 'staging.api')).toBe(false);
    expect(projectsInRun(PROJECTS, ['staging*'])).toEqual(['staging-api', 'staging-preflight', 'staging']);
    expect(projectsInRun(PROJECTS, ['*'])).toHaveLength(PROJECTS.length);
  });

  test('--project is read as the CLI reads it: one name after =, every argument up to the next option after a space', () => {
    expect(
      projectsFromArgv(['test', '--project', 'staging', 'real-frontend', '--list', 'e2e/x.spec.ts']),
    ).toEqual(['staging', 'real-frontend']);
    expect(projectsFromArgv(['test', '--project=staging', 'e2e/x.spec.ts'])).toEqual(['staging']);
    expect(projectsFromArgv(['test', '--', '--project=staging'])).toEqual([]);
  });

  test('--list without --project lists every project; with --project, what it names', () => {
    expect(listsEveryProject(['node', 'playwright', 'test', '--list'])).toBe(true);
    expect(listsEveryProject(['node', 'playwright', 'test', '--list', '--project=staging'])).toBe(false);
    expect(listsEveryProject(['node', 'playwright', 'test'])).toBe(false);
    expect(listsEveryProject(['node', 'playwright', 'test-server'])).toBe(false);
  });

  test('the real-frontend target refuses a run that did not start its servers, naming how to start them', () => {
    const env = { NETRA_STANDIN_SECRET: 'x'.repeat(32), [STAND_IN_PORTS_ENV]: '4310' };
    expect(() => loadRealFrontendTarget(env)).toThrow(
      /^The real-frontend project's servers \(localhost:3000, its backend on localhost:8000\) start only when the run names it: npx playwright test --project=real-frontend/,
    );
  });
});
