import { expect, test } from '@playwright/test';
import { startTestServer, type ReportEvent, type TestServer } from './test-server';
import { NO_STAGING_ENV } from './no-staging-env';

const BY_NAME_PROJECTS = [
  'meta',
  'real-frontend',
  'meta-real-frontend',
  'staging-api',
  'staging-preflight',
  'staging',
];

interface ListedProject {
  name: string;
  suites: { entries?: unknown[] }[];
}

interface TestEnd {
  test: { testId: string };
  result: { status: string; duration: number; errors: { message?: string }[] };
}

const testEnds = (reports: ReportEvent[]) =>
  reports.filter((r) => r.method === 'onTestEnd').map((r) => r.params as TestEnd);

test.describe('UI mode and the VS Code extension list every project, and a bad .env still fails at once', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });
  let server: TestServer | undefined;

  test.beforeAll(async () => {
    server = await startTestServer(NO_STAGING_ENV);
  });

  test.afterAll(async () => {
    await server?.close();
  });

  test("the test server lists the staging, real-frontend and meta projects' tests without a .env", async () => {
    const listed = (await server?.call('listTests', {})) as { status: string; report: ReportEvent[] };
    expect(listed.status).toBe('passed');
    const projects = listed.report
      .filter((r) => r.method === 'onProject')
      .map((r) => (r.params as { project: ListedProject }).project);
    const tests = new Map(
      projects.map((p) => [p.name, p.suites.reduce((n, file) => n + (file.entries?.length ?? 0), 0)]),
    );
    for (const name of ['unit', 'local', 'local-api', ...BY_NAME_PROJECTS])
      expect(tests.get(name), `${name} is listed with its tests`).toBeGreaterThan(0);
  });

  test('staging-api picked with its preflight: one ConfigError naming each variable, nothing else runs', async () => {
    const started = Date.now();
    const run = (await server?.call('runTests', {
      projects: ['staging-preflight', 'staging-api'],
      disableConfigReporters: true,
      workers: 1,
    })) as { status: string };
    expect(run.status).toBe('failed');
    const ends = testEnds(server?.reports ?? []);
    expect(ends, 'one test ran: the preflight').toHaveLength(1);
    const message = ends[0]?.result.errors[0]?.message ?? '';
    expect(message).toContain('Netra E2E configuration is invalid for the staging projects');
    expect(message).toContain('NETRA_API_URL: expected an http(s) URL; received not set');
    expect(message).toContain('NETRA_JWT_SECRET: set NETRA_JWT_SECRET (to mint tokens) or NETRA_E2E_TOKEN');
    expect(Date.now() - started, 'fails in seconds').toBeLessThan(20_000);
  });

  test('staging picked alone (the test server runs no dependency outside the filter): each test fails at its target, before a browser', async () => {
    const before = server?.reports.length ?? 0;
    const run = (await server?.call('runTests', {
      projects: ['staging'],
      locations: ['welcome\\.spec\\.ts'],
      disableConfigReporters: true,
      workers: 1,
    })) as { status: string };
    expect(run.status).toBe('failed');
    const reports = server?.reports.slice(before) ?? [];
    const ends = testEnds(reports);
    expect(ends.length, 'the welcome spec ran').toBeGreaterThan(0);
    const fixtures = reports
      .filter((r) => r.method === 'onStepBegin')
      .map((r) => (r.params as { step: { title: string } }).step.title);
    expect(fixtures, 'the target is validated first').toContain('Fixture "target"');
    expect(fixtures, 'no browser is launched').not.toContain('Fixture "browser"');
    for (const end of ends) {
      expect(end.result.status).toBe('failed');
      expect(end.result.errors[0]?.message).toContain(
        'Netra E2E configuration is invalid for the staging projects',
      );
      expect(end.result.duration, 'at once').toBeLessThan(1_000);
    }
  });
});
