import 'dotenv/config';
import { randomBytes } from 'node:crypto';
import { defineConfig, type PlaywrightTestConfig, type Project } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './helpers/browser';
import { DEFAULT_STAND_IN_PORT, STAND_IN_ENV, loadStagingTarget, standInOrigin } from './helpers/config';
import { isStagingProject, selectedProjects } from './helpers/project-selection';
import type { TargetOptions } from './fixtures/target';

const isCI = !!process.env.CI;
/** Report file stem: `reports/<name>.json` and `.junit.xml`; the staging proof run sets NETRA_REPORT_NAME=staging. */
const reportName = process.env.NETRA_REPORT_NAME ?? 'results';
const requested = selectedProjects(process.env, process.argv);
const wantsStaging = requested.some(isStagingProject);
const wantsLocal = requested.length === 0 || requested.some((p) => !isStagingProject(p));

// A bad .env fails here, naming every bad variable, before any browser starts.
const staging = wantsStaging ? loadStagingTarget(process.env) : undefined;

// The embedded stand-in: one per run, its secret minted here and handed to workers through the environment.
process.env[STAND_IN_ENV.port] ??= String(DEFAULT_STAND_IN_PORT);
process.env[STAND_IN_ENV.secret] ??= randomBytes(32).toString('hex');
const standInPort = Number(process.env[STAND_IN_ENV.port]);

const executablePath = chromiumExecutable();
const browserUse = {
  browserName: 'chromium' as const,
  launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
};

const localProjects: Project<TargetOptions>[] = [
  { name: 'unit', testDir: './tests/unit' },
  { name: 'local', testDir: './e2e', use: { ...browserUse, netraTarget: 'local' }, timeout: 20_000 },
  { name: 'meta', testDir: './tests/meta', timeout: 90_000 },
];

const stagingProjects: Project<TargetOptions>[] = staging
  ? [
      {
        name: 'staging',
        testDir: './e2e',
        use: { ...browserUse, netraTarget: 'staging' },
        timeout: 180_000,
        retries: isCI ? 1 : 0,
      },
    ]
  : [];

const webServer: PlaywrightTestConfig['webServer'] = wantsLocal
  ? {
      command: 'node --import tsx stand-in/main.ts',
      url: `${standInOrigin(standInPort)}/health/ready`,
      reuseExistingServer: true,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        STANDIN_PORT: String(standInPort),
        STANDIN_JWT_SECRET: process.env[STAND_IN_ENV.secret] ?? '',
        NEXT_PUBLIC_ENVIRONMENT: 'staging',
      },
    }
  : undefined;

export default defineConfig<TargetOptions>({
  testDir: '.',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  workers: isCI ? 2 : undefined,
  globalTimeout: 20 * 60_000,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  outputDir: 'test-results',
  reporter: [
    ['list'],
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
  globalSetup: './helpers/global-setup.ts',
  projects: [...(wantsLocal ? localProjects : []), ...stagingProjects],
  ...(webServer ? { webServer } : {}),
});
