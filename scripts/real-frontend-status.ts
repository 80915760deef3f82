import 'dotenv/config';
import { join } from 'node:path';
import {
  FRONTEND_TAG_ENV,
  lookUpRealFrontend,
  missingBuildError,
  releaseOf,
} from '../lib/setup/real-frontend';

/**
 * Is there a Netra frontend build to run the real-frontend stages on? For `npm run test:all` and the staging
 * proof. Exit 0 and one line naming the build and its release; exit 3 and the NOT RUN line when none was named
 * and none is at the default place; exit 1 with the configuration error when NETRA_REAL_FRONTEND is unusable.
 * `--tag` prints only the release tag (empty when unknown). `--require` (a stage that was asked for): no build
 * is the configuration error naming NETRA_REAL_FRONTEND and the place looked in, on stderr, still exit 3.
 */
const MISSING_EXIT = 3;

try {
  const lookup = lookUpRealFrontend(process.env, join(__dirname, '..'));
  if ('missing' in lookup) {
    if (process.argv.includes('--require'))
      throw Object.assign(missingBuildError(lookup), { exit: MISSING_EXIT });
    process.stdout.write(`real frontend: NOT RUN, no build at ${lookup.place}; set NETRA_REAL_FRONTEND\n`);
    process.exit(MISSING_EXIT);
  }
  const release = releaseOf(process.env[FRONTEND_TAG_ENV]?.trim() || undefined, lookup.found);
  if (process.argv.includes('--tag')) process.stdout.write(`${release.tag ?? ''}\n`);
  else {
    const build = lookup.found.kind === 'url' ? lookup.found.url : lookup.found.path;
    const how = lookup.named ? 'NETRA_REAL_FRONTEND' : 'the default place';
    process.stdout.write(
      `real frontend: ${build} (from ${how}); release ${release.tag ?? 'unknown'} (from ${release.from})\n`,
    );
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof Error && 'exit' in error ? MISSING_EXIT : 1);
}
