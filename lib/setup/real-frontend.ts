import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Netra's own frontend (a production build of netra-systems/zen `frontend/`), run for the `real-frontend`
 * project. Its build inlines the backend address: REST, auth and the WebSocket on localhost:8000, so the
 * stand-in backend must listen there; the page is served on localhost:3000.
 */
const REAL_FRONTEND_ENV = 'NETRA_REAL_FRONTEND';
export const REAL_FRONTEND_BACKEND_PORT = 8000;
export const REAL_FRONTEND_PORT = 3000;
export const REAL_FRONTEND_ORIGIN = `http://localhost:${REAL_FRONTEND_PORT}`;
export const REAL_FRONTEND_BACKEND_ORIGIN = `http://localhost:${REAL_FRONTEND_BACKEND_PORT}`;

/** The bundle CI and a fresh clone use: the beta-15 build kept beside the project, never inside it. */
const DEFAULT_REAL_FRONTEND = '../shared/real-frontend/netra-frontend-beta-15.tar.gz';

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

/** Reads NETRA_REAL_FRONTEND (default: the shared beta-15 bundle); one error naming the variable if unusable. */
export function realFrontendSource(
  env: NodeJS.ProcessEnv = process.env,
  root: string = process.cwd(),
): RealFrontendSource {
  const raw = env[REAL_FRONTEND_ENV]?.trim() || DEFAULT_REAL_FRONTEND;
  if (/^https?:\/\//.test(raw)) {
    try {
      return { kind: 'url', url: new URL(raw).origin };
    } catch {
      throw invalid(`expected an http(s) URL, a .tar.gz bundle or a build folder; received "${raw}"`);
    }
  }
  const path = isAbsolute(raw) ? raw : resolve(root, raw);
  if (!existsSync(path))
    throw invalid(
      `${path} does not exist (expected the production build: a .tar.gz bundle, an unpacked standalone folder, or the URL of a running frontend)`,
    );
  if (statSync(path).isDirectory()) {
    if (!findServerScript(path))
      throw invalid(
        `${path} holds no server.js of a Next.js standalone build (looked in it and one level down)`,
      );
    return { kind: 'folder', path };
  }
  if (!/\.(tar\.gz|tgz)$/.test(path)) throw invalid(`${path} is a file but not a .tar.gz bundle`);
  return { kind: 'tarball', path };
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
