import type { FullConfig } from '@playwright/test';
import { redactArtifacts, runRedactor } from './artifact-redaction';

/**
 * Playwright's trace keeps what the browser sent: `Authorization: Bearer …`, the upgrade's
 * `Sec-WebSocket-Protocol: jwt.<token>`, the sign-in script's arguments, token responses. Every test has
 * finished and written its trace by now, and reporters (HTML, blob, JSON) copy attachments only after global
 * teardown, so rewriting the output folders here keeps tokens out of every artifact whatever the reporter.
 */
export default function globalTeardown(config: FullConfig): void {
  const outputDirs = config.projects.map((project) => project.outputDir);
  const { scanned, rewritten } = redactArtifacts(outputDirs, runRedactor());
  if (rewritten.length)
    console.log(
      `artifact redaction: removed credentials from ${rewritten.length} of ${scanned} artifact files`,
    );
}
