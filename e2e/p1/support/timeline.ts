import type { Page } from '@playwright/test';

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

/**
 * Starts recording, in the page, when each piece of text appears (added nodes and changed text), so a spec can
 * tell whether partial results rendered before the final answer or all at once.
 */
export async function startTextTimeline(page: Page): Promise<void> {
  await page.evaluate(() => {
    const timeline: TextAppearance[] = [];
    window.__netraTextTimeline = timeline;
    const note = (node: Node) => {
      const text = (node.textContent ?? '').trim();
      if (text) timeline.push({ text: text.slice(0, 400), at: Date.now() });
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData') note(record.target);
        record.addedNodes.forEach(note);
      }
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  });
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
