import type { FullConfig } from '@playwright/test';
import { describeOutcome, redactArtifacts, runRedactor } from '../secrets/artifact-redaction';

/**
 * The second line of defence, for runs whose `--reporter` replaced the config's reporters (and with them
 * `lib/reporting/reporters/redaction-reporter.ts`, which does this in every ending). Global teardown runs only when the run
 * ends normally, after the workers have stopped and before any reporter's `onEnd` copies an attachment.
 * A zip it cannot read is deleted and the run fails. Prints to stderr only.
 */
export default function globalTeardown(config: FullConfig): void {
  const outputDirs = config.projects.map((project) => project.outputDir);
  const outcome = redactArtifacts(outputDirs, runRedactor(), { scratch: true });
  const summary = describeOutcome('artifact redaction (global teardown)', outcome);
  if (summary) process.stderr.write(`${summary}\n`);
  if (outcome.removed.length)
    throw new Error(`artifact redaction: ${outcome.removed.length} artifact(s) could not be proven clean`);
}
