import type { ExpectMatcherState, Locator, MatcherReturnType, Response } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import { deadlineOf } from '../../setup/deadlines';
import { E2EFailure } from '../failure';
import { ThreadMessagesSchema } from '../../protocol';
import { appCall } from '../../recorder/app-calls';
import { judgeAsync } from './judge';
import { wherePageIs } from '../../pages/routes';
import { appAnswer } from './to-answer-the-app';

export interface HistoryExpectation {
  threadId: string;
  /** Texts the thread's history must show, in this order when `ordered`. */
  texts: readonly string[];
  /** Texts of other threads that must not show. */
  absent?: readonly string[];
  ordered?: boolean;
  phase: string;
  /** The thread the user left to see this one: a page back on it says so (the real app's switch-back). */
  leftThreadId?: string;
}

const messagesPath = (threadId: string) => `/api/threads/${threadId}/messages`;

function missingOrMisordered(contents: readonly string[], expectation: HistoryExpectation): string[] {
  const problems: string[] = [];
  // An answer may quote the question: an exact message wins over one that merely contains the text.
  const positionOf = (text: string) => {
    const exact = contents.indexOf(text);
    return exact >= 0 ? exact : contents.findIndex((c) => c.includes(text));
  };
  const positions = expectation.texts.map(positionOf);
  expectation.texts.forEach((text, i) => {
    if ((positions[i] ?? -1) < 0) problems.push(`"${text}" is missing`);
  });
  for (const text of expectation.absent ?? [])
    if (contents.some((c) => c.includes(text))) problems.push(`"${text}" (another thread) is listed`);
  if (expectation.ordered && problems.length === 0) {
    positions.slice(1).forEach((position, i) => {
      if (position < (positions[i] ?? 0))
        problems.push(`"${expectation.texts[i + 1] ?? ''}" comes before "${expectation.texts[i] ?? ''}"`);
    });
  }
  return problems;
}

/** Fails naming what is missing or out of order in the history the app received (2xx, schema-checked first). */
async function checkHistoryResponse(
  response: Response,
  journey: Journey,
  expectation: HistoryExpectation,
): Promise<void> {
  const history = await appAnswer(response, ThreadMessagesSchema, {
    phase: expectation.phase,
    log: journey.frames,
  });
  const contents = history.messages.map((m) => m.content);
  const problems = missingOrMisordered(contents, expectation);
  if (problems.length)
    throw new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase: expectation.phase,
        summary: `GET ${new URL(response.url()).pathname} returned a history that ${problems.join('; ')}`,
        issues: [
          {
            path: 'messages[].content',
            expected: expectation.texts.map((t) => `"${t}"`).join(' then '),
            received: contents,
            message: 'thread history',
          },
        ],
      },
      journey.frames,
    );
}

/**
 * After `reveal` (a reload, a click on the thread), the thread's history shows exactly what it should. The
 * app must load it (`GET /api/threads/<id>/messages`, as the real frontend does); what it received is checked
 * first, so a lost or reordered history fails naming what is wrong, then what the page shows.
 */
async function checkHistory(
  journey: Journey,
  expectation: HistoryExpectation,
  reveal: () => Promise<unknown>,
): Promise<void> {
  const { chatPage, frames, target } = journey;
  const path = messagesPath(expectation.threadId);
  const loaded = appCall(chatPage.page, 'GET', path, deadlineOf(target.deadlines, 'appReady'));
  loaded.catch(() => undefined);
  await reveal();
  const response = await loaded.catch(() => {
    throw new E2EFailure(
      {
        verdict: 'ui-broken',
        phase: expectation.phase,
        summary: `the app never loaded the thread's history: no GET ${path} within deadlines.appReady (${target.deadlines.appReady} ms)`,
      },
      frames,
    );
  });
  await checkHistoryResponse(response, journey, expectation);
  await checkHistoryShown(journey, expectation);
}

/** True once the locator is in `state` within `ms`; false when the deadline passed first. */
const settles = (locator: Locator, state: 'visible' | 'detached', ms: number): Promise<boolean> =>
  locator.waitFor({ state, timeout: ms }).then(
    () => true,
    () => false,
  );

/** What the page shows of the history: each text, no other thread's, in order; a failure says where the page is. */
async function checkHistoryShown(journey: Journey, expectation: HistoryExpectation): Promise<void> {
  const { chatPage, frames, target } = journey;
  const { phase, threadId } = expectation;
  const fail = (summary: string) =>
    new E2EFailure(
      {
        verdict: 'ui-broken',
        phase,
        summary: `${summary}; ${wherePageIs(chatPage.page, expectation.leftThreadId)}`,
      },
      frames,
    );
  const appReady = target.deadlines.appReady;
  for (const text of expectation.texts)
    if (!(await settles(chatPage.message(text).first(), 'visible', appReady)))
      throw fail(
        `the page never showed "${text}" of thread ${threadId} within deadlines.appReady (${appReady} ms)`,
      );
  for (const text of expectation.absent ?? [])
    if (!(await settles(chatPage.message(text).first(), 'detached', appReady)))
      throw fail(`the page shows "${text}" of another thread beside thread ${threadId}`);
  if (expectation.ordered) {
    const conversation = await chatPage.mainChat.innerText();
    const positions = expectation.texts.map((text) => conversation.indexOf(text));
    if (positions.some((p, i) => i > 0 && p < (positions[i - 1] ?? 0)))
      throw fail(
        `the page shows the history of thread ${threadId} out of order: ${expectation.texts.map((t) => `"${t}"`).join(' then ')} expected`,
      );
  }
}

/**
 * `await expect(journey).toShowHistory(expectation, reveal)`: runs `reveal` (the user's action that shows the
 * thread) and holds the history the app loaded, then the page, to `expectation`. Each failure is `[verdict]
 * phase "<phase>": …`, a page failure saying where the page is (back on the thread the user left, or elsewhere).
 */
export function toShowHistory(
  this: ExpectMatcherState,
  journey: Journey,
  expectation: HistoryExpectation,
  reveal: () => Promise<unknown>,
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toShowHistory', () => checkHistory(journey, expectation, reveal));
}
