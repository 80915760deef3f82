import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Redactor } from '../../lib/secrets/redact';
import { REDACTION_REPORTER, redactionReporterWarning } from '../../lib/reporting/reporter-args';
import { redactStdio } from '../../lib/secrets/stdio-redaction';

const JWT = [
  'eyJhbGciOiJIUzI1NiJ9',
  'eyJzdWIiOiJ1LTEiLCJlbWFpbCI6InVAZS5jb20ifQ',
  'c2lnbmF0dXJlLWJ5dGVz',
].join('.');

/** The config's reporter list: the redaction reporter must come before any reporter that copies or prints. */
function firstReporter(configText: string): string | undefined {
  const list = /reporter:\s*\[([\s\S]*?)\n\s{2}\],/.exec(configText)?.[1] ?? '';
  return /\[\s*(REDACTION_REPORTER|'[^']+')/.exec(list.replace(/\/\/[^\n]*/g, ''))?.[1];
}

test.describe('redaction is wired in: first reporter, stdio, and a warning when --reporter drops it', () => {
  test('playwright.config.ts lists the redaction reporter first', () => {
    const config = readFileSync('playwright.config.ts', 'utf8');
    expect(firstReporter(config)).toBe('REDACTION_REPORTER');
    expect(config).toContain('redactStdio(runRedactor())');
    const listFirst = config
      .replace('[REDACTION_REPORTER],', '')
      .replace("['list'],", "['list'],\n    [REDACTION_REPORTER],");
    expect(firstReporter(listFirst), 'the check catches the reporter moved after list').toBe("'list'");
  });

  test('a --reporter without the redaction reporter first gets a warning on stderr', () => {
    expect(redactionReporterWarning(['test'])).toBeUndefined();
    expect(redactionReporterWarning(['test', `--reporter=${REDACTION_REPORTER},json`])).toBeUndefined();
    expect(redactionReporterWarning(['test', '--reporter=json'])).toContain(
      `--reporter=${REDACTION_REPORTER},json`,
    );
    expect(redactionReporterWarning(['test', '--reporter', `json,${REDACTION_REPORTER}`])).toContain(
      'Put it first',
    );
  });

  test('what a process writes to stdout or stderr is redacted once installed, string or bytes', () => {
    const written: unknown[] = [];
    const stream = {
      write: (chunk: unknown) => written.push(chunk) > 0,
    } as unknown as NodeJS.WriteStream;
    redactStdio(new Redactor(), [stream]);
    redactStdio(new Redactor(), [stream]);
    stream.write(`token ${JWT}\n`);
    stream.write(Buffer.from(`Authorization: Bearer ${JWT}\n`));
    stream.write('{"json":"stays valid"}\n');
    expect(written.map(String)).toEqual([
      'token [redacted-jwt]\n',
      'Authorization: Bearer [redacted-jwt]\n',
      '{"json":"stays valid"}\n',
    ]);
  });
});
