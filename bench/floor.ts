import { STORAGE_KEYS } from '../lib/protocol';
import { FAST_TIMING } from '../stand-in/clock';
import { runParts, standardRun } from '../stand-in/frames';
import { launchChromium, machine, printTable, startStandIn } from './lib';

/** The floor a local journey cannot beat: browser launch, page load to `main-chat`, the stand-in's agent delays. */
async function main(): Promise<void> {
  const standIn = await startStandIn();
  const t0 = performance.now();
  const browser = await launchChromium();
  const launchMs = performance.now() - t0;
  const context = await browser.newContext();
  await context.addInitScript(
    ({ key, value }) => {
      window.localStorage.setItem(key, value);
    },
    { key: STORAGE_KEYS.accessToken, value: await standIn.token() },
  );
  const page = await context.newPage();
  const t1 = performance.now();
  await page.goto(`${standIn.origin}/chat`);
  await page.getByTestId('main-chat').waitFor();
  const loadMs = performance.now() - t1;
  await browser.close();
  await standIn.stop();
  const agentMs = standardRun(runParts(undefined)).length * FAST_TIMING.eventGapMs + FAST_TIMING.remountMs;
  printTable(`Floor of one local journey (${machine()})`, [
    {
      'browser launch (ms)': launchMs.toFixed(0),
      'page load → main-chat (ms)': loadMs.toFixed(0),
      'stand-in agent delays per run (ms)': agentMs,
      'floor per browser test (ms)': (loadMs + agentMs).toFixed(0),
    },
  ]);
}

void main();
