import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultBuildPlace, tagInName } from '../../setup/real-frontend';
import type { BuildArg } from './release-args';

/**
 * Where a machine keeps one build per release, beside the one build the suite runs by default:
 * `~/.cache/netra-e2e/releases/netra-frontend-<tag>` (a folder, a link to one, or a `.tar.gz` bundle), so
 * `npm run releases` with no build named runs them all.
 */
export function releasesPlace(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(defaultBuildPlace(env)), 'releases');
}

/** Every entry of the releases place whose name holds a release tag; none when the place is missing. */
export function buildsInPlace(place: string): BuildArg[] {
  if (!existsSync(place)) return [];
  return readdirSync(place)
    .filter((name) => tagInName(name) !== undefined)
    .sort()
    .map((name) => ({ build: join(place, name) }));
}
