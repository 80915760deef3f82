import { expect, test } from '../../fixtures';
import { deadlineOf } from '../../lib/setup/deadlines';
import { expectCriticalRun, expectRunStarted } from '../../lib/checks/expect-run';
import {
  AuthConfigSchema,
  DISCOVERY_TOLERATED_STATUSES,
  HealthReadySchema,
  McpConfigSchema,
  McpServersSchema,
  McpToolsSchema,
  REST_PATHS,
  eventsOfType,
  timestampMs,
} from '../../lib/protocol';
import { appCall } from '../../lib/recorder/app-calls';
import { arrivalsAfter } from '../../lib/recorder/arrivals';
import { chatJourney, runChat, sendChat, type ChatRun } from '../../flows/chat-run';
import { openChat } from '../../flows/open-chat';
import { uniquePrompt } from '../../flows/prompt';
import { startTextTimeline } from '../../lib/recorder/text-timeline';
import { openNewThread } from '../../flows/threads';

/** P1-005 to P1-011 of the seed suite (P1-007 is e2e/agent-events.spec.ts): agents and tools, as the chat runs them. */
test.describe('P1 Agent', () => {
  test(
    'P1-005 the app discovers its tools and services at start-up and the run names its agent and tools',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      test.info().annotations.push({
        type: 'decision',
        description:
          'The seed test accepted 200 or 404 from every discovery endpoint. The app calls /api/mcp/config, /servers and /tools at start-up and needs them: they must answer 2xx with their schemas. Only /api/discovery/services is 404 on the real backend and tolerated by the app.',
      });
      const deadline = deadlineOf(target.deadlines, 'appReady');
      const { page } = chatPage;
      const discovery = [
        { path: REST_PATHS.mcpConfig, schema: McpConfigSchema },
        { path: REST_PATHS.mcpServers, schema: McpServersSchema },
        { path: REST_PATHS.mcpTools, schema: McpToolsSchema },
      ].map((call) => ({ ...call, response: appCall(page, 'GET', call.path, deadline) }));
      const services = appCall(page, 'GET', REST_PATHS.discoveryServices, deadline);
      await openNewThread(journey);

      for (const call of discovery) {
        await test.step(`GET ${call.path} answers the app with its schema`, async () => {
          await expect(await call.response).toAnswerTheApp(call.schema, { phase: 'discovery', log: frames });
        });
      }
      expect(
        DISCOVERY_TOLERATED_STATUSES as readonly number[],
        'GET /api/discovery/services: 2xx or the 404 the app tolerates',
      ).toContain((await services).status());

      const { run } = await test.step('a run names the agent and each tool it uses', async () => {
        const sent = await sendChat(journey, uniquePrompt('Which agents can review my model spend?'));
        return { run: await expectCriticalRun(frames, { sent, deadlines: target.deadlines }) };
      });

      // Every event names its agent (the schema demands agent_name); the run must also name a tool.
      const tools = eventsOfType(run.events, 'tool_executing').map((e) => e.payload.tool_name);
      expect(tools.length, 'the run used at least one named tool').toBeGreaterThan(0);
    },
  );

  test(
    'P1-006 the app’s configuration is served and honoured: health, auth config, welcome limits, input limit',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      const deadline = deadlineOf(target.deadlines, 'appReady');
      const health = appCall(chatPage.page, 'GET', REST_PATHS.healthReady, deadline);
      const authConfig = appCall(chatPage.page, 'GET', REST_PATHS.authConfig, deadline);
      // The welcome's limits are held to their sane bounds by the welcome waiter.
      await openChat(journey);

      await test.step('health and auth configuration answer the app with their schemas', async () => {
        const phase = { phase: 'configuration', log: frames };
        await expect(await health).toAnswerTheApp(HealthReadySchema, phase);
        await expect(await authConfig).toAnswerTheApp(AuthConfigSchema, phase);
      });

      await test.step('the input counts characters past 8,000 of its 10,000 limit', async () => {
        await expect(chatPage.characterCount, 'no counter for a short message').toBeHidden();
        await chatPage.messageInput.fill('x'.repeat(8_001));
        await expect(chatPage.characterCount, 'the counter shows past 8,000 characters').toBeVisible();
        await expect(chatPage.characterCount).toContainText(/8,?001/);
      });
    },
  );

  test(
    'P1-008 a run streams: its events reach the page one by one, not in one batch at the end',
    { tag: '@p1' },
    async ({ frames, journey }) => {
      // Judged on the frames before the answer on the page: the real app cannot render a batched run at all.
      const streamed = ({ sent, run }: ChatRun) =>
        test.step('the events were emitted and arrived spread over the run, with rising timestamps', () => {
          const arrivals = arrivalsAfter(frames, sent).filter(
            (a) => a.event.run_id === run.runId || a.event.type === 'final_report',
          );
          const stamps = arrivals.map((a) => timestampMs(a.event.timestamp));
          expect(stamps, 'server timestamps never go back').toEqual([...stamps].sort((x, y) => x - y));
          expect(frames).toHaveStreamed(arrivals);
        });
      await chatJourney(journey, uniquePrompt('Summarise my model usage by route'), {
        beforeAnswer: streamed,
      });
    },
  );

  test(
    'P1-009 while the agent works the page says so, and stops saying so when the answer arrives',
    { tag: '@p1' },
    async ({ chatPage, frames, target, journey }) => {
      await openNewThread(journey);
      const sent = await sendChat(journey, uniquePrompt('Estimate my monthly savings from caching'));
      const run = expectCriticalRun(frames, { sent, deadlines: target.deadlines });
      run.catch(() => undefined);

      await test.step('once the agent has started, the page shows it is processing', async () => {
        await expectRunStarted(frames, {
          ...sent,
          phase: 'status',
          deadline: deadlineOf(target.deadlines, 'firstEvent'),
        });
        await expect(
          chatPage.processing,
          'status: agent-processing is shown while the agent works',
        ).toBeVisible({
          timeout: target.deadlines.firstEvent,
        });
        await expect(chatPage.processing).toContainText(/Processing/i);
        await expect(chatPage.messageInput, 'status: the input waits for the agent').toBeDisabled();
      });

      await test.step('with the answer shown, the status is gone and the input takes a message again', async () => {
        await expect(journey).toShowAnswer(await run);
        await expect(chatPage.processing, 'status: agent-processing is gone with the answer').toBeHidden();
        await expect(journey).toTakeInput({ phase: 'status' });
      });
    },
  );

  test(
    'P1-010 every tool the agent runs is announced, completed with a result, and shown to the user',
    { tag: '@p1' },
    async ({ chatPage, journey }) => {
      const { welcome } = await openNewThread(journey);
      await startTextTimeline(chatPage.page);
      const { run } = await runChat(journey, uniquePrompt('Which tools can price my model calls?'), {
        welcome,
      });
      const completed = eventsOfType(run.events, 'tool_completed');
      expect(completed.length, 'the run completed a tool').toBeGreaterThan(0);
      for (const done of completed) {
        expect(done.payload.result, `${done.payload.tool_name} returned a result`).not.toBeNull();
        expect(done.payload.result, `${done.payload.tool_name} returned a result`).toBeDefined();
      }
      // The real response card drops a tool on tool_completed and collapses after the run: the page is
      // judged by what it showed while the run worked.
      await expect(journey).toHaveShownWhileRunning({
        phase: 'tool progress',
        texts: completed.map((e) => e.payload.tool_name),
        what: 'tool',
      });
    },
  );

  test(
    'P1-011 time to first event and to the answer stay within budget and are attached to the report',
    { tag: '@p1' },
    async ({ frames, target, journey }) => {
      const { budgets } = target;
      const { welcome, sent, run } = await chatJourney(
        journey,
        uniquePrompt('How fast can I cut my model bill?'),
      );
      const answerShownMs = Date.now() - (sent.sentAt + run.completedMs);
      const socket = frames.sockets[welcome.socket - 1];
      const timings = {
        welcomeMs: welcome.receivedAt - (socket?.openedAt ?? welcome.receivedAt),
        firstEventMs: run.firstEventMs,
        runCompleteMs: run.completedMs,
        answerShownMs,
        budgets,
      };
      await test.info().attach('p1-011-timings.json', {
        body: JSON.stringify(timings, null, 2),
        contentType: 'application/json',
      });
      test.info().annotations.push({
        type: 'latency',
        description: `welcome ${timings.welcomeMs} ms, first event ${run.firstEventMs} ms, final_report ${run.completedMs} ms after send, answer shown ${answerShownMs} ms later`,
      });
      // The deadlines only stop a wait from hanging; the budgets are what a user should get.
      expect(timings).toBeWithinBudgets(budgets, frames);
      expect(run.firstEventMs, 'the first event precedes the answer').toBeLessThan(run.completedMs);
    },
  );
});
