import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { LATENCY_ATTACHMENT, summarizeLatency, type RunLatency } from '../latency';
import { attachmentJson, testLabel } from './attachment-json';

const LABELS = {
  welcomeMs: 'welcome',
  firstEventMs: 'first agent event',
  completionMs: 'run complete',
} as const;

/**
 * Gathers every test's `latency.json` (welcome, first agent event, run complete) and ends the run with
 * p50/p95 per figure, so staging getting slower shows up before it turns into a timeout.
 */
export default class LatencyReporter implements Reporter {
  private readonly runs: (RunLatency & { test: string; status: string })[] = [];

  constructor(private readonly options: { outputFile?: string } = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const latency = attachmentJson(result, LATENCY_ATTACHMENT) as RunLatency | undefined;
    if (latency) this.runs.push({ ...latency, test: testLabel(test.titlePath()), status: result.status });
  }

  onEnd(): void {
    const summary = summarizeLatency(this.runs);
    if (this.options.outputFile) {
      mkdirSync(dirname(this.options.outputFile), { recursive: true });
      writeFileSync(this.options.outputFile, JSON.stringify({ summary, runs: this.runs }, null, 2));
    }
    if (summary.length === 0) return;
    const lines = summary.map(
      (s) =>
        `  ${LABELS[s.metric].padEnd(18)} p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms (${s.count} runs)`,
    );
    // stderr: a machine-readable reporter (e.g. --reporter=json) may own stdout.
    process.stderr.write(`\nLatency over ${this.runs.length} test(s):\n${lines.join('\n')}\n`);
  }
}
