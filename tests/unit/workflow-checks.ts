import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** The parts of a GitHub Actions workflow these checks read; everything else passes through. */
const StepSchema = z.looseObject({
  name: z.string().optional(),
  id: z.string().optional(),
  if: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  'continue-on-error': z.unknown().optional(),
});
const JobSchema = z.looseObject({
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  if: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  strategy: z.looseObject({ matrix: z.record(z.string(), z.unknown()).optional() }).optional(),
  steps: z.array(StepSchema),
});
export const WorkflowSchema = z.looseObject({
  name: z.string(),
  on: z.record(z.string(), z.unknown()),
  concurrency: z.looseObject({ group: z.string(), 'cancel-in-progress': z.boolean().optional() }).optional(),
  env: z.record(z.string(), z.string()).optional(),
  jobs: z.record(z.string(), JobSchema),
});
export type Workflow = z.infer<typeof WorkflowSchema>;
type Job = z.infer<typeof JobSchema>;
type Step = z.infer<typeof StepSchema>;

export function readWorkflow(file: string): Workflow {
  return WorkflowSchema.parse(parse(readFileSync(file, 'utf8')));
}

/** Variable names of `.env.example` (`NAME=` lines). */
export function envExampleNames(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);
}

/** Every variable `.env.example` documents: `NAME=` lines, and the commented `# NAME=` of those no test reads. */
export function envExampleDocumented(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => /^(?:# )?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);
}

/** The repository variables and secrets a workflow reads (`vars.NAME`, `secrets.NAME`; GitHub's own aside). */
export function workflowVariables(file: string): string[] {
  const names = [...readFileSync(file, 'utf8').matchAll(/\b(?:vars|secrets)\.([A-Z][A-Z0-9_]*)/g)].map(
    (m) => m[1] ?? '',
  );
  return [...new Set(names)].filter((name) => !name.startsWith('GITHUB_')).sort();
}

const runs = (job: Job, pattern: RegExp): Step[] => job.steps.filter((s) => pattern.test(s.run ?? ''));
const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : [job.needs].flat());
const usesAction = (step: Step, action: string): boolean => (step.uses ?? '').startsWith(`${action}@`);
const PLAYWRIGHT_TEST = /\bplaywright test\b(?![^\n]*--list)/;
const SHARD_ARG = /--shard=\$\{\{ matrix\.shardIndex \}\}\/\$\{\{ matrix\.shardTotal \}\}/;
const INSTALL_BROWSER = /npx playwright install --with-deps chromium/;

function jobsWhere(workflow: Workflow, predicate: (job: Job) => boolean): [string, Job][] {
  return Object.entries(workflow.jobs).filter(([, job]) => predicate(job));
}

/** Every job installs with `npm ci` on Node 20 with the npm cache. */
function checkNodeSetup(workflow: Workflow): string[] {
  return Object.entries(workflow.jobs).flatMap(([name, job]) => {
    const problems: string[] = [];
    const setup = job.steps.find((s) => usesAction(s, 'actions/setup-node'));
    if (String(setup?.with?.['node-version']) !== '20')
      problems.push(`${name}: setup-node with node-version 20`);
    if (setup?.with?.cache !== 'npm') problems.push(`${name}: setup-node caches npm`);
    if (runs(job, /^npm ci\b/m).length === 0) problems.push(`${name}: runs npm ci`);
    return problems;
  });
}

const stepLabel = (jobName: string, step: Step) =>
  `${jobName} › ${step.name ?? step.run?.split('\n')[0] ?? step.uses ?? 'step'}`;
const PLAYWRIGHT_ANY = /\bplaywright test\b/;
const LEAK_SCAN = /scripts\/leak-scan\.ts/;
/** The alert posts outside: it needs the webhook, and the secrets to redact from what it posts. */
const ALERT = /scripts\/alert\.ts/;
/** Steps that write what gets uploaded: the leak scan must come after all of them. */
const WRITES_ARTIFACTS =
  /\bplaywright (?:test|merge-reports)\b(?![^\n]*--list)|test:staging-proof|extract-frame-logs/;
const readsSecret = (value: string) => /\bsecrets\./.test(value);

/**
 * Every `.env.example` variable reaches each step that runs Playwright against staging (workflow, job and step
 * env together); the credentials from `secrets.`.
 */
