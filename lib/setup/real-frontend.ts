import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * Netra's own frontend (a production build of netra-systems/zen `frontend/`), run for the `real-frontend`
 * project. Its build inlines the backend address: REST, auth and the WebSocket on localhost:8000, so the
 * stand-in backend must listen there; the page is served on localhost:3000. The build is never part of this
 * project: it is named by NETRA_REAL_FRONTEND, or found in one place per machine (`defaultBuildPlace`).
 */
export const REAL_FRONTEND_ENV = 'NETRA_REAL_FRONTEND';
export const FRONTEND_TAG_ENV = 'NETRA_FRONTEND_TAG';
export const REAL_FRONTEND_BACKEND_PORT = 8000;
export const REAL_FRONTEND_PORT = 3000;
export const REAL_FRONTEND_ORIGIN = `http://localhost:${REAL_FRONTEND_PORT}`;
export const REAL_FRONTEND_BACKEND_ORIGIN = `http://localhost:${REAL_FRONTEND_BACKEND_PORT}`;

/** Where the frontend comes from: a running server (URL), a `.tar.gz` bundle, or an unpacked build folder. */
export type RealFrontendSource =
  { kind: 'url'; url: string } | { kind: 'tarball'; path: string } | { kind: 'folder'; path: string };

class RealFrontendError extends Error {
  override name = 'ConfigError';
}

const invalid = (why: string) =>
  new RealFrontendError(
    `Netra E2E configuration is invalid for the real-frontend project:\n  - ${REAL_FRONTEND_ENV}: ${why}`,
  );

/**
 * The one place a build is looked for when NETRA_REAL_FRONTEND is unset: outside any repository, one per
 * machine (`$XDG_CACHE_HOME/netra-e2e/frontend`, else `~/.cache/netra-e2e/frontend`), so a build made once
 * serves every later run there, CI's included. It holds a standalone build: `server.js` in it or one level
 * down (e.g. `netra-frontend-beta-15/server.js`, whose folder name gives the release).
 */
export function defaultBuildPlace(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.cache');
  return join(cache, 'netra-e2e', 'frontend');
}

/** The build at `path`, or why it is not one; a path that does not exist is `undefined`. */
function buildAt(path: string): RealFrontendSource | { unusable: string } | undefined {
  if (!existsSync(path)) return undefined;
  if (statSync(path).isDirectory())
    return findServerScript(path)
      ? { kind: 'folder', path }
      : {
          unusable: `${path} holds no server.js of a Next.js standalone build (looked in it and one level down)`,
        };
  if (!/\.(tar\.gz|tgz)$/.test(path)) return { unusable: `${path} is a file but not a .tar.gz bundle` };
  return { kind: 'tarball', path };
}

/** What a run finds: a build, or none at the default place (NETRA_REAL_FRONTEND unset). */
export type RealFrontendLookup =
  { found: RealFrontendSource; named: boolean } | { missing: string; place: string };

/**
 * Looks for the build without failing when none is there and none was named, so `npm run test:all` can say
 * "NOT RUN" instead. A NETRA_REAL_FRONTEND that names something unusable is an error (it was asked for).
 */
export function lookUpRealFrontend(
  env: NodeJS.ProcessEnv = process.env,
  root: string = process.cwd(),
): RealFrontendLookup {
  const raw = env[REAL_FRONTEND_ENV]?.trim();
  if (!raw) {
    const place = defaultBuildPlace(env);
    const build = buildAt(place);
    if (build === undefined) return { missing: `not set, and no build at ${place}`, place };
    if ('unusable' in build) return { missing: `not set, and ${build.unusable}`, place };
    return { found: build, named: false };
  }
  if (/^https?:\/\//.test(raw)) {
    try {
      return { found: { kind: 'url', url: new URL(raw).origin }, named: true };
    } catch {
      throw invalid(`expected an http(s) URL, a .tar.gz bundle or a build folder; received "${raw}"`);
    }
  }
  const path = isAbsolute(raw) ? raw : resolve(root, raw);
  const build = buildAt(path);
  if (build === undefined)
    throw invalid(
      `${path} does not exist (expected the production build: a .tar.gz bundle, an unpacked standalone folder, or the URL of a running frontend)`,
    );
  if ('unusable' in build) throw invalid(build.unusable);
  return { found: build, named: true };
}

