import type { Workflow } from './workflow-checks';

type Job = Workflow['jobs'][string];
type Step = Job['steps'][number];

const ALERT_SECRET = 'NETRA_ALERT_WEBHOOK';
const uses = (step: Step, action: string): boolean => (step.uses ?? '').startsWith(`${action}@`);
const runsAfterFailure = (step: Step): boolean => /!cancelled\(\)|always\(\)/.test(step.if ?? '');

/**
 * The nightly's trend and alert steps, in the job that writes the summary: the history is restored from the
 * Actions cache (latest by prefix), extended by scripts/trend-history.ts, saved under a key of its own run
 * and uploaded; the summary charts it; the alert runs after a red summary too, reads the webhook from
 * `secrets.` in its own step only, and never echoes it.
 */
export function checkTrendAndAlert(workflow: Workflow): string[] {
  const entry = Object.entries(workflow.jobs).find(([, job]) =>
    job.steps.some((s) => /scripts\/job-summary\.ts/.test(s.run ?? '')),
  );
  if (!entry) return ['a job writes scripts/job-summary.ts'];
  const [name, job] = entry;
  const problems: string[] = [];
  const index = (predicate: (s: Step) => boolean) => job.steps.findIndex(predicate);
  const restore = index((s) => uses(s, 'actions/cache/restore'));
  const append = index((s) => /scripts\/trend-history\.ts/.test(s.run ?? ''));
  const save = index((s) => uses(s, 'actions/cache/save'));
  const summary = index((s) => /scripts\/job-summary\.ts/.test(s.run ?? ''));
  const alert = index((s) => /scripts\/alert\.ts/.test(s.run ?? ''));
  const step = (i: number): Step | undefined => job.steps[i];

  const restored = step(restore);
  if (!restored) problems.push(`${name}: restores trend-history with actions/cache/restore`);
  else {
    if (restored.with?.path !== 'trend-history')
      problems.push(`${name}: the cache restore has path trend-history`);
    if (typeof restored.with?.['restore-keys'] !== 'string')
      problems.push(`${name}: the cache restore has restore-keys (the latest earlier night)`);
  }
  if (!step(append)) problems.push(`${name}: a step runs scripts/trend-history.ts`);
  const saved = step(save);
  if (!saved) problems.push(`${name}: saves trend-history with actions/cache/save`);
  else if (!/github\.run_id/.test(String(saved.with?.key)))
    problems.push(`${name}: the cache save key names github.run_id (cache keys are immutable)`);
  if (restore >= 0 && append >= 0 && save >= 0 && !(restore < append && append < save && save < summary))
    problems.push(`${name}: restore, then append, then save the history, before the summary`);
  for (const i of [restore, append, save]) {
    const s = step(i);
    if (s && !runsAfterFailure(s))
      problems.push(`${name}: "${s.name ?? s.uses ?? s.run}" runs on a red night too`);
  }
  if (!/--history=trend-history\/history\.json/.test(step(summary)?.run ?? ''))
    problems.push(`${name}: the summary charts --history=trend-history/history.json`);
  const upload = job.steps.find(
    (s) => uses(s, 'actions/upload-artifact') && s.with?.path === 'trend-history',
  );
  if (!upload) problems.push(`${name}: uploads trend-history as an artifact`);
  else if (upload.with?.['retention-days'] === undefined)
    problems.push(`${name}: upload trend-history sets retention-days`);

  const alerted = step(alert);
  if (!alerted) problems.push(`${name}: a step runs scripts/alert.ts`);
  else {
    if (alert < summary) problems.push(`${name}: the alert runs after the summary`);
    if (!runsAfterFailure(alerted))
      problems.push(`${name}: the alert runs after a red summary (if: !cancelled())`);
    if (alerted.env?.[ALERT_SECRET] !== `\${{ secrets.${ALERT_SECRET} }}`)
      problems.push(`${name}: the alert step maps ${ALERT_SECRET} from secrets.${ALERT_SECRET}`);
    if (!/--history=/.test(alerted.run ?? '')) problems.push(`${name}: the alert reads the trend history`);
    if (!/--run-url=/.test(alerted.run ?? '')) problems.push(`${name}: the alert links the run (--run-url)`);
  }
  const elsewhere = [
    workflow.env?.[ALERT_SECRET] !== undefined ? 'the workflow env' : '',
    ...Object.entries(workflow.jobs).map(([n, j]) => (j.env?.[ALERT_SECRET] !== undefined ? `job ${n}` : '')),
    ...Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .filter((s) => s !== alerted && s.env?.[ALERT_SECRET] !== undefined)
      .map((s) => `step "${s.name ?? ''}"`),
  ].filter(Boolean);
  for (const where of elsewhere)
    problems.push(`${ALERT_SECRET} is mapped only in the alert step, not in ${where}`);
  for (const s of Object.values(workflow.jobs).flatMap((j) => j.steps))
    if (new RegExp(`\\$\\{?${ALERT_SECRET}\\b`).test(s.run ?? ''))
      problems.push(`step "${s.name ?? ''}" must not print or pass ${ALERT_SECRET} on a command line`);
  return problems;
}
