import { strToU8 } from 'fflate';
import { expect, test } from '@playwright/test';
import type { JSONReport } from '@playwright/test/reporter';
import { STAND_IN_ENV } from '../../lib/setup/config';
import { credentialNeedles, scanBytes } from '../../lib/secrets/leak-scan';
import { REDACTION_REPORTER } from '../../lib/reporting/reporter-args';
import { runSuite } from './run-suite';

/**
 * `--reporter=json` without an output file writes the report to stdout, for a pipe or a CI step to parse. What
 * our code says (the redaction summary, the reporter warning, latency and drift summaries) goes to stderr, so
 * stdout stays one JSON document, and it holds no credential either.
 */
test.describe('machine-readable output stays machine-readable', () => {
  const needles = credentialNeedles([process.env[STAND_IN_ENV.secret] ?? '']);

  const cases: [string[], RegExp][] = [
    // The config warns that --reporter left the redaction reporter out (a worker redacts its traces silently).
    [['json'], /^warning: --reporter=json replaces the config's reporters/m],
    [[REDACTION_REPORTER, 'json'], /^artifact redaction: removed credentials from [1-9]/m],
  ];
  for (const [reporters, ours] of cases) {
    test(`--reporter=${reporters.join(',')}: stdout is one JSON document, our lines are on stderr`, async () => {
      const run = await runSuite({
        args: ['--project=local', '--workers=1', 'e2e/welcome.spec.ts'],
        // A red run, so the redaction has something to remove and to say; no file name: JSON on stdout.
        env: { NETRA_FAULT: 'flat-welcome', PLAYWRIGHT_JSON_OUTPUT_NAME: '' },
        reporters,
      });
      const report = JSON.parse(run.stdout) as Partial<Pick<JSONReport, 'stats'>>;
      expect(report.stats?.unexpected, run.stderr.slice(-1500)).toBe(1);
      expect(run.stderr, 'our own line went to stderr').toMatch(ours);
      expect(scanBytes('stdout', strToU8(run.stdout), needles), 'credentials on stdout').toEqual([]);
    });
  }
});