/** The error of a run that asked for the real frontend and has none: names the variable and the place. */
export function missingBuildError(lookup: { missing: string; place: string }): Error {
  return invalid(
    `${lookup.missing}. Set ${REAL_FRONTEND_ENV} to a Netra frontend build (a standalone folder, a .tar.gz bundle, or the URL of a running frontend), or put one there (README, "The real frontend")`,
  );
}

/** The build a real-frontend run uses; one error naming the variable (and the place looked in) if none. */
export function realFrontendSource(
  env: NodeJS.ProcessEnv = process.env,
  root: string = process.cwd(),
): RealFrontendSource {
  const lookup = lookUpRealFrontend(env, root);
  if ('missing' in lookup) throw missingBuildError(lookup);
  return lookup.found;
}

/** The standalone build's `server.js`: in the folder itself or in its only sub-folder that has one. */
export function findServerScript(folder: string): string | undefined {
  const direct = join(folder, 'server.js');
  if (existsSync(direct)) return direct;
  const nested = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(folder, entry.name, 'server.js'));
  return nested.find((script) => existsSync(script));
}

/** The origin the suite opens: the running server's for a URL, else localhost:3000 where the launcher serves. */
export function realFrontendOrigin(source: RealFrontendSource): string {
  return source.kind === 'url' ? source.url : REAL_FRONTEND_ORIGIN;
}

/** A release tag in a bundle's or folder's name (`netra-frontend-beta-15.tar.gz` → `beta-15`). */
export function tagInName(name: string): string | undefined {
  return /\b(beta-\d+|v\d+\.\d+\.\d+)\b/.exec(name)?.[1];
}

/**
 * The name a build goes by: the bundle's path, or the real path of the folder that holds `server.js` (links
 * followed, so a link named `frontend` to `…/netra-frontend-beta-15` still names its release).
 */
export function buildName(source: RealFrontendSource): string | undefined {
  if (source.kind === 'url') return undefined;
  if (source.kind === 'tarball') return source.path;
  const script = findServerScript(source.path);
  return realpathSync(script ? dirname(script) : source.path);
}

/** The release the known-bug list is read for, and where it came from (said in every report). */
export interface FrontendRelease {
  tag: string | undefined;
  from: string;
}

/** NETRA_FRONTEND_TAG when set, else a tag in the build's name, else unknown (every check plain). */
export function releaseOf(
  named: string | undefined,
  source: RealFrontendSource | undefined,
): FrontendRelease {
  if (named) return { tag: named, from: FRONTEND_TAG_ENV };
  const name = source ? buildName(source) : undefined;
  // The innermost folder's tag first (…/netra-frontend-beta-15), else any in the path (zen-v1.4.2/standalone).
  const tag = name ? (tagInName(basename(name)) ?? tagInName(name)) : undefined;
  if (tag) return { tag, from: `the build’s name, ${name}` };
  if (source?.kind === 'url')
    return { tag: undefined, from: `no ${FRONTEND_TAG_ENV}, and a URL names no release` };
  return {
    tag: undefined,
    from: `no ${FRONTEND_TAG_ENV}, and no tag in the build’s name${name ? `, ${name}` : ''}`,
  };
}

/** One line for the report: which release the known-bug list was read for. */
export function describeRelease(release: FrontendRelease): string {
  return release.tag
    ? `release ${release.tag} (from ${release.from}): its known bugs are expected failures`
    : `release unknown (${release.from}): every check is plain, no expected failure`;
}
