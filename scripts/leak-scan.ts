import { existsSync } from 'node:fs';
import { SECRET_VARIABLES, STAND_IN_ENV } from '../lib/setup/config';
import { credentialNeedles, scanArtifacts } from '../lib/secrets/leak-scan';

/**
 * The gate before any upload: scans the given folders and files (zips entry by entry, base64 and the HTML
 * report's inlined data decoded, `.playwright-artifacts-*` included) for the run's secrets (raw, base64,
 * base64url, percent-encoded) and for any JWT. Exit 1 on any hit; a hit is printed as file and needle, never
 * what matched. The secrets are read from the environment, never from the command line.
 *
 *   npx tsx scripts/leak-scan.ts test-results playwright-report blob-report reports
 */
const LEAK_SCAN_SECRET_VARIABLES = [STAND_IN_ENV.secret, 'STAGING_STANDIN_SECRET', ...SECRET_VARIABLES];

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('leak-scan: name the folders and files to scan');
  process.exit(2);
}
const secrets = LEAK_SCAN_SECRET_VARIABLES.flatMap((name) => process.env[name] ?? []).filter(Boolean);
const present = paths.filter((path) => existsSync(path));
const { files, hits } = scanArtifacts(present, credentialNeedles(secrets));
for (const hit of hits) console.log(`leak-scan: ${hit.where}: ${hit.needle} at byte ${hit.offset}`);
const absent = paths.filter((path) => !present.includes(path));
console.log(
  `leak-scan: ${files} file(s) in ${present.length} path(s) scanned for ${secrets.length} secret(s) and any JWT: ` +
    `${hits.length} hit(s)${absent.length ? ` (not there: ${absent.join(', ')})` : ''}`,
);
if (hits.length) {
  console.log('leak-scan: a credential would leave the run: nothing is uploaded and the job fails');
  process.exit(1);
}
