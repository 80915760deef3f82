import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { splitArgs } from '../lib/reporting/summary/cli-args';
import { verdictOf } from '../lib/reporting/summary/job-summary-markdown';
import { readReport, reportTests } from '../lib/reporting/summary/report-tests';
import { appendRun, latestWarnings, readHistory, runEntry } from '../lib/reporting/summary/trend-history';

/**
 * Adds one run's latency figures and verdict counts to the trend history (created when missing):
 *
 *   npx tsx scripts/trend-history.ts reports/nightly.json trend-history/history.json \
 *     [--run-id=123] [--label=#45] [--url=https://…/runs/123] [--started-at=2026-01-01T04:17:00Z]
 *
 * The nightly restores the file from its cache, runs this, and saves it back: no service needed.
 */
const { options, rest } = splitArgs(process.argv.slice(2), ['run-id', 'label', 'url', 'started-at']);
const [reportFile, historyFile] = rest;
if (!reportFile || !historyFile) {
  console.error('usage: trend-history.ts <report.json> <history.json> [--run-id=…] [--label=…] [--url=…]');
  process.exit(2);
}
const report = readReport(reportFile);
const runId = options.get('run-id') ?? `local-${Date.now()}`;
const url = options.get('url');
const entry = runEntry(reportTests(report), (t) => verdictOf(t) ?? '(none)', {
  runId,
  label: options.get('label') ?? runId,
  startedAt: options.get('started-at') ?? new Date().toISOString(),
  ...(url ? { url } : {}),
});
const history = appendRun(readHistory(historyFile), entry);
mkdirSync(dirname(historyFile), { recursive: true });
writeFileSync(historyFile, `${JSON.stringify(history, null, 2)}\n`);
const warnings = latestWarnings(history);
console.log(
  `trend history: ${history.runs.length} run(s) in ${historyFile}; this run ${entry.outcome}` +
    (warnings.length ? `, ${warnings.length} latency warning(s)` : ''),
);
