import { expect, test } from '@playwright/test';
import { Redactor } from '../../lib/secrets/redact';
import { base64UrlOfToken, mintAccessToken } from '../../lib/secrets/tokens';

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

test.describe('redaction of encoded credentials', () => {
  const secret = 'encoded-secret-with/+=&?chars-0123456789';

  test('the secret goes in raw, base64, base64url and percent-encoded form', () => {
    const r = new Redactor([secret]);
    const forms = [
      secret,
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      encodeURIComponent(secret),
    ];
    for (const form of forms) expect(r.text(`before ${form} after`), form).toBe('before [redacted] after');
  });

  test('a JWT in plain base64, or inside any base64 run, goes too', async () => {
    const token = await mintAccessToken({ secret, userId: 'u', email: 'u@example.com' });
    const r = new Redactor();
    const plain = Buffer.from(token).toString('base64');
    expect(r.text(`x ${plain} y`)).not.toContain(plain.slice(0, 30));
    expect(r.text(`glued${plain}`), 'glued to other base64 letters').not.toContain(plain.slice(0, 30));
    // A token in the middle of a JSON body that was then base64-encoded (an attachment body in a JSON report).
    const body = Buffer.from(JSON.stringify({ note: 'a', access_token: token })).toString('base64');
    expect(r.text(`"body": "${body}"`)).toBe('"body": "[redacted-base64]"');
    const harmless = Buffer.from(JSON.stringify({ note: 'nothing to see here, only a long enough body' }));
    expect(r.text(harmless.toString('base64')), 'base64 without a credential is left alone').toBe(
      harmless.toString('base64'),
    );
  });

  test('a ticket placeholder in a title is not a ticket', () => {
    expect(new Redactor().text('by ?ticket=<id> the ticket opens one socket')).toBe(
      'by ?ticket=<id> the ticket opens one socket',
    );
    expect(new Redactor().text('/ws?ticket=tkt_0123456789abcdef&x=1')).toBe('/ws?ticket=[redacted]&x=1');
  });
});
