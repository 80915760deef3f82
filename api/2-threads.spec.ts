import { expect, test } from '../fixtures/api';
import { REST_PATHS, ThreadListSchema, ThreadSchema } from '../lib/protocol';

test.describe('Backend contract: threads', () => {
  test('a thread round-trips through create, list, get and update for the E2E user', async ({
    api,
    target,
    session,
  }) => {
    const threadsUrl = `${target.apiUrl}${REST_PATHS.threads}`;
    const title = `E2E contract thread ${new Date().toISOString()}`;

    const created = await test.step('POST /api/threads creates it', async () => {
      const { body } = await api.call({
        method: 'POST',
        url: threadsUrl,
        data: { title },
        schema: ThreadSchema,
      });
      api.expectValue('POST /api/threads', { path: 'body.title', expected: title, received: body.title });
      return body;
    });

    const threadUrl = `${threadsUrl}/${encodeURIComponent(created.id)}`;

    await test.step('GET /api/threads lists it, and only this user’s threads', async () => {
      const endpoint = 'GET /api/threads?limit=20&offset=0';
      const { body } = await api.call({
        method: 'GET',
        url: `${threadsUrl}?limit=20&offset=0`,
        endpoint,
        schema: ThreadListSchema,
      });
      api.expectValue(endpoint, {
        path: 'body[].id',
        expected: true,
        received: body.some((t) => t.id === created.id),
        meaning: `a thread with id "${created.id}" (just created)`,
      });
      const foreign = body.find((t) => t.user_id !== undefined && t.user_id !== session.userId);
      api.expectValue(endpoint, {
        path: `body[${foreign ? body.indexOf(foreign) : 0}].user_id`,
        expected: undefined,
        received: foreign?.user_id,
        meaning: `"${session.userId}" (or absent) on every listed thread`,
      });
    });

    await test.step('GET /api/threads/<id> returns it', async () => {
      const { body } = await api.call({
        method: 'GET',
        url: threadUrl,
        endpoint: 'GET /api/threads/<id>',
        schema: ThreadSchema,
      });
      api.expectValue('GET /api/threads/<id>', { path: 'body.id', expected: created.id, received: body.id });
    });

    const renamed = `${title} (renamed)`;

    await test.step('PUT /api/threads/<id> renames it and GET shows the new title', async () => {
      const { body } = await api.call({
        method: 'PUT',
        url: threadUrl,
        endpoint: 'PUT /api/threads/<id>',
        data: { title: renamed },
        schema: ThreadSchema,
      });
      api.expectValue('PUT /api/threads/<id>', {
        path: 'body.title',
        expected: renamed,
        received: body.title,
      });
      const again = await api.call({
        method: 'GET',
        url: threadUrl,
        endpoint: 'GET /api/threads/<id>',
        schema: ThreadSchema,
      });
      expect(again.body.title, 'GET /api/threads/<id> body.title after the PUT').toBe(renamed);
    });
  });
});
