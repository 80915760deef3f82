import type { Workflow } from './workflow-checks';

type Job = Workflow['jobs'][string];

const RELEASES = /\bnpm run releases\b/;

/**
 * The nightly's release matrix: a job of its own, run only when the nightly is started by hand with a
 * `release-candidate`, that runs `npm run releases` (with the night's --grep), scans and uploads the matrix
 * folder and every release's HTML report (the matrix's cells link into them).
 */
export function checkReleaseMatrix(workflow: Workflow): string[] {
  const inputs = (workflow.on.workflow_dispatch as { inputs?: Record<string, unknown> } | undefined)?.inputs;
  const problems =
    inputs && 'release-candidate' in inputs ? [] : ['on.workflow_dispatch: input release-candidate'];
  const entry = Object.entries(workflow.jobs).find(([, job]) =>
    job.steps.some((s) => RELEASES.test(s.run ?? '')),
  );
  if (!entry) return [...problems, 'a job runs npm run releases'];
  const [name, job]: [string, Job] = entry;
  if (!/inputs\.release-candidate != ''/.test(job.if ?? ''))
    problems.push(`${name}: runs only with a release-candidate (if: inputs.release-candidate != '')`);
  const run = job.steps.find((s) => RELEASES.test(s.run ?? ''))?.run ?? '';
  if (!/--grep="\$GREP"/.test(run)) problems.push(`${name}: passes the night's --grep="$GREP"`);
  const uploaded = job.steps
    .filter((s) => (s.uses ?? '').startsWith('actions/upload-artifact@'))
    .flatMap((s) => (typeof s.with?.path === 'string' ? s.with.path.split('\n') : []));
  for (const path of ['release-matrix', 'playwright-report-release-*'])
    if (!uploaded.includes(path)) problems.push(`${name}: uploads ${path}`);
  return problems;
}
