/** The reporter that redacts every ending; it must come first in any reporter list (see README). */
export const REDACTION_REPORTER = './lib/reporting/reporters/redaction-reporter.ts';

/** `--reporter` values given on the command line (they replace every reporter of the config). */
function reportersFromArgv(argv: readonly string[]): string[] | undefined {
  const values = argv.flatMap((arg, i) => {
    if (arg.startsWith('--reporter=')) return [arg.slice('--reporter='.length)];
    if (arg === '--reporter') return [argv[i + 1] ?? ''];
    return [];
  });
  return values.length ? values.flatMap((v) => v.split(',')).filter(Boolean) : undefined;
}

/** A warning when the command line's reporters leave out the redaction reporter, or put it after another. */
export function redactionReporterWarning(argv: readonly string[]): string | undefined {
  const reporters = reportersFromArgv(argv);
  if (!reporters || reporters[0]?.endsWith('redaction-reporter.ts')) return undefined;
  return (
    `warning: --reporter=${reporters.join(',')} replaces the config's reporters, so ${REDACTION_REPORTER} no ` +
    `longer redacts a run that ends badly (global timeout, Ctrl-C twice); only global teardown does, in a normal ` +
    `ending. Put it first: --reporter=${[REDACTION_REPORTER, ...reporters].join(',')}`
  );
}
