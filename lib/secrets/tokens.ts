import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import {
  AccessClaimsSchema,
  E2E_PERMISSIONS,
  TOKEN_ALGORITHM,
  TOKEN_ISSUER,
  TOKEN_LIFETIME_SECONDS,
  WS_AUTH_SUBPROTOCOL,
  WS_TOKEN_SUBPROTOCOL_PREFIX,
  type AccessClaims,
} from '../protocol';

export interface MintOptions {
  secret: string;
  userId: string;
  email: string;
  /** Seconds until expiry; negative mints an already-expired token. */
  ttlSeconds?: number;
  issuer?: string;
  /** Extra claims, e.g. the stand-in's `standin_fault`. */
  extraClaims?: Record<string, unknown>;
}

const encoder = new TextEncoder();

/** Mints a short-lived HS256 access token with the claims Netra's validators expect of an E2E user. */
export async function mintAccessToken(options: MintOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const ttl = options.ttlSeconds ?? TOKEN_LIFETIME_SECONDS;
  return new SignJWT({
    email: options.email,
    permissions: [...E2E_PERMISSIONS],
    type: 'access',
    staging: true,
    e2e_test: true,
    test_environment: 'staging',
    ...options.extraClaims,
  })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
    .setSubject(options.userId)
    .setIssuer(options.issuer ?? TOKEN_ISSUER)
    .setJti(randomUUID())
    .setIssuedAt(ttl < 0 ? now + ttl - 60 : now)
    .setExpirationTime(now + ttl)
    .sign(encoder.encode(options.secret));
}

export const mintExpiredToken = (o: Omit<MintOptions, 'ttlSeconds'>) =>
  mintAccessToken({ ...o, ttlSeconds: -120 });
export const mintWrongIssuerToken = (o: MintOptions) =>
  mintAccessToken({ ...o, issuer: 'not-netra-auth-service' });
/** Same claims, signed with a random secret: what a forged token looks like to the server. */
export const mintForgedToken = (o: Omit<MintOptions, 'secret'>) =>
  mintAccessToken({ ...o, secret: randomBytes(32).toString('hex') });

export function base64UrlOfToken(token: string): string {
  return Buffer.from(token, 'utf8').toString('base64url');
}

/** The browser's WebSocket subprotocol list: `["jwt-auth", "jwt.<base64url(token)>"]`, no padding. */
export function tokenSubprotocols(token: string): [string, string] {
  return [WS_AUTH_SUBPROTOCOL, `${WS_TOKEN_SUBPROTOCOL_PREFIX}${base64UrlOfToken(token)}`];
}

/** Recovers the token from the subprotocol header the browser sent, or undefined. */
export function tokenFromSubprotocols(protocols: readonly string[]): string | undefined {
  const carrier = protocols.find((p) => p.startsWith(WS_TOKEN_SUBPROTOCOL_PREFIX));
  if (!carrier) return undefined;
  return Buffer.from(carrier.slice(WS_TOKEN_SUBPROTOCOL_PREFIX.length), 'base64url').toString('utf8');
}

/** Reads claims without verifying: for a pre-issued token whose secret the suite does not hold. */
export function readClaims(token: string): AccessClaims {
  return AccessClaimsSchema.parse(decodeJwt(token));
}

export type VerifyResult =
  { ok: true; claims: AccessClaims & Record<string, unknown> } | { ok: false; reason: string };

/** Verifies signature, algorithm, issuer, expiry and the required claims, as Netra's auth does. */
export async function verifyAccessToken(token: string, secret: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      requiredClaims: ['sub', 'email', 'exp', 'iat'],
    });
    const claims = AccessClaimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: `claims: ${claims.error.message}` };
    return { ok: true, claims: { ...payload, ...claims.data } };
  } catch (error) {
    return {
      ok: false,
      reason:
        error instanceof Error ? ((error as Error & { code?: string }).code ?? error.message) : 'invalid',
    };
  }
}

/** A signed-in user as a test holds it: who, and the tokens the app keeps. */
/** An E2E user's address: `<userId>@staging.netrasystems.ai`. */
export const e2eEmail = (userId: string): string => `${userId}@staging.netrasystems.ai`;

/** The next user id of the same family: a trailing number is incremented, otherwise `-peer` is added. */
export function peerOf(userId: string): string {
  const match = /^(.*?)(\d+)$/.exec(userId);
  if (!match) return `${userId}-peer`;
  const [, stem = '', digits = ''] = match;
  return `${stem}${String(Number(digits) + 1).padStart(digits.length, '0')}`;
}

export interface E2ESession {
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string | undefined;
}
