import { existsSync } from 'node:fs';
import { splitArgs } from './report/cli-args';
import { renderJobSummary, type UpstreamJob } from './report/job-summary-markdown';
import { readReport } from './report/report-tests';

/**
 * Prints the GitHub job summary (markdown) of Playwright JSON reports and exits 1 unless the run is green:
 *
 *   npx tsx scripts/job-summary.ts [--title=Nightly] [--backend-project=staging-api --backend-result=success
 *     --backend-defined=true] [--browser-project=staging --browser-result=success] reports/nightly.json ...
 *
 * Pass/fail/flaky/skipped counts, each failed test with the first line of its error (the verdict line), the
 * verdicts, latency figures, and the `verdict`, `latency` and `protocol-note` annotations.
 */
const OWN = [
  'title',
  'backend-project',
  'backend-result',
  'backend-defined',
  'browser-project',
  'browser-result',
];
const { options, rest: files } = splitArgs(process.argv.slice(2), OWN);

function upstream(prefix: 'backend' | 'browser'): UpstreamJob | undefined {
  const project = options.get(`${prefix}-project`);
  const result = options.get(`${prefix}-result`);
  return project && result ? { project, result } : undefined;
}

const backend = upstream('backend');
const browser = upstream('browser');
const summary = renderJobSummary({
  title: options.get('title') ?? 'Playwright',
  reports: files.map((name) => ({ name, report: existsSync(name) ? readReport(name) : undefined })),
  ...(backend ? { backend: { ...backend, defined: options.get('backend-defined') !== 'false' } } : {}),
  ...(browser ? { browser } : {}),
});
console.log(summary.markdown);
process.exitCode = summary.ok ? 0 : 1;