function checkSecretsMapped(workflow: Workflow, envNames: readonly string[], secretNames: readonly string[]) {
  const problems: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    for (const step of runs(job, PLAYWRIGHT_TEST)) {
      const env = { ...workflow.env, ...job.env, ...step.env };
      for (const variable of envNames) {
        const value = env[variable];
        if (value === undefined) problems.push(`${name}: env ${variable} is not mapped`);
        else if (secretNames.includes(variable) && value !== `\${{ secrets.${variable} }}`)
          problems.push(`${name}: env ${variable} must be \${{ secrets.${variable} }}, is ${value}`);
        else if (!new RegExp(`^\\$\\{\\{ .*\\b(vars|secrets)\\.${variable}\\b.* \\}\\}$`).test(value))
          problems.push(
            `${name}: env ${variable} must come from vars.${variable} or secrets.${variable}, is ${value}`,
          );
      }
    }
  }
  return problems;
}

/**
 * Secrets only where they are needed: never in workflow or job env (where `npm ci` lifecycle scripts and the
 * sudo `playwright install --with-deps` would read them), only in the env of steps that run Playwright, the
 * leak scan, or the alert (which redacts them from what it posts).
 */
function checkSecretsScoped(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [variable, value] of Object.entries(workflow.env ?? {}))
    if (readsSecret(value))
      problems.push(`workflow env ${variable} reads a secret: job-level secrets are not allowed`);
  for (const [name, job] of Object.entries(workflow.jobs)) {
    for (const [variable, value] of Object.entries(job.env ?? {}))
      if (readsSecret(value))
        problems.push(
          `${name}: env ${variable} reads a secret at job level; give it to the steps that run tests`,
        );
    for (const step of job.steps) {
      const secrets = Object.entries(step.env ?? {}).filter(([, value]) => readsSecret(value));
      const allowed = [PLAYWRIGHT_ANY, LEAK_SCAN, ALERT].some((runs) => runs.test(step.run ?? ''));
      if (secrets.length && !allowed)
        problems.push(
          `${stepLabel(name, step)}: only steps that run Playwright, the leak scan or the alert may see secrets (${secrets.map(([v]) => v).join(', ')})`,
        );
    }
  }
  return problems;
}

/**
 * In every job that uploads: `scripts/leak-scan.ts` runs after the steps that write artifacts and before the
 * first upload, also after failed tests, covers every uploaded path, may not be ignored, and gates each upload.
 */
function checkLeakScanGate(workflow: Workflow, secretNames: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const uploads = job.steps.filter((s) => usesAction(s, 'actions/upload-artifact'));
    if (uploads.length === 0) continue;
    const scanIndex = job.steps.findIndex((s) => LEAK_SCAN.test(s.run ?? ''));
    const scan = job.steps[scanIndex];
    const firstUpload = job.steps.findIndex((s) => usesAction(s, 'actions/upload-artifact'));
    if (!scan || scanIndex > firstUpload) {
      problems.push(`${name}: runs scripts/leak-scan.ts before its first upload`);
      continue;
    }
    const lastWriter = job.steps.reduce((last, s, i) => (WRITES_ARTIFACTS.test(s.run ?? '') ? i : last), -1);
    if (scanIndex < lastWriter)
      problems.push(`${name}: the leak scan runs after the steps that write artifacts`);
    if (!/!cancelled\(\)|always\(\)/.test(scan.if ?? ''))
      problems.push(`${name}: the leak scan runs after failed tests too (if: \${{ !cancelled() }})`);
    if (scan['continue-on-error'] !== undefined) problems.push(`${name}: a leak scan hit fails the job`);
    if (!scan.id) problems.push(`${name}: the leak scan step has an id the uploads can check`);
    const gate = `steps.${scan.id ?? 'leak-scan'}.outcome == 'success'`;
    for (const upload of uploads) {
      if (!(upload.if ?? '').includes(gate))
        problems.push(
          `${name}: upload ${String(upload.with?.name)} runs only when the leak scan passed (${gate})`,
        );
      const paths = typeof upload.with?.path === 'string' ? upload.with.path.split('\n').filter(Boolean) : [];
      for (const path of paths)
        if (!new RegExp(`(^|\\s)${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`).test(scan.run ?? ''))
          problems.push(`${name}: the leak scan covers ${path}`);
    }
    for (const secret of secretNames)
      if (scan.env?.[secret] !== `\${{ secrets.${secret} }}`)
        problems.push(
          `${name}: the leak scan looks for ${secret} (env ${secret}: \${{ secrets.${secret} }})`,
        );
  }
  return problems;
}

