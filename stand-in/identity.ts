import { createHash } from 'node:crypto';

/** Lets a run check that the stand-in on its port is its own (same secret) without revealing the secret. */
export const IDENTITY_PATH = '/__standin/identity';

export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(`netra-stand-in:${secret}`).digest('hex').slice(0, 16);
}
