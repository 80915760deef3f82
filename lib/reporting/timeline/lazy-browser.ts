import type { Browser, BrowserContext, BrowserType, Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../setup/browser';

/** A page to draw one picture in, and how to give it back. */
export interface DrawingPage {
  page: Page;
  dispose: () => Promise<void>;
}

/** The picture's page is the whole picture: no script, no network. */
const DRAWING_CONTEXT = { deviceScaleFactor: 1, javaScriptEnabled: false, offline: true } as const;

/**
 * A fresh context of a browser that is already running (the test's own): closed page first, so the failure
 * screenshot recorder finds no page of ours, then the context.
 */
export async function drawingPageIn(browser: Browser): Promise<DrawingPage> {
  const context = await browser.newContext(DRAWING_CONTEXT);
  const page = await context.newPage();
  return {
    page,
    dispose: async () => {
      await page.close();
      await context.close();
    },
  };
}

/**
 * A Chromium launched only when a test without a page of its own (the backend contract projects) fails and
 * needs its timeline drawn. Its one context lives as long as the worker (a new context costs a new renderer
 * process); each picture gets a page of its own, closed before the next test can fail.
 */
export class LazyBrowser {
  private launched: Promise<{ browser: Browser; context: BrowserContext }> | undefined;

  constructor(private readonly chromium: BrowserType) {}

  private async launch(): Promise<{ browser: Browser; context: BrowserContext }> {
    const executablePath = chromiumExecutable();
    const browser = await this.chromium.launch({
      args: CHROMIUM_ARGS,
      ...(executablePath ? { executablePath } : {}),
    });
    return { browser, context: await browser.newContext(DRAWING_CONTEXT) };
  }

  async drawingPage(): Promise<DrawingPage> {
    this.launched ??= this.launch();
    const { context } = await this.launched;
    const page = await context.newPage();
    return { page, dispose: () => page.close() };
  }

  async close(): Promise<void> {
    if (!this.launched) return;
    const launched = await this.launched.catch(() => undefined);
    await launched?.browser.close();
  }
}
