import { renderJobSummary } from '../lib/reporting/summary/job-summary-markdown';
import { summaryInputFromArgs } from '../lib/reporting/summary/summary-args';

/**
 * Prints the GitHub job summary (markdown) of Playwright JSON reports and exits 1 unless the run is green:
 *
 *   npx tsx scripts/job-summary.ts [--title=Nightly] [--backend-project=staging-api --backend-result=success
 *     --backend-defined=true] [--browser-project=staging --browser-result=success]
 *     [--history=trend-history/history.json] reports/nightly.json ...
 *
 * Pass/fail/flaky/skipped counts, each failed test with the first line of its error (the verdict line), the
 * verdicts, a Mermaid sequence diagram of each failed test's last frames (up to a cap) with its latency, the
 * latency figures, the trend of the last 14 runs from the history, and the `verdict`, `latency` and
 * `protocol-note` annotations.
 */
const { input } = summaryInputFromArgs(process.argv.slice(2));
const summary = renderJobSummary(input);
console.log(summary.markdown);
process.exitCode = summary.ok ? 0 : 1;
