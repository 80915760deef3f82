import type { FullConfig } from '@playwright/test';
import { IDENTITY_PATH, secretFingerprint } from '../stand-in/identity';
import { DEFAULT_STAND_IN_PORT, STAND_IN_ENV, standInOrigin } from './config';

/**
 * The `local` projects reuse a stand-in already listening on their port (meta-tests' child runs rely on it).
 * Make sure it is this run's own: a stale one from another run would refuse every token with 1008.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  if (!config.webServer) return;
  const port = Number(process.env[STAND_IN_ENV.port] ?? DEFAULT_STAND_IN_PORT);
  const secret = process.env[STAND_IN_ENV.secret] ?? '';
  const response = await fetch(`${standInOrigin(port)}${IDENTITY_PATH}`).catch(() => undefined);
  const body = response?.ok ? ((await response.json()) as { fingerprint?: string }) : undefined;
  if (body?.fingerprint !== secretFingerprint(secret)) {
    throw new Error(
      `The stand-in on port ${port} belongs to another run (its secret differs), so every token would be refused. ` +
        `Stop it (pkill -f stand-in/main.ts) or set ${STAND_IN_ENV.port} to a free port.`,
    );
  }
}
