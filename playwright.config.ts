import 'dotenv/config';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { defineConfig, type PlaywrightTestConfig, type Project } from '@playwright/test';
import { runRedactor } from './lib/secrets/artifact-redaction';
import { CHROMIUM_ARGS, chromiumExecutable } from './lib/setup/browser';
import { DEFAULT_STAND_IN_PORT, STAND_IN_ENV, loadStagingTarget, standInOrigin } from './lib/setup/config';
import {
  META_PROJECT,
  STAND_IN_PORTS_ENV,
  isByNameOnly,
  isRealFrontendProject,
  isStagingProject,
  listsEveryProject,
  projectsInRun,
  selectedProjects,
  usesEmbeddedStandIn,
} from './lib/setup/project-selection';
import {
  REAL_FRONTEND_BACKEND_PORT,
  REAL_FRONTEND_ORIGIN,
  realFrontendSource,
} from './lib/setup/real-frontend';
import { REDACTION_REPORTER, redactionReporterWarning } from './lib/reporting/reporter-args';
import { redactStdio } from './lib/secrets/stdio-redaction';
import type { TargetOptions } from './fixtures/target';
import type { MetaOptions } from './tests/meta/meta-test';

const isCI = !!process.env.CI;
/** Report file stem: `reports/<name>.json` and `.junit.xml`; the staging proof run sets NETRA_REPORT_NAME=staging. */
const reportName = process.env.NETRA_REPORT_NAME ?? 'results';
/** `reports/latency.json` for the default run, `reports/latency-staging.json` for the staging proof. */
const reportStem = (stem: string) => (reportName === 'results' ? stem : `${stem}-${reportName}`);
// The embedded stand-in: one per run, its secret minted here and handed to workers through the environment.
process.env[STAND_IN_ENV.port] ??= String(DEFAULT_STAND_IN_PORT);
process.env[STAND_IN_ENV.secret] ??= randomBytes(32).toString('hex');
const standInPort = Number(process.env[STAND_IN_ENV.port]);

// The runner and every worker load this file: from here on, what they print to stdout/stderr is redacted.
redactStdio(runRedactor());
const reporterWarning = process.env.TEST_WORKER_INDEX ? undefined : redactionReporterWarning(process.argv);
if (reporterWarning) process.stderr.write(`${reporterWarning}\n`);

const executablePath = chromiumExecutable();
const browserUse = {
  browserName: 'chromium' as const,
  launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
};

/** The API projects send Bearer tokens on every request: no traces of them. */
const apiUse = { trace: 'off' as const };

/** The meta specs that drive browser journeys against faults; run again through the real frontend. */
const JOURNEY_META_SPECS = [
  'fault-modes.spec.ts',
  'p1-faults.spec.ts',
  'frontend-contract-fault.spec.ts',
  'drift-verdicts.spec.ts',
  'netra-bugs-real-frontend.spec.ts',
];
/** Meta specs that drive only the real frontend: the `meta` project (our page) leaves them out. */
const REAL_FRONTEND_ONLY_META_SPECS = ['netra-bugs-real-frontend.spec.ts'];

// Meta-tests time child runs against 5 s bounds: they run one at a time, after the suite they exercise, so a
// child never competes for the two cores with another browser. By name only (`npm run test:all` runs them).
const metaProject: Project<TargetOptions & MetaOptions> = {
  name: META_PROJECT,
  testDir: './tests/meta',
  testIgnore: REAL_FRONTEND_ONLY_META_SPECS,
  timeout: 90_000,
  workers: 1,
  dependencies: ['unit', 'local', 'local-api'],
};

const localProjects: Project<TargetOptions & MetaOptions>[] = [
  { name: 'unit', testDir: './tests/unit' },
  { name: 'local', testDir: './e2e', use: { ...browserUse, netraTarget: 'local' }, timeout: 45_000 },
  // The backend contract without a browser; files run in order (health, auth, threads, sockets, run, isolation).
  { name: 'local-api', testDir: './api', use: { ...apiUse, netraTarget: 'local' }, fullyParallel: false },
  metaProject,
];

// One clear `[staging-unreachable]` failure when staging is down; the projects that depend on it are skipped.
const STAGING_PREFLIGHT = 'staging-preflight';

/**
 * Netra's own frontend build (NETRA_REAL_FRONTEND, else the one at ~/.cache/netra-e2e/frontend) against the stand-in
 * backend on localhost:8000: every `e2e/` spec must pass here too, and every fault must be caught through it.
 * By name only (`--project=real-frontend`): the app's own waits make it minutes, not seconds.
 */
const realFrontendProjects: Project<TargetOptions & MetaOptions>[] = [
  {
    name: 'real-frontend',
    testDir: './e2e',
    use: { ...browserUse, netraTarget: 'real-frontend' },
    // Its boot (~9 s on 2 cores) comes once per page load; P1-016 loads three pages.
    timeout: 150_000,
    // One page at a time: on a saturated machine the app loses an event that reaches it before it has
    // rendered the one before (README, "The real frontend"), and the test would blame the app for our load.
    workers: 1,
  },
  {
    name: 'meta-real-frontend',
    testDir: './tests/meta',
    testMatch: JOURNEY_META_SPECS,
    use: { metaChildProject: 'real-frontend' },
    timeout: 180_000,
    // After the suite it exercises; one child run at a time, for the same reason as real-frontend.
    dependencies: ['real-frontend'],
    workers: 1,
  },
];

