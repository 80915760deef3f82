import type { FullConfig } from '@playwright/test';
import { IDENTITY_PATH, secretFingerprint } from '../../stand-in/contract';
import { STAND_IN_ENV, standInOrigin } from './config';
import { standInPortsOf } from './project-selection';

/**
 * Every stand-in of this run (the `local` one, and the real frontend's backend on localhost:8000) is reused
 * when already listening (meta-tests' child runs rely on it). Make sure each is this run's own: a stale one
 * from another run would refuse every token with 1008.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  if (!config.webServer) return;
  const secret = process.env[STAND_IN_ENV.secret] ?? '';
  const ports = standInPortsOf(process.env) ?? [];
  for (const port of ports) {
    const response = await fetch(`${standInOrigin(port)}${IDENTITY_PATH}`).catch(() => undefined);
    const body = response?.ok ? ((await response.json()) as { fingerprint?: string }) : undefined;
    if (body?.fingerprint !== secretFingerprint(secret)) {
      throw new Error(
        `The stand-in on port ${port} belongs to another run (its secret differs), so every token would be refused. ` +
          `Stop it (pkill -f stand-in/main.ts) or, for the local project, set ${STAND_IN_ENV.port} to a free port.`,
      );
    }
  }
}
