import type { BrowserContext, Page } from '@playwright/test';

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
