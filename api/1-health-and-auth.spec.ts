import { expect, test } from '../fixtures/api';
import { expectTokenRejected } from '../lib/checks/expect-token-rejected';
import {
  AuthConfigSchema,
  HealthReadySchema,
  REST_PATHS,
  ValidateTokenResponseSchema,
} from '../lib/protocol';

test.describe('Backend contract: health and auth', () => {
  test('GET /health/ready answers 2xx, so the frontend may call the thread API', async ({ api, target }) => {
    const { status } = await api.call({
      method: 'GET',
      url: `${target.apiUrl}${REST_PATHS.healthReady}`,
      schema: HealthReadySchema,
    });
    expect(status).toBeLessThan(300);
  });

  test('GET /auth/config answers the three fields the frontend reads', async ({ api, target }) => {
    const { body } = await api.call({
      method: 'GET',
      url: `${target.authUrl}${REST_PATHS.authConfig}`,
      schema: AuthConfigSchema,
    });
    expect(body).toMatchSchema(AuthConfigSchema);
  });

  test('token validation accepts a minted token and rejects forged, expired and wrong-issuer ones', async ({
    api,
    badTokens,
    target,
    session,
  }) => {
    const url = `${target.authUrl}${REST_PATHS.validateToken}`;
    const endpoint = `POST ${REST_PATHS.validateToken}`;

    await test.step('the session token is valid and names its user', async () => {
      const { body } = await api.call({
        method: 'POST',
        url,
        data: { token: session.accessToken },
        schema: ValidateTokenResponseSchema,
      });
      api.expectValue(endpoint, { path: 'body.valid', expected: true, received: body.valid });
      api.expectValue(endpoint, {
        path: 'body.user_id',
        expected: session.userId,
        received: body.user_id,
        meaning: `the token's sub "${session.userId}"`,
      });
      api.expectValue(endpoint, { path: 'body.user.id', expected: session.userId, received: body.user.id });
    });

    for (const { presented, token } of badTokens) {
      await test.step(`${presented} is refused`, () => expectTokenRejected(api, { url, token, presented }));
    }
  });
});
