import type { Browser, BrowserType } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../browser';

/**
 * A Chromium launched only when a test without a page of its own (the backend contract projects) fails and
 * needs its timeline drawn; closed with the worker. Tests with a page draw with the browser they already have.
 */
export class LazyBrowser {
  private launched: Promise<Browser> | undefined;

  constructor(private readonly chromium: BrowserType) {}

  get(): Promise<Browser> {
    const executablePath = chromiumExecutable();
    this.launched ??= this.chromium.launch({
      args: CHROMIUM_ARGS,
      ...(executablePath ? { executablePath } : {}),
    });
    return this.launched;
  }

  async close(): Promise<void> {
    if (!this.launched) return;
    const browser = await this.launched.catch(() => undefined);
    await browser?.close();
  }
}
