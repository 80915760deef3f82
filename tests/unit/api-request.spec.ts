import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ApiRequest, ApiRequestError } from '../../lib/clients/api-request';
import { Redactor } from '../../lib/secrets/redact';
import { mintAccessToken } from '../../lib/secrets/tokens';

/** A loopback port nothing listens on: a request there fails at once, with Playwright's call log. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The error a promise rejects with; undefined when it resolves. */
const rejection = (promise: Promise<unknown>): Promise<Error | undefined> =>
  promise.then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
  );

test.describe('API checks go through one request path that keeps credentials out of errors', () => {
  let token = '';

  test.beforeAll(async () => {
    token = await mintAccessToken({
      secret: 'api-request-unit-secret-0123456789abcdef',
      userId: 'u',
      email: 'u@e.com',
    });
  });

  test("Playwright's own error prints the Bearer header: why the path exists", async ({ request }) => {
    const url = `http://127.0.0.1:${await closedPort()}/health/ready`;
    const error = await rejection(
      request.get(url, { headers: { authorization: `Bearer ${token}` }, timeout: 3_000 }),
    );
    expect(error?.message).toContain(`authorization: Bearer ${token}`);
  });

  test('ApiRequest names method and URL, keeps the call log, and drops every header and the token', async ({
    request,
  }) => {
    const url = `http://127.0.0.1:${await closedPort()}/api/threads`;
    const api = new ApiRequest(request, new Redactor([token]));
    const error = await rejection(
      api.post(url, { headers: { authorization: `Bearer ${token}` }, data: { token }, timeout: 3_000 }),
    );
    expect(error).toBeInstanceOf(ApiRequestError);
    const message = error?.message ?? '';
    expect(message.split('\n')[0]).toMatch(
      new RegExp(`^POST ${url.replace(/[.?]/g, '\\$&')}: connect ECONNREFUSED`),
    );
    expect(message).toContain('Call log (headers withheld):');
    expect(message).toContain(`→ POST ${url}`);
    expect(message).not.toContain(token);
    expect(message).not.toMatch(/authorization|user-agent/i);
    expect(error?.cause, 'no cause carrying the original error').toBeUndefined();
  });

  test('a request that gets an answer returns it untouched', async ({ request }) => {
    const server: Server = createServer((req, res) => res.end(req.headers.authorization ?? 'none'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await new ApiRequest(request, new Redactor()).get(`http://127.0.0.1:${port}/`, {
        headers: { authorization: 'Bearer abc' },
      });
      expect(response.status()).toBe(200);
      expect(await response.text()).toBe('Bearer abc');
    } finally {
      server.close();
    }
  });
});
