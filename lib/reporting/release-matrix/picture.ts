import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../setup/browser';

/**
 * The matrix page as a PNG, as Chromium draws it from disk (the README's picture): the whole page, as wide as
 * its table, no script and no network.
 */
export async function renderMatrixPng(htmlFile: string, pngFile: string): Promise<void> {
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      javaScriptEnabled: false,
      offline: true,
    });
    await page.goto(pathToFileURL(htmlFile).href);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: pngFile, fullPage: true });
  } finally {
    await browser.close();
  }
}
