import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { DRIFT_ATTACHMENT, type DriftReport } from '../drift-report';
import { schemaPatch } from '../schema-patch';
import { acceptableDrift, verdictCounts, type RunDriftReport } from '../schema-patch/accepted-drift';
import { attachmentJson, testLabel } from './attachment-json';

interface TestDrift extends DriftReport {
  test: string;
  status: string;
}

/** The patch file beside the run's drift report: `reports/protocol-drift.patch`. */
export const patchFileOf = (reportFile: string) => join(dirname(reportFile), 'protocol-drift.patch');

/**
 * Gathers every test's `protocol-drift.json` into one run-level report and prints which schema paths
 * drifted, how often, who is at fault, and which fields the schemas don't know yet. The test-is-stale drifts'
 * patches become one change to lib/protocol, `reports/protocol-drift.patch`, which
 * `npm run protocol:accept-drift -- reports/protocol-drift.json` applies.
 */
export default class ProtocolDriftReporter implements Reporter {
  private readonly tests: TestDrift[] = [];

  constructor(private readonly options: { outputFile?: string } = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const report = attachmentJson(result, DRIFT_ATTACHMENT) as DriftReport | undefined;
    if (report) this.tests.push({ ...report, test: testLabel(test.titlePath()), status: result.status });
  }

  async onEnd(): Promise<void> {
    const mismatches = this.tests.flatMap((t) => t.mismatches);
    const unknownFields = [...new Set(this.tests.flatMap((t) => t.unknownFields))];
    const verdicts = verdictCounts({ tests: this.tests });
    const { edits } = acceptableDrift({ tests: this.tests });
    const patch = edits.length ? await schemaPatch(edits).catch(() => undefined) : undefined;
    if (this.options.outputFile) {
      mkdirSync(dirname(this.options.outputFile), { recursive: true });
      const report: RunDriftReport = {
        mismatchCount: mismatches.length,
        unknownFields,
        verdicts,
        ...(patch?.diff ? { patch: { edits, ...patch } } : {}),
        tests: this.tests,
      };
      writeFileSync(this.options.outputFile, JSON.stringify(report, null, 2));
      const patchFile = patchFileOf(this.options.outputFile);
      if (patch?.diff) writeFileSync(patchFile, patch.diff);
      else if (existsSync(patchFile)) rmSync(patchFile);
    }
    if (mismatches.length === 0 && unknownFields.length === 0) return;
    const byPath = new Map<string, number>();
    for (const m of mismatches)
      for (const issue of m.issues.length ? m.issues : [{ path: m.summary }])
        byPath.set(`${m.phase}: ${issue.path}`, (byPath.get(`${m.phase}: ${issue.path}`) ?? 0) + 1);
    const lines = [...byPath].map(([path, count]) => `  ${path} (${count}×)`);
    const judged = Object.entries(verdicts).map(([verdict, n]) => `${verdict} ×${n}`);
    const who = judged.length ? `\n  who is at fault: ${judged.join(', ')}` : '';
    const accept =
      patch?.diff && this.options.outputFile
        ? `\n  the schema is stale: ${patchFileOf(this.options.outputFile)} (npm run protocol:accept-drift -- ${this.options.outputFile})`
        : '';
    const extra = unknownFields.length ? `\n  not in the schemas yet: ${unknownFields.join(', ')}` : '';
    // stderr: a machine-readable reporter (e.g. --reporter=json) may own stdout.
    process.stderr.write(
      `\nProtocol drift: ${mismatches.length} mismatch(es) in ${this.tests.filter((t) => t.mismatches.length).length} test(s)\n${lines.join('\n')}${who}${accept}${extra}\n`,
    );
  }
}
