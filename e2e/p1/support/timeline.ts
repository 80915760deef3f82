import type { BrowserContext, Locator, Page, Response } from '@playwright/test';
import type { NamedDeadline } from '../../../helpers/deadlines';
import { E2EFailure } from '../../../helpers/failure';
import type { FrameLog } from '../../../helpers/frame-log';

/** When a text first appeared in the page (epoch ms, the page's clock). */
export interface TextAppearance {
  text: string;
  at: number;
}

declare global {
  interface Window {
    __netraTextTimeline?: TextAppearance[];
  }
}

/** In the page: records when each piece of text appears (added nodes and changed text). */
function observeText(): void {
  if (window.__netraTextTimeline) return;
  const timeline: TextAppearance[] = [];
  window.__netraTextTimeline = timeline;
  const note = (node: Node) => {
    const text = (node.textContent ?? '').trim();
    if (text) timeline.push({ text: text.slice(0, 400), at: Date.now() });
  };
  const start = () =>
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData') note(record.target);
        record.addedNodes.forEach(note);
      }
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  // An init script may run before the document element exists.
  if ((document.documentElement as HTMLElement | null) === null)
    document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

/**
 * Starts recording, in the page, when each piece of text appears, so a spec can tell whether partial results
 * rendered before the final answer, or whether a text was ever shown.
 */
export async function startTextTimeline(page: Page): Promise<void> {
  await page.evaluate(observeText);
}

/** Records every document of a browser context from its first script on (each load starts a new timeline). */
export async function recordTextTimeline(context: BrowserContext): Promise<void> {
  await context.addInitScript(observeText);
}

export async function readTextTimeline(page: Page): Promise<TextAppearance[]> {
  return page.evaluate(() => window.__netraTextTimeline ?? []);
}

/** The first moment a text containing `needle` was on the page. */
export function firstAppearance(
  timeline: readonly TextAppearance[],
  needle: string,
): TextAppearance | undefined {
  return timeline.find((entry) => entry.text.includes(needle));
}

/** A text never appeared on the page (e.g. another user's message); fails as `ui-broken` saying when it did. */
export function expectNeverShown(
  log: FrameLog,
  timeline: readonly TextAppearance[],
  options: { phase: string; text: string; what: string },
): void {
  const seen = firstAppearance(timeline, options.text);
  if (!seen) return;
  throw new E2EFailure(
    {
      verdict: 'ui-broken',
      phase: options.phase,
      summary: `the page showed ${options.what} at ${log.relative(seen.at)}`,
      issues: [
        {
          path: '(page text)',
          expected: `never "${options.text}"`,
          received: seen.text.slice(0, 200),
          message: `${options.what} shown`,
        },
      ],
    },
    log,
  );
}

/**
 * The page's text timeline once a history it was given has had its chance to render: when the app's history
 * call succeeded, up to `deadline` for `text` to show (a leak renders a moment after the answer); when it was
 * refused, at once.
 */
export async function readTimelineAfterHistory(
  page: Page,
  answered: Response,
  text: Locator,
  deadline: NamedDeadline,
): Promise<TextAppearance[]> {
  if (answered.ok()) await text.waitFor({ timeout: deadline.ms }).catch(() => undefined);
  return readTextTimeline(page);
}
