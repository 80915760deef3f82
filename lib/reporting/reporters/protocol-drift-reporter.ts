import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { DRIFT_ATTACHMENT, type DriftReport } from '../drift-report';
import { attachmentJson, testLabel } from './attachment-json';

interface TestDrift extends DriftReport {
  test: string;
  status: string;
}

/**
 * Gathers every test's `protocol-drift.json` into one run-level report and prints which schema paths
 * drifted, how often, and which fields the schemas don't know yet.
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

  onEnd(): void {
    const mismatches = this.tests.flatMap((t) => t.mismatches);
    const unknownFields = [...new Set(this.tests.flatMap((t) => t.unknownFields))];
    if (this.options.outputFile) {
      mkdirSync(dirname(this.options.outputFile), { recursive: true });
      writeFileSync(
        this.options.outputFile,
        JSON.stringify({ mismatchCount: mismatches.length, unknownFields, tests: this.tests }, null, 2),
      );
    }
    if (mismatches.length === 0 && unknownFields.length === 0) return;
    const byPath = new Map<string, number>();
    for (const m of mismatches)
      for (const issue of m.issues.length ? m.issues : [{ path: m.summary }])
        byPath.set(`${m.phase}: ${issue.path}`, (byPath.get(`${m.phase}: ${issue.path}`) ?? 0) + 1);
    const lines = [...byPath].map(([path, count]) => `  ${path} (${count}×)`);
    const extra = unknownFields.length ? `\n  not in the schemas yet: ${unknownFields.join(', ')}` : '';
    // stderr: a machine-readable reporter (e.g. --reporter=json) may own stdout.
    process.stderr.write(
      `\nProtocol drift: ${mismatches.length} mismatch(es) in ${this.tests.filter((t) => t.mismatches.length).length} test(s)\n${lines.join('\n')}${extra}\n`,
    );
  }
}
