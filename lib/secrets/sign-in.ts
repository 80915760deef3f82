import type { Page } from '@playwright/test';
import { STORAGE_KEYS } from '../protocol';
import { deliveryClaims, faultClaims, type DeliveryMode, type FaultMode } from '../../stand-in/contract';
import { mintAccessToken, type E2ESession } from './tokens';

/**
 * A fresh sign-in for a user: a 15-minute access token and a one-hour refresh token, both carrying the test's
 * stand-in fault and delivery claims (the fault's with the grant), so that a forged token is believed under `accept-forged-token`
 * (stand-in/faults/) and a fault reaches every user of the test.
 */
export async function mintSession(options: {
  secret: string;
  userId: string;
  email: string;
  fault: FaultMode | undefined;
  /** How the stand-in delivers this user's runs (a correct backend's way, never a fault); none: its default. */
  delivery?: DeliveryMode | undefined;
}): Promise<E2ESession> {
  const { secret, userId, email, fault } = options;
  const claims = { ...faultClaims(fault, { secret, userId }), ...deliveryClaims(options.delivery) };
  const mint = { secret, userId, email };
  const accessToken = await mintAccessToken({ ...mint, ttlSeconds: 15 * 60, extraClaims: claims });
  const refreshToken = await mintAccessToken({
    ...mint,
    ttlSeconds: 60 * 60,
    extraClaims: { ...claims, type: 'refresh' },
  });
  return { userId, email, accessToken, refreshToken };
}

/**
 * Signs `session` in on a page or a whole browser context: its tokens in localStorage before the app's first
 * script runs (a token the app already stored is kept).
 */
export async function addSignIn(
  where: { addInitScript: Page['addInitScript'] },
  session: E2ESession,
): Promise<void> {
  await where.addInitScript(
    ({ keys, access, refresh }) => {
      try {
        if (!window.localStorage.getItem(keys.accessToken))
          window.localStorage.setItem(keys.accessToken, access);
        if (refresh && !window.localStorage.getItem(keys.refreshToken))
          window.localStorage.setItem(keys.refreshToken, refresh);
      } catch {
        // about:blank and opaque origins have no localStorage.
      }
    },
    { keys: STORAGE_KEYS, access: session.accessToken, refresh: session.refreshToken ?? '' },
  );
}