function checkUploads(job: Job, jobName: string, paths: string[]): string[] {
  const uploads = job.steps.filter((s) => usesAction(s, 'actions/upload-artifact'));
  const problems = paths.flatMap((path) =>
    uploads.some((s) => (typeof s.with?.path === 'string' ? s.with.path : '').split('\n').includes(path))
      ? []
      : [`${jobName}: uploads ${path} as an artifact`],
  );
  for (const s of uploads)
    if (s.with?.['retention-days'] === undefined)
      problems.push(`${jobName}: upload ${String(s.with?.name)} sets retention-days`);
  return problems;
}

/** The nightly: schedule and manual inputs, backend contract first, browser shards, merge, artifacts, summary. */
export function checkNightly(
  workflow: Workflow,
  envNames: readonly string[],
  secretNames: readonly string[],
): string[] {
  const problems: string[] = [];
  const schedule = z.array(z.object({ cron: z.string() })).safeParse(workflow.on.schedule);
  const crons = schedule.success ? schedule.data.map((s) => s.cron) : [];
  if (crons.length === 0) problems.push('on.schedule: a cron schedule');
  for (const cron of crons) {
    const fields = cron.trim().split(/\s+/);
    const hour = Number(fields[1]);
    if (fields.length !== 5 || !Number.isInteger(hour) || hour > 7)
      problems.push(`on.schedule: "${cron}" runs once in the early morning UTC (hour 0-7)`);
  }
  const dispatch = z
    .object({ inputs: z.record(z.string(), z.unknown()) })
    .safeParse(workflow.on.workflow_dispatch);
  for (const input of ['project', 'api-project', 'grep'])
    if (!dispatch.success || !(input in dispatch.data.inputs))
      problems.push(`on.workflow_dispatch: input ${input}`);
  if (workflow.concurrency?.['cancel-in-progress'] !== true)
    problems.push('concurrency: cancel-in-progress: true');

  const apiJobs = jobsWhere(workflow, (j) => runs(j, /playwright test --project="\$API_PROJECT"/).length > 0);
  const shardJobs = jobsWhere(workflow, (j) => runs(j, SHARD_ARG).length > 0);
  const mergeJobs = jobsWhere(workflow, (j) => runs(j, /playwright merge-reports\b/).length > 0);
  const [apiJob] = apiJobs;
  const [shardJob] = shardJobs;
  const [mergeJob] = mergeJobs;
  if (!apiJob) problems.push('a job runs the backend contract: playwright test --project="$API_PROJECT"');
  if (!shardJob)
    problems.push('a job runs playwright test --shard=${{ matrix.shardIndex }}/${{ matrix.shardTotal }}');
  if (!mergeJob) problems.push('a job runs playwright merge-reports');

  if (shardJob) {
    const [name, job] = shardJob;
    const matrix = job.strategy?.matrix ?? {};
    const index = z.array(z.number()).safeParse(matrix.shardIndex);
    const total = z.tuple([z.number()]).safeParse(matrix.shardTotal);
    const n = total.success ? total.data[0] : 0;
    if (n < 2 || !index.success || index.data.join() !== Array.from({ length: n }, (_, i) => i + 1).join())
      problems.push(`${name}: matrix shardIndex [1..n] and shardTotal [n], n >= 2`);
    if (!runs(job, SHARD_ARG).some((s) => /--project="\$BROWSER_PROJECT"/.test(s.run ?? '')))
      problems.push(`${name}: the shard runs --project="$BROWSER_PROJECT"`);
    if (!runs(job, SHARD_ARG).some((s) => /--grep="\$GREP"/.test(s.run ?? '')))
      problems.push(`${name}: the shard passes --grep="$GREP"`);
    // A retry that passed is no pass: a known bug is named by its signature, a race is no flake to forgive.
    if (!runs(job, SHARD_ARG).some((s) => /--fail-on-flaky-tests/.test(s.run ?? '')))
      problems.push(`${name}: the shard fails on flaky tests (--fail-on-flaky-tests)`);
    if (runs(job, INSTALL_BROWSER).length === 0)
      problems.push(`${name}: npx playwright install --with-deps chromium`);
    if (apiJob && !needsOf(job).includes(apiJob[0])) problems.push(`${name}: needs ${apiJob[0]}`);
    problems.push(...checkUploads(job, name, ['blob-report', 'test-results']));
  }
  if (mergeJob) {
    const [name, job] = mergeJob;
    if (!runs(job, /playwright merge-reports --reporter=[\w,./-]*html[\w,]*junit/).length)
      problems.push(`${name}: merge-reports into html and junit`);
    if (
      !runs(job, /playwright merge-reports --reporter=\.\/lib\/reporting\/reporters\/redaction-reporter\.ts,/)
        .length
    )
      problems.push(`${name}: merge-reports lists ./lib/reporting/reporters/redaction-reporter.ts first`);
    if (shardJob && !needsOf(job).includes(shardJob[0])) problems.push(`${name}: needs ${shardJob[0]}`);
    if (!/!cancelled\(\)|always\(\)/.test(job.if ?? ''))
      problems.push(`${name}: runs after failed shards too`);
    if (!job.steps.some((s) => usesAction(s, 'actions/download-artifact')))
      problems.push(`${name}: downloads the blob reports`);
    problems.push(...checkUploads(job, name, ['playwright-report', 'reports', 'frame-logs']));
    const summary = runs(job, /scripts\/job-summary\.ts[\s\S]*\$GITHUB_STEP_SUMMARY/);
    if (summary.length === 0) problems.push(`${name}: writes scripts/job-summary.ts to $GITHUB_STEP_SUMMARY`);
    if (summary.some((s) => s['continue-on-error'] === true || s.if !== undefined))
      problems.push(`${name}: the summary step fails the job (no continue-on-error, no if)`);
  }
  problems.push(
    ...checkNodeSetup(workflow),
    ...checkSecretsMapped(workflow, envNames, secretNames),
    ...checkSecretsScoped(workflow),
    ...checkLeakScanGate(workflow, secretNames),
  );
  return problems;
}