const stagingProjects: Project<TargetOptions>[] = [
  {
    name: 'staging-api',
    testDir: './api',
    use: { ...apiUse, netraTarget: 'staging' },
    fullyParallel: false,
    timeout: 120_000,
    dependencies: [STAGING_PREFLIGHT],
  },
  {
    name: STAGING_PREFLIGHT,
    testDir: './tests/preflight',
    use: { netraTarget: 'staging' },
    timeout: 30_000,
  },
  {
    name: 'staging',
    testDir: './e2e',
    use: { ...browserUse, netraTarget: 'staging' },
    timeout: 180_000,
    retries: isCI ? 1 : 0,
    // One browser per runner: the real frontend loses events on a saturated machine (README); shard instead.
    workers: 1,
    dependencies: [STAGING_PREFLIGHT],
  },
];

/**
 * Every project exists in every run, so `--list`, UI mode and the VS Code extension show them all. The ones
 * for staging, the real frontend and the meta-tests are `default: false` (Playwright's own opt-out): they run
 * only when `--project`, or the project filter of UI mode and the extension, picks them.
 */
const projects = [...localProjects, ...realFrontendProjects, ...stagingProjects].map((project) => ({
  ...project,
  default: !isByNameOnly(project.name ?? ''),
}));

// What this CLI run executes (`--project`, or the default projects, with their dependencies) decides what is
// validated and which servers start. UI mode and the extension pick projects later: they start the servers of
// a plain run, and a staging test validates its target in its worker before it opens a browser.
const inRun = projectsInRun(projects, selectedProjects(process.env, process.argv));
const wantsLocal = inRun.some(usesEmbeddedStandIn);

// A bad .env (or NETRA_REAL_FRONTEND) fails here, naming every bad variable, before any browser or server
// starts. lib/setup/config.ts is the one place that validates it; the workers load the target again from it.
if (inRun.some(isStagingProject)) loadStagingTarget(process.env);
const realFrontend = inRun.some(isRealFrontendProject)
  ? realFrontendSource(process.env, __dirname)
  : undefined;

// The stand-in inherits its secret from this process's environment: the JSON report prints `webServer.env`.
if (wantsLocal || realFrontend) process.env.STANDIN_JWT_SECRET = process.env[STAND_IN_ENV.secret];

type WebServer = NonNullable<PlaywrightTestConfig['webServer']> & { command: string };
const standInServer = (port: number): WebServer => ({
  command: 'node --import tsx stand-in/main.ts',
  url: `${standInOrigin(port)}/health/ready`,
  reuseExistingServer: true,
  timeout: 30_000,
  stdout: 'ignore',
  stderr: 'pipe',
  env: {
    STANDIN_PORT: String(port),
    NEXT_PUBLIC_ENVIRONMENT: 'staging',
    // Behind the real frontend, events 400 ms apart: a choice made because of Netra bug B2 (beta-15 loses an
    // event that reaches it in the same tick as the one before), so journeys are judged past it; the B2 check
    // asks for back-to-back delivery itself (stand-in/clock.ts, README "The real frontend").
    STANDIN_TIMING: port === REAL_FRONTEND_BACKEND_PORT ? 'spaced' : 'fast',
  },
});
const standInPorts = [
  ...(wantsLocal ? [standInPort] : []),
  ...(realFrontend ? [REAL_FRONTEND_BACKEND_PORT] : []),
];
// Global setup checks that every stand-in it will use is this run's own (same secret).
process.env[STAND_IN_PORTS_ENV] = standInPorts.join(',');
const webServer: WebServer[] = [
  ...standInPorts.map(standInServer),
  ...(realFrontend && realFrontend.kind !== 'url'
    ? [
        {
          command: 'node --import tsx scripts/real-frontend.ts',
          url: `${REAL_FRONTEND_ORIGIN}/`,
          reuseExistingServer: true,
          timeout: 60_000,
          stdout: 'ignore' as const,
          stderr: 'pipe' as const,
        },
      ]
    : []),
];

export default defineConfig<TargetOptions & MetaOptions>({
  testDir: '.',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  // Two at least: on a 2-core machine Playwright's default (half the cores) would be one.
  workers: Math.max(2, Math.floor(availableParallelism() / 2)),
  // The real frontend runs one page at a time (~75 tests of 7–30 s with its meta-tests): it gets longer.
  globalTimeout: (realFrontend ? 45 : 20) * 60_000,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  outputDir: 'test-results',
  reporter: [
    // First, always: it redacts what every later reporter sees and copies, however the run ends.
    [REDACTION_REPORTER],
    ['list'],
    [
      './lib/reporting/reporters/protocol-drift-reporter.ts',
      { outputFile: `reports/${reportStem('protocol-drift')}.json` },
    ],
    // Before html: it titles the HTML report with the known Netra bugs the run met.
    ['./lib/reporting/reporters/known-bugs-reporter.ts'],
    [
      './lib/reporting/reporters/latency-reporter.ts',
      { outputFile: `reports/${reportStem('latency')}.json` },
    ],
    ...(process.env.GITHUB_ACTIONS ? [['blob'] as const] : []),
    [
      'html',
      { open: 'never', outputFolder: `playwright-report${reportName === 'results' ? '' : `-${reportName}`}` },
    ],
    ['junit', { outputFile: `reports/${reportName}.junit.xml` }],
    ['json', { outputFile: `reports/${reportName}.json` }],
  ],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
  },
  globalSetup: './lib/setup/global-setup.ts',
  // Redacts artifacts again in a normal ending, for runs whose --reporter left out the redaction reporter.
  globalTeardown: './lib/setup/global-teardown.ts',
  // `--list` without `--project` lists every project, as UI mode and the VS Code extension do.
  projects: listsEveryProject(process.argv) ? projects.map((p) => ({ ...p, default: true })) : projects,
  ...(webServer.length ? { webServer } : {}),
});
