import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { frameLogFiles } from '../lib/reporting/summary/frame-logs';
import { readReport, reportTests } from '../lib/reporting/summary/report-tests';

/**
 * Writes the frame logs (`websocket-frames.json/.txt`, `protocol-drift.json`) of a Playwright JSON report's
 * tests into a folder, one sub-folder per test; the nightly uploads it as the `frame-logs` artifact.
 *
 *   npx tsx scripts/extract-frame-logs.ts reports/nightly.json frame-logs
 */
const [reportFile, outDir = 'reports/frame-logs'] = process.argv.slice(2);
if (reportFile === undefined || !existsSync(reportFile)) {
  console.error(`extract-frame-logs: no report at ${reportFile ?? '(none given)'}`);
  process.exit(1);
}
const files = frameLogFiles(reportTests(readReport(reportFile)));
for (const file of files) {
  const target = join(outDir, file.path);
  mkdirSync(dirname(target), { recursive: true });
  if (file.body) writeFileSync(target, file.body);
  else if (file.source && existsSync(file.source)) copyFileSync(file.source, target);
}
console.log(`extract-frame-logs: ${files.length} file(s) written to ${outDir}`);
