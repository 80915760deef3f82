import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import {
  base64UrlOfToken,
  mintAccessToken,
  mintExpiredToken,
  mintForgedToken,
  mintWrongIssuerToken,
  tokenFromSubprotocols,
  tokenSubprotocols,
  verifyAccessToken,
} from '../../lib/secrets/tokens';

const secret = 'unit-test-secret-0123456789abcdef';
const user = { userId: 'staging-e2e-user-001', email: 'e2e@example.com' };

test.describe('tokens', () => {
  test('mints HS256 access tokens with the E2E claims and a short life', async () => {
    const token = await mintAccessToken({ secret, ...user });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: user.userId,
      email: user.email,
      iss: 'netra-auth-service',
      type: 'access',
      permissions: ['read', 'write', 'e2e_test'],
      staging: true,
      e2e_test: true,
      test_environment: 'staging',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(30 * 60);
    expect(claims.jti).toEqual(expect.any(String));
    expect(await verifyAccessToken(token, secret)).toMatchObject({ ok: true });
  });

  test('expired, forged and wrong-issuer tokens are refused by verification', async () => {
    expect(await verifyAccessToken(await mintExpiredToken({ secret, ...user }), secret)).toMatchObject({
      ok: false,
    });
    expect(await verifyAccessToken(await mintForgedToken(user), secret)).toMatchObject({ ok: false });
    expect(await verifyAccessToken(await mintWrongIssuerToken({ secret, ...user }), secret)).toMatchObject({
      ok: false,
    });
  });

  test('subprotocols are ["jwt-auth", "jwt.<base64url>"] without padding, and round-trip', async () => {
    const token = await mintAccessToken({ secret, ...user });
    const [auth, carrier] = tokenSubprotocols(token);
    expect(auth).toBe('jwt-auth');
    expect(carrier).toBe(`jwt.${Buffer.from(token).toString('base64url')}`);
    expect(carrier).not.toContain('=');
    expect(tokenFromSubprotocols([auth, carrier])).toBe(token);
    expect(base64UrlOfToken('a?>')).toBe('YT8-');
  });
});
