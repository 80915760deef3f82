import type { E2ESession } from '../lib/secrets/tokens';
import type { TargetConfig } from '../lib/setup/config';
import { mintExpiredToken, mintForgedToken, mintWrongIssuerToken } from '../lib/secrets/tokens';
import { faultClaims, type FaultMode } from '../stand-in/contract';

export interface BadCredential {
  presented: string;
  token: () => Promise<string | undefined>;
}

/**
 * The credentials a socket must refuse: none at all, and (when the signing secret is known) an expired token,
 * a forged signature and the wrong issuer, each carrying this test's fault claim.
 */
export function badCredentials(
  target: TargetConfig,
  session: E2ESession,
  fault: FaultMode | undefined,
): { credentials: BadCredential[]; limitation?: string } {
  const user = {
    userId: session.userId,
    email: session.email,
    extraClaims: faultClaims(
      fault,
      target.auth.kind === 'secret' ? { secret: target.auth.secret, userId: session.userId } : undefined,
    ),
  };
  const none: BadCredential = { presented: 'no token at all', token: () => Promise.resolve(undefined) };
  if (target.auth.kind !== 'secret')
    return {
      credentials: [none],
      limitation:
        'only a pre-issued NETRA_E2E_TOKEN is configured: expired, forged and wrong-issuer tokens cannot be minted, so only the missing-token refusal is checked',
    };
  const { secret } = target.auth;
  return {
    credentials: [
      none,
      { presented: 'an expired token', token: () => mintExpiredToken({ ...user, secret }) },
      { presented: 'a token with a forged signature', token: () => mintForgedToken(user) },
      { presented: 'a token from the wrong issuer', token: () => mintWrongIssuerToken({ ...user, secret }) },
    ],
  };
}

/** A token the app must not accept at sign-in: expired when it can be minted, else not a JWT at all. */
export async function expiredSignIn(target: TargetConfig, session: E2ESession): Promise<string> {
  if (target.auth.kind !== 'secret') return 'not.a.token';
  return mintExpiredToken({ secret: target.auth.secret, userId: session.userId, email: session.email });
}
