import type { Request } from '@playwright/test';
import { expect, test } from '../fixtures';
import { expectChatSent, expectCriticalRun } from '../lib/checks/expect-run';
import { expectThreadCreatedFirst } from '../lib/checks/expect-thread-first';
import { frameTypes } from '../lib/recorder/frame-types';
import { expectWelcome } from '../lib/checks/expect-welcome';
import {
  REST_PATHS,
  STORAGE_KEYS,
  StartAgentFrameSchema,
  ThreadSchema,
  isWebSocketSafePrompt,
} from '../lib/protocol';
import { appCall } from '../lib/recorder/app-calls';
import { appAnswer } from '../lib/checks/matchers/to-answer-the-app';
import { deadlineOf } from '../lib/setup/deadlines';

// The real frontend routes prompts containing "test", "analyze", "optimize" or "process" over REST.
const PROMPT = 'Which model should answer short support questions?';

/** The calls the real frontend makes at start-up, as observed (method and path). */
const START_UP_CALLS = [
  `GET ${REST_PATHS.healthReady}`,
  `GET ${REST_PATHS.authConfig}`,
  `POST ${REST_PATHS.validateToken}`,
  `GET ${REST_PATHS.threads}`,
  `GET ${REST_PATHS.mcpConfig}`,
  `GET ${REST_PATHS.mcpServers}`,
  `GET ${REST_PATHS.mcpTools}`,
  `GET ${REST_PATHS.discoveryServices}`,
];
const ALWAYS_ON_CHAT = [
  'main-chat',
  'chat-sidebar',
  'thread-list',
  'new-chat-button',
  'message-textarea',
  'send-button',
];
const ABSENT_FROM_REAL_FRONTEND = ['chat-header', 'message-list'];
/** Frames that come and go on their own clock; the sequence check leaves them out. */
const CLOCK_FRAMES = new Set(['ping', 'pong', 'heartbeat']);

interface ApiCall {
  at: number;
  call: string;
  search: string;
}

const isApiCall = (request: Request) => ['fetch', 'xhr'].includes(request.resourceType());

test.describe('Frontend contract', () => {
  test('the chat makes the real frontend’s start-up calls; the first message creates its thread before start_agent, routes to /chat/<thread_id> and renders final_report', async ({
    chatPage,
    frames,
    session,
    target,
    journey,
  }) => {
    expect(isWebSocketSafePrompt(PROMPT), 'prompt stays on the WebSocket path').toBe(true);
    const { page } = chatPage;
    const { deadlines } = target;
    const calls: ApiCall[] = [];
    page.on('request', (request) => {
      if (!isApiCall(request)) return;
      const url = new URL(request.url());
      calls.push({ at: Date.now(), call: `${request.method()} ${url.pathname}`, search: url.search });
    });
    const indexOf = (call: string) => calls.findIndex((c) => c.call === call);
    // Each start-up call, awaited as the app makes it (some come after main-chat shows).
    const startUp = Promise.all(
      START_UP_CALLS.map((call) =>
        page
          .waitForRequest((r) => `${r.method()} ${new URL(r.url()).pathname}` === call, {
            timeout: deadlines.appReady,
          })
          .catch(() => call),
      ),
    );

    await chatPage.open();
    const welcome = await expectWelcome(frames, { userId: session.userId, deadlines });
    await expect(chatPage.mainChat).toBeVisible({ timeout: deadlines.appReady });

    await test.step('start-up: health, auth config, token validation, threads, MCP and discovery', async () => {
      const missing = (await startUp).filter((made) => typeof made === 'string');
      expect(missing, 'start-up calls the app never made within deadlines.appReady').toEqual([]);
      expect(
        indexOf(`GET ${REST_PATHS.healthReady}`),
        'health/ready comes before the thread API',
      ).toBeLessThan(indexOf(`GET ${REST_PATHS.threads}`));
      expect(calls[indexOf(`GET ${REST_PATHS.threads}`)]?.search).toBe('?limit=20&offset=0');
      const stored = await page.evaluate(
        (keys) =>
          [keys.accessToken, keys.refreshToken].map((key) => window.localStorage.getItem(key) !== null),
        STORAGE_KEYS,
      );
      expect(stored, 'localStorage holds jwt_token and refresh_token').toEqual([
        true,
        session.refreshToken !== undefined,
      ]);
    });

    await test.step('DOM hooks: present and absent as in the real frontend', async () => {
      for (const id of ALWAYS_ON_CHAT) await expect(page.getByTestId(id), `data-testid=${id}`).toBeVisible();
      for (const id of ABSENT_FROM_REAL_FRONTEND)
        await expect(page.getByTestId(id), `data-testid=${id} must not exist`).toHaveCount(0);
    });

    // The first message, typed into the empty chat: the app creates its thread over REST, then sends it.
    const created = appCall(page, 'POST', REST_PATHS.threads, deadlineOf(deadlines, 'firstEvent'));
    await expect(journey).toTakeInput({ phase: 'first message' });
    await chatPage.send(PROMPT);

    const sent = await test.step('start_agent leaves the page', () =>
      expectChatSent(frames, PROMPT, deadlines.firstEvent, welcome.seq));

    const { id: threadId } = await appAnswer(await created, ThreadSchema, {
      phase: 'first message',
      log: frames,
    });

    await test.step('POST /api/threads created the thread before the chat frame', () => {
      expectThreadCreatedFirst(frames, {
        sent,
        createdThreadId: threadId,
        postedAt: calls.find((c) => c.call === `POST ${REST_PATHS.threads}`)?.at,
      });
    });

    await test.step('start_agent carries user_request and context.source', () => {
      const frame = StartAgentFrameSchema.parse(sent.frame);
      expect(frame.payload.user_request).toBe(PROMPT);
      expect(frame.payload.context?.source).toBe('message_input');
    });

    // The run may be over by the time the route changes (the app creates, renames and reads the thread first):
    // that the page says "working" while it runs is P1-009's check.
    await test.step('the route is /chat/<thread_id>', async () => {
      await expect(page).toHaveURL(new URL(`/chat/${threadId}`, target.frontendUrl).toString(), {
        timeout: deadlines.newChat,
      });
    });

    const run = await test.step('the run streams its events', () =>
      expectCriticalRun(frames, { sent, welcome: welcome.frame, deadlines }));

    await test.step('frame sequence: welcome, start_agent, the run, final_report', () => {
      const sequence = frameTypes(frames, sent.socket, CLOCK_FRAMES);
      const chatAt = sequence.indexOf('start_agent');
      expect(sequence[0], 'the first frame on the socket: the welcome').toBe(welcome.frame.type);
      expect(sequence.slice(1, chatAt), 'no agent event before start_agent').not.toContain('agent_started');
      expect(sequence.slice(chatAt + 1)).toEqual(run.events.map((e) => e.type));
      expect(sequence.at(-1)).toBe('final_report');
    });

    await test.step('the answer is rendered from final_report and the run ends', async () => {
      await expect(journey).toShowAnswer(run);
      await expect(chatPage.processing).toBeHidden();
      await expect(page).toHaveURL(new URL(`/chat/${threadId}`, target.frontendUrl).toString());
    });

    await test.step('the first send also read and renamed the thread: GET and PUT /api/threads/<id>', () => {
      const threadCalls = calls.map((c) => c.call);
      expect(threadCalls).toContain(`GET ${REST_PATHS.threads}/${threadId}`);
      expect(threadCalls).toContain(`PUT ${REST_PATHS.threads}/${threadId}`);
    });
  });
});
