import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags for Debian's Chromium on a closed network (no background calls to Google's hosts). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Playwright's own Chromium when it is installed, else Debian's; undefined lets Playwright report the problem. */
export function chromiumExecutable(): string | undefined {
  if (process.env.NETRA_CHROMIUM_PATH) return process.env.NETRA_CHROMIUM_PATH;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // executablePath() throws when the bundled browser is unknown for this platform.
  }
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}
