import { expect, test } from '../../fixtures';
import { deadlineOf } from '../../lib/setup/deadlines';
import { expectWelcome } from '../../lib/checks/expect-welcome';
import {
  REST_PATHS,
  STORAGE_KEYS,
  ValidateTokenResponseSchema,
  WS_MESSAGE_RATE_LIMIT,
  WS_RATE_LIMIT_PROBE_BURST,
} from '../../lib/protocol';
import { SocketCutter } from '../../lib/recorder/socket-cut';
import { appCall } from '../../lib/recorder/app-calls';
import { appAnswer } from '../../lib/checks/matchers/to-answer-the-app';
import { chatJourney, runChat } from '../../flows/chat-run';
import { openWelcomedProbe } from '../../flows/probe-socket';
import { uniquePrompt } from '../../flows/prompt';
import { openNewThread, threadOf, threadRoute } from '../../flows/threads';

/** P1-017 to P1-021 of the seed suite: many users, abuse, and a connection or session that has to recover. */
test.describe('P1 Scale and resilience', () => {
  test(
    'P1-017 several users chatting at once all get their own complete run',
    { tag: '@p1' },
    async ({ users }) => {
      const USERS = 3;
      const ids = users.userIds(USERS);
      test.info().annotations.push({
        type: users.canMintUsers ? 'users' : 'limitation',
        description: users.canMintUsers
          ? ids.join(', ')
          : 'only a pre-issued NETRA_E2E_TOKEN is configured: three browser contexts of the same user',
      });
      const pages = await Promise.all(ids.map(async (id) => users.open(await users.sessionFor(id))));

      const runs = await test.step(`${USERS} users open the chat and send at the same time`, () =>
        Promise.all(
          pages.map((user, i) => chatJourney(user, uniquePrompt(`User ${i + 1} asks about their bill`))),
        ));

      // Each user's welcome named that user: openChat's welcome waiter holds it to the user's id.
      const runIds = runs.map((r) => r.run.runId);
      expect(new Set(runIds).size, `one run per user: ${runIds.join(', ')}`).toBe(USERS);
    },
  );

  test(
    'P1-018 a burst past the per-connection rate limit is answered with a clear rate-limit error, not silence',
    { tag: '@p1' },
    async ({ frames, session, target, journey }) => {
      const { messages, windowMs } = WS_MESSAGE_RATE_LIMIT;
      test.info().annotations.push({
        type: 'decision',
        description: `The UI never lets a user burst (the input is disabled while a run works), so ${WS_RATE_LIMIT_PROBE_BURST} switch_thread frames, which start no agent run, go out at once on a socket the test opens in the page with the user's own token: past the backend's ${messages} messages per ${windowMs / 1000} s (60–120 in the protocol notes). The user's own chat on the page's socket must still work.`,
      });
      const deadline = deadlineOf(target.deadlines, 'apiCall');
      await openNewThread(journey);
      const probe = await openWelcomedProbe(journey, session.accessToken, deadline);
      const fromSeq = frames.frames.length;

      await test.step(`${WS_RATE_LIMIT_PROBE_BURST} frames in one burst`, async () => {
        await probe.sendBurst(
          Array.from({ length: WS_RATE_LIMIT_PROBE_BURST }, (_, i) =>
            JSON.stringify({ type: 'switch_thread', payload: { thread_id: `thread_rate_probe_${i + 1}` } }),
          ),
        );
      });

      // The answer must say what happened: toBeRateLimited holds its message to be more than blank.
      await test.step('the server says the socket is rate limited', () =>
        expect(probe).toBeRateLimited(frames, { fromSeq, burst: WS_RATE_LIMIT_PROBE_BURST, deadline }));

      await test.step('the limit is per connection: the user’s own chat still runs', async () => {
        await runChat(journey, uniquePrompt('After the burst, what did I spend today?'));
      });
    },
  );

  test(
    'P1-019 malformed, unknown, oversized and path-traversal input gets a clear error and everything survives',
    { tag: '@p1' },
    async ({ frames, session, target, apiRequest, journey }) => {
      test.info().annotations.push({
        type: 'decision',
        description:
          'An unknown message type may be answered by an ack that names it (Netra’s backend acknowledges a type it does not route: {"type":"ack","received_type":…}) instead of an error frame: both are a clear answer. Malformed JSON and a known type with a bad payload must get an error frame; an oversized frame an error or close code 1009.',
      });
      const deadline = deadlineOf(target.deadlines, 'apiCall');
      const { welcome } = await openNewThread(journey);
      const maxBytes = welcome.frame.data.config.max_message_size;
      const probe = await openWelcomedProbe(journey, session.accessToken, deadline);

      const unknownType = 'definitely_not_a_message_type';
      const inputs = [
        { label: 'malformed JSON', text: '{"type": "start_agent", "payload": ' },
        {
          label: 'an unknown message type',
          text: JSON.stringify({ type: unknownType, payload: {} }),
          ackOf: unknownType,
        },
        {
          label: `an oversized frame (${maxBytes + 1024} bytes > max_message_size ${maxBytes})`,
          text: JSON.stringify({ type: 'user_message', payload: { content: 'x'.repeat(maxBytes + 1024) } }),
          closeAllowed: true,
        },
      ];
      // The waiter accepts only the answers each input allows (an ack must name the unknown type).
      for (const input of inputs) {
        await test.step(`${input.label}: a clear answer, and the connection survives`, async () => {
          const fromSeq = frames.frames.length;
          await probe.send(input.text);
          await expect(probe).toAnswerBadInput(frames, {
            ...input,
            fromSeq,
            input: input.label,
            deadline,
          });
        });
      }

      await test.step('path-traversal URLs are refused and the server stays healthy', async () => {
        const traversals = [
          `${target.apiUrl}/api/threads/..%2F..%2F..%2Fetc%2Fpasswd/messages`,
          `${target.apiUrl}/api/../../../../etc/passwd`,
          `${target.frontendUrl}/..%2F..%2F..%2Fetc%2Fpasswd`,
        ];
        for (const url of traversals) {
          const response = await apiRequest.get(url, {
            headers: { authorization: `Bearer ${session.accessToken}` },
            timeout: target.deadlines.apiCall,
            maxRedirects: 0,
          });
          expect([400, 403, 404], `GET ${url} is refused with 400/403/404`).toContain(response.status());
          expect(await response.text(), `GET ${url} leaks no file`).not.toMatch(/root:.*:0:0:/);
        }
        const health = await apiRequest.get(`${target.apiUrl}${REST_PATHS.healthReady}`, {
          timeout: target.deadlines.apiCall,
        });
        expect(health.status(), 'the backend is still ready').toBe(200);
      });

      await runChat(journey, uniquePrompt('After the bad input, which model is cheapest?'), { welcome });
    },
  );

  test(
    'P1-020 when the connection drops the page reconnects, gets a fresh welcome and keeps chatting',
    { tag: '@p1' },
    async ({ chatPage, frames, session, target, journey }) => {
      test.info().annotations.push({
        type: 'decision',
        description:
          'The test itself cuts the page’s socket (Playwright routes the page’s WebSocket through the test to the real server and closes it with 1012, as a redeploy would): no server control, the same on any deployment.',
      });
      const cutter = await SocketCutter.install(chatPage.page, frames, target.wsUrl);
      const { welcome: first } = await openNewThread(journey);
      const dropped = first.frame.data.connection_id;

      await test.step(`the connection ${dropped} drops`, async () => {
        await cutter.cut(first.socket);
      });

      const again = await test.step('a new socket opens and the first frame on it is a fresh welcome', () =>
        expectWelcome(frames, {
          userId: session.userId,
          deadlines: target.deadlines,
          socket: first.socket + 1,
        }));

      expect(again).toBeNewConnection(dropped, frames);

      const { sent } = await runChat(journey, uniquePrompt('After the reconnect, what is my top cost?'));
      expect(sent.socket, 'the chat went over the new socket').toBe(again.socket);
    },
  );

  test(
    'P1-021 a signed-in session survives a reload: same user, same thread, no sign-in page',
    { tag: '@p1' },
    async ({ chatPage, frames, session, target, journey }) => {
      const prompt = uniquePrompt('Remember my budget for this month');
      const { welcome, sent } = await chatJourney(journey, prompt);
      const threadId = threadOf(sent);
      const validation = appCall(
        chatPage.page,
        'POST',
        REST_PATHS.validateToken,
        deadlineOf(target.deadlines, 'appReady'),
      );
      await chatPage.page.reload();

      await test.step('the app still accepts the sign-in after the reload', async () => {
        const user = await appAnswer(await validation, ValidateTokenResponseSchema, {
          phase: 'session after reload',
          log: frames,
        });
        expect(user.valid).toBe(true);
        expect(user.user_id, 'the same user').toBe(session.userId);
      });

      // The welcome waiter holds the new welcome to this user's id.
      await expectWelcome(frames, {
        userId: session.userId,
        deadlines: target.deadlines,
        socket: welcome.socket + 1,
      });
      await expect(chatPage.mainChat, 'the chat, not the sign-in page').toBeVisible({
        timeout: target.deadlines.appReady,
      });
      await expect(chatPage.page).toHaveURL(threadRoute(threadId));
      await expect(chatPage.message(prompt).first(), 'the thread is back').toBeVisible();
      const stored = await chatPage.page.evaluate(
        (key) => window.localStorage.getItem(key),
        STORAGE_KEYS.accessToken,
      );
      expect(stored, 'the sign-in is still stored').toBeTruthy();
    },
  );
});
