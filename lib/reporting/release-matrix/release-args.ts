/**
 * The arguments of `npm run releases`: the builds (`beta-15=<build>`, or a build whose name holds its tag), the
 * command's own `--name[=value]` options, and what goes on to Playwright (`--grep @p1`, `--grep=@p1`, a spec).
 *
 *   npm run releases -- --grep=@p1 beta-15=~/builds/netra-frontend-beta-15 ~/builds/netra-frontend-beta-17.tar.gz
 *
 * Without a build argument the list comes from NETRA_REAL_FRONTENDS, the same forms separated by spaces,
 * commas or new lines.
 */
export const REAL_FRONTENDS_ENV = 'NETRA_REAL_FRONTENDS';

/** A build given on the command line: with the tag it was named by, or without (then read from its name). */
export interface BuildArg {
  tag?: string;
  build: string;
}

export interface ReleaseArgs {
  builds: BuildArg[];
  /** The command's own options (`--from-reports`, `--out=release-matrix`): name → value ('' for a flag). */
  options: Map<string, string>;
  /** Handed to each Playwright run as they are. */
  playwright: string[];
}

/** Playwright options whose value may follow as the next argument (`--grep @p1`). */
const TAKES_VALUE = new Set([
  '-g',
  '--grep',
  '--grep-invert',
  '-j',
  '--workers',
  '--repeat-each',
  '--retries',
  '--timeout',
  '--global-timeout',
  '--max-failures',
  '-x',
  '--shard',
  '--trace',
]);
/** Set by the command for each run: given by hand they would break the matrix. */
const REFUSED = /^--(project|output|reporter|config)\b|^-c$/;
const TAGGED_BUILD = /^([\w.-]+)=(.+)$/s;

export function parseBuildArg(text: string): BuildArg {
  const tagged = TAGGED_BUILD.exec(text);
  return tagged?.[1] && tagged[2] ? { tag: tagged[1], build: tagged[2] } : { build: text };
}

export function parseReleaseArgs(
  argv: readonly string[],
  own: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ReleaseArgs {
  const options = new Map<string, string>();
  const builds: BuildArg[] = [];
  const playwright: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const option = /^--([\w-]+)(?:=(.*))?$/s.exec(arg);
    if (option?.[1] && own.includes(option[1])) {
      options.set(option[1], option[2] ?? '');
      continue;
    }
    if (REFUSED.test(arg))
      throw new Error(
        `${arg}: npm run releases sets the project, output, reporters and config of each run itself`,
      );
    if (arg.startsWith('-')) {
      playwright.push(arg);
      const value = argv[i + 1];
      if (TAKES_VALUE.has(arg) && value !== undefined) {
        playwright.push(value);
        i += 1;
      }
      continue;
    }
    if (/\.(spec|test)\.ts(:\d+)*$/.test(arg)) playwright.push(arg);
    else builds.push(parseBuildArg(arg));
  }
  const fromEnv = env[REAL_FRONTENDS_ENV]?.split(/[\s,]+/).filter(Boolean) ?? [];
  return { builds: builds.length ? builds : fromEnv.map(parseBuildArg), options, playwright };
}