/** CI on push and pull request: lint (code and workflows), types, the full suite and the staging proof. */
export function checkCi(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const event of ['push', 'pull_request']) if (!(event in workflow.on)) problems.push(`on: ${event}`);
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const commands: [string, RegExp][] = [
    ['npm run lint', /^npm run lint$/m],
    ['npm run lint:workflows', /^npm run lint:workflows$/m],
    ['npm run typecheck', /^npm run typecheck$/m],
    ['npx playwright install --with-deps chromium', INSTALL_BROWSER],
    [
      'npx playwright test --fail-on-flaky-tests (the suite: every default project)',
      /^npx playwright test --fail-on-flaky-tests$/m,
    ],
    [
      'NETRA_REPORT_NAME=meta npx playwright test --project=meta --no-deps --fail-on-flaky-tests',
      /^NETRA_REPORT_NAME=meta npx playwright test --project=meta --no-deps --fail-on-flaky-tests$/m,
    ],
    ['npm run test:staging-proof', /^npm run test:staging-proof$/m],
  ];
  for (const [label, pattern] of commands)
    if (!steps.some((s) => pattern.test(s.run ?? ''))) problems.push(`a step runs ${label}`);
  // The stand-ins' secrets are minted after the installs, so the leak scan can look for them.
  const mint = steps.findIndex((s) => /NETRA_STANDIN_SECRET[\s\S]*GITHUB_ENV/.test(s.run ?? ''));
  const installs = steps.reduce(
    (last, s, i) => (/^npm ci\b|playwright install/m.test(s.run ?? '') ? i : last),
    -1,
  );
  if (mint < 0)
    problems.push('a step mints NETRA_STANDIN_SECRET into GITHUB_ENV for the tests and the leak scan');
  else if (mint < installs)
    problems.push('the stand-in secrets are minted after npm ci and playwright install');
  problems.push(...checkNodeSetup(workflow), ...checkSecretsScoped(workflow), ...checkLeakScanGate(workflow));
  return problems;
}
