import type {
  FullConfig,
  FullResult,
  Reporter,
  TestCase,
  TestError,
  TestResult,
  TestStep,
} from '@playwright/test/reporter';
import {
  describeOutcome,
  redactArtifacts,
  redactFileInto,
  runRedactor,
  scratchFolders,
  type Fingerprints,
  type RedactionOutcome,
} from '../../secrets/artifact-redaction';
import { redactError, redactTestResult } from '../../secrets/report-redaction';

/** How long `onEnd` waits for workers still writing (global timeout, Ctrl-C): their own force-exit is 30 s. */
const WORKERS_GONE_WITHIN_MS = 35_000;
const POLL_MS = 100;

const toStderr = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * Must be the FIRST reporter: Playwright calls reporters in order with the same objects, so everything this one
 * rewrites is all any later reporter (list, HTML, blob, JSON, JUnit) ever sees.
 *
 * - `onTestEnd`: the test's errors, stdout/stderr, annotations, inline attachments and steps are redacted in
 *   place, and its attachment files (the trace, the error context) are rewritten on disk, before the HTML and
 *   blob reporters read them (they copy in their `onEnd`).
 * - `onStepEnd` / `onError`: step errors (an API call's call log holds its request headers) and run errors.
 * - `onEnd`: Playwright calls it in every ending, even when global teardown is skipped (global timeout, a second
 *   Ctrl-C, a crashed worker). It waits until every worker has exited (their scratch folders are gone), then
 *   rewrites everything left in the output folders, `.playwright-artifacts-*` scratch folders included. A zip it
 *   cannot read is deleted and the run fails.
 *
 * Prints to stderr only, so `--reporter=json` on stdout stays valid JSON.
 */
export default class RedactionReporter implements Reporter {
  private readonly redactor = runRedactor();
  private outputDirs: string[] = [];
  private readonly seen: Fingerprints = new Map();
  private readonly outcome: RedactionOutcome = { scanned: 0, rewritten: [], removed: [] };
  private workersLeft = 0;

  /** Where its lines go: stderr in a run; a unit test passes its own sink, so no verdict-like line is printed. */
  private readonly log: (line: string) => void;

  constructor(private readonly options: { workersGoneWithinMs?: number; log?: (line: string) => void } = {}) {
    this.log = options.log ?? toStderr;
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    this.outputDirs = [...new Set(config.projects.map((project) => project.outputDir))];
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    redactTestResult(test, result, this.redactor);
    const removedBefore = this.outcome.removed.length;
    for (const attachment of result.attachments)
      if (attachment.path) redactFileInto(attachment.path, this.redactor, this.outcome, this.seen);
    const removed = new Set(this.outcome.removed.slice(removedBefore));
    if (!removed.size) return;
    // Deleted, not copied as is: the reports say so instead of linking to a file that is gone.
    result.attachments = result.attachments.filter((a) => !a.path || !removed.has(a.path));
    for (const file of removed)
      result.annotations.push({
        type: 'redaction',
        description: `${file} deleted: unreadable, so not provably clean`,
      });
  }

  onStepEnd(_test: TestCase, _result: TestResult, step: TestStep): void {
    redactError(step.error, this.redactor);
  }

  onError(error: TestError): void {
    redactError(error, this.redactor);
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    // Ctrl-C pressed again now must not kill the run half-way: the rewrite finishes, then the run ends.
    const notice = () => this.log('artifact redaction: finishing the rewrite of artifacts before exiting');
    process.on('SIGINT', notice);
    try {
      this.workersLeft = await this.workersGone(this.options.workersGoneWithinMs ?? WORKERS_GONE_WITHIN_MS);
      this.sweep();
    } finally {
      process.off('SIGINT', notice);
    }
    const summary = describeOutcome('artifact redaction', this.outcome);
    if (summary) this.log(summary);
    if (!this.outcome.removed.length) return undefined;
    this.log('artifact redaction: the run fails: some artifacts could not be proven clean and were deleted');
    return result.status === 'passed' ? { status: 'failed' } : undefined;
  }

  /** A worker that outlived the wait may have written more since: one more pass once every reporter is done. */
  async onExit(): Promise<void> {
    if (!this.workersLeft) return;
    const before = this.outcome.rewritten.length + this.outcome.removed.length;
    await this.workersGone(POLL_MS * 20);
    this.sweep();
    const summary = describeOutcome('artifact redaction (late workers)', this.outcome);
    if (summary && this.outcome.rewritten.length + this.outcome.removed.length > before) this.log(summary);
  }

  private sweep(): void {
    const swept = redactArtifacts(this.outputDirs, this.redactor, { scratch: true, seen: this.seen });
    this.outcome.scanned += swept.scanned;
    this.outcome.rewritten.push(...swept.rewritten);
    this.outcome.removed.push(...swept.removed);
  }

  /** Waits until no `.playwright-artifacts-*` folder is left: Playwright removes each when its worker exits. */
  private async workersGone(withinMs: number): Promise<number> {
    const deadline = Date.now() + withinMs;
    let left = scratchFolders(this.outputDirs);
    if (left.length)
      this.log(`artifact redaction: waiting for ${left.length} worker(s) to exit before the sweep`);
    while (left.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      left = scratchFolders(this.outputDirs);
    }
    if (left.length)
      this.log(
        `artifact redaction: ${left.length} worker(s) still running after ${withinMs} ms; sweeping anyway`,
      );
    return left.length;
  }
}
