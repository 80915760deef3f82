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
    const foreign = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4eHh4eCJ9.c2lnbmF0dXJlLXBhcnQ';
    expect(new Redactor().text(`token ${foreign} end`)).toBe('token [redacted-jwt] end');
  });
});
