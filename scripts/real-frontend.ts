import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  REAL_FRONTEND_PORT,
  findServerScript,
  realFrontendSource,
  type RealFrontendSource,
} from '../lib/setup/real-frontend';

/**
 * Serves Netra's real frontend on localhost:3000 for the `real-frontend` project (Playwright's webServer
 * starts this). NETRA_REAL_FRONTEND names a `.tar.gz` bundle (unpacked once into the temp folder, by content
 * stamp) or an unpacked standalone build folder. The server gets a clean environment: no secret reaches it.
 */
function unpacked(tarball: string): string {
  const { size, mtimeMs } = statSync(tarball);
  const stamp = createHash('sha256').update(`${tarball}:${size}:${mtimeMs}`).digest('hex').slice(0, 16);
  const target = join(tmpdir(), 'netra-real-frontend', stamp);
  if (existsSync(target)) return target;
  const partial = `${target}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  const tar = spawnSync('tar', ['xzf', tarball, '-C', partial], { stdio: 'inherit' });
  if (tar.status !== 0)
    throw new Error(`real frontend: could not unpack ${tarball} (tar exit ${tar.status})`);
  try {
    renameSync(partial, target);
  } catch {
    // Another run unpacked the same bundle first: use theirs.
    rmSync(partial, { recursive: true, force: true });
  }
  return target;
}

function serverScript(source: Exclude<RealFrontendSource, { kind: 'url' }>): string {
  const folder = source.kind === 'tarball' ? unpacked(source.path) : source.path;
  const script = findServerScript(folder);
  if (!script) throw new Error(`real frontend: no server.js in ${folder}`);
  return script;
}

const source = realFrontendSource(process.env, join(__dirname, '..'));
if (source.kind === 'url') {
  console.error(`real frontend: ${source.url} is already running; nothing to start`);
  process.exit(2);
}
const script = serverScript(source);
const server = spawn(process.execPath, [script], {
  cwd: join(script, '..'),
  stdio: 'inherit',
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    PORT: String(REAL_FRONTEND_PORT),
    HOSTNAME: 'localhost',
    NEXT_TELEMETRY_DISABLED: '1',
  },
});
const stop = () => server.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
