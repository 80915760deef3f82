import type { Response } from '@playwright/test';
import { expect } from '../../../fixtures';
import { E2EFailure, type FailureDetail } from '../../../helpers/failure';
import { ThreadMessagesSchema, toSchemaIssues } from '../../../helpers/protocol';
import type { Journey } from './journeys';

export interface HistoryExpectation {
  threadId: string;
  /** Texts the thread's history must show, in this order when `ordered`. */
  texts: readonly string[];
  /** Texts of other threads that must not show. */
  absent?: readonly string[];
  ordered?: boolean;
  phase: string;
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

/** Fails naming what is missing or out of order in the history the app received. */
async function checkHistoryResponse(
  response: Response,
  journey: Journey,
  expectation: HistoryExpectation,
): Promise<void> {
  const endpoint = `GET ${new URL(response.url()).pathname}`;
  const fail = (detail: Omit<FailureDetail, 'phase'>) =>
    new E2EFailure({ ...detail, phase: expectation.phase }, journey.frames);
  if (!response.ok())
    throw fail({ verdict: 'protocol-drift', summary: `${endpoint} answered ${response.status()}` });
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = ThreadMessagesSchema.safeParse(body);
  if (!parsed.success)
    throw fail({
      verdict: 'protocol-drift',
      summary: `${endpoint} does not match the thread-history schema`,
      issues: toSchemaIssues(parsed.error, body),
    });
  const contents = parsed.data.messages.map((m) => m.content);
  const problems = missingOrMisordered(contents, expectation);
  if (problems.length)
    throw fail({
      verdict: 'protocol-drift',
      summary: `${endpoint} returned a history that ${problems.join('; ')}`,
      issues: [
        {
          path: 'messages[].content',
          expected: expectation.texts.map((t) => `"${t}"`).join(' then '),
          received: contents,
          message: 'thread history',
        },
      ],
    });
}

/**
 * After `reveal` (a reload, a click on the thread), the thread's history shows exactly what it should. The
 * history the app loads (`GET /api/threads/<id>/messages`, when the frontend uses it) is checked as it
 * arrives, so a lost or reordered history fails at once naming what is wrong; a frontend that loads history
 * another way is judged by what the page shows.
 */
export async function expectHistory(
  journey: Journey,
  expectation: HistoryExpectation,
  reveal: () => Promise<void>,
): Promise<void> {
  const { chatPage, target } = journey;
  const historyChecked = chatPage.page
    .waitForResponse((r) => new URL(r.url()).pathname === messagesPath(expectation.threadId), {
      timeout: target.deadlines.appReady,
    })
    .then(
      (response) => checkHistoryResponse(response, journey, expectation),
      () => undefined,
    );
  historyChecked.catch(() => undefined);
  /** Settles only if the history the app received is wrong. */
  const historyWrong = historyChecked.then(() => new Promise<never>(() => undefined));
  historyWrong.catch(() => undefined);
  try {
    await reveal();
    for (const text of expectation.texts)
      await Promise.race([
        expect(
          chatPage.conversationText(text).first(),
          `${expectation.phase}: the history shows "${text}"`,
        ).toBeVisible({ timeout: target.deadlines.appReady }),
        historyWrong,
      ]);
    for (const text of expectation.absent ?? [])
      await expect(
        chatPage.conversationText(text),
        `${expectation.phase}: another thread's "${text}"`,
      ).toHaveCount(0);
    if (expectation.ordered) {
      const conversation = await chatPage.mainChat.evaluate((chat) => {
        const copy = chat.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[data-testid="chat-sidebar"]').forEach((sidebar) => sidebar.remove());
        return copy.textContent;
      });
      const positions = expectation.texts.map((text) => conversation.indexOf(text));
      expect(positions, `${expectation.phase}: the page shows the history in order`).toEqual(
        [...positions].sort((a, b) => a - b),
      );
    }
  } catch (error) {
    // What the app received explains a wrong page best: report that first when it was wrong.
    await historyChecked;
    throw error;
  }
}
