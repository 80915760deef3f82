import { expect, test } from '@playwright/test';
import { Redactor } from '../../helpers/redact';
import { base64UrlOfToken, mintAccessToken } from '../../helpers/tokens';

test.describe('redaction', () => {
  test('removes tokens, their base64url form, the secret, bearer headers and tickets', async () => {
    const secret = 'redaction-secret-0123456789';
    const token = await mintAccessToken({ secret, userId: 'u', email: 'u@example.com' });
    const r = new Redactor([token, secret]);
    const text = [
      `Sec-WebSocket-Protocol: jwt-auth, jwt.${base64UrlOfToken(token)}`,
      `Authorization: Bearer ${token}`,
      `ws://127.0.0.1:1/ws?ticket=tkt_abcdef0123456789`,
      `secret=${secret}`,
      `raw ${token}`,
    ].join('\n');
    const out = r.text(text);
    for (const leaked of [token, base64UrlOfToken(token), secret, 'tkt_abcdef0123456789'])
      expect(out).not.toContain(leaked);
    expect(out).toContain('jwt-auth');
    expect(out).toContain('Bearer [redacted]');
  });

  test('redacts unknown JWT-shaped strings too', () => {
    // Built at run time: a JWT-shaped string the redactor has never been told about.
    const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
    const foreign = `${part({ alg: 'HS256' })}.${part({ sub: 'xxxxx' })}.${part({ sig: 'not-a-real-signature' })}`;
    expect(new Redactor().text(`token ${foreign} end`)).toBe('token [redacted-jwt] end');
  });
});
