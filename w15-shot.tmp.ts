import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './helpers/browser';
(async () => {
  const browser = await chromium.launch({ args: CHROMIUM_ARGS, executablePath: chromiumExecutable() });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto('file:///tmp/w15-rec/html-red/index.html');
  await page.getByText('the chat page connects and the first server frame').first().click();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/w15-html1.png', fullPage: true });
  console.log(await page.locator('img').evaluateAll((imgs) => imgs.map((i) => [i.getAttribute('src'), i.getAttribute('alt'), (i as HTMLImageElement).naturalWidth])));
  await browser.close();
})();
