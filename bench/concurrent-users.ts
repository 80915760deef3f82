import { expectChatSent, expectCriticalRun } from '../lib/checks/expect-run';
import { expectWelcome } from '../lib/checks/expect-welcome';
import { FrameLog } from '../lib/recorder/frame-log';
import { LOCAL_DEADLINES } from '../lib/setup/deadlines';
import { STORAGE_KEYS } from '../lib/protocol';
import { percentile } from '../lib/reporting/percentile';
import { launchChromium, machine, printTable, startStandIn } from './lib';

/**
 * N users (browser contexts) chat with the stand-in at once; every run must complete, in order, and carry
 * only that user's events. Prints p50/p95 time to first event and to completion.
 * Usage: npx tsx bench/concurrent-users.ts [users]
 */
const USERS = Number(process.argv[2] ?? 20);
const deadlines = {
  ...LOCAL_DEADLINES,
  appReady: 60_000,
  welcome: 30_000,
  firstEvent: 30_000,
  runComplete: 60_000,
};

/** `p50 / p95` of the values, whole milliseconds. */
const p50p95 = (values: readonly number[]): string =>
  `${percentile(values, 50).toFixed(0)} / ${percentile(values, 95).toFixed(0)}`;

async function main(): Promise<void> {
  const standIn = await startStandIn();
  const browser = await launchChromium();
  const started = performance.now();
  try {
    const results = await Promise.allSettled(
      Array.from({ length: USERS }, async (_, i) => {
        const userId = `bench-user-${String(i).padStart(3, '0')}`;
        const token = await standIn.token(undefined, userId);
        const context = await browser.newContext();
        await context.addInitScript(
          ({ key, value }) => {
            window.localStorage.setItem(key, value);
          },
          { key: STORAGE_KEYS.accessToken, value: token },
        );
        const page = await context.newPage();
        const log = new FrameLog();
        log.attach(page);
        const journeyStart = performance.now();
        await page.goto(`${standIn.origin}/chat`);
        const welcome = await expectWelcome(log, { userId, deadlines });
        await page.getByTestId('main-chat').waitFor({ timeout: deadlines.appReady });
        await page.getByTestId('new-chat-button').click();
        const prompt = `Which model should user ${i} use for short answers?`;
        await page.getByTestId('message-textarea').fill(prompt);
        await page.getByTestId('send-button').click();
        const sent = await expectChatSent(log, prompt, deadlines.firstEvent, welcome.seq);
        const run = await expectCriticalRun(log, { sent, welcome: welcome.frame, deadlines });
        await page
          .getByText(run.finalReport.payload.executive_summary)
          .waitFor({ timeout: deadlines.answerVisible });
        const journeyMs = performance.now() - journeyStart;
        await context.close();
        return { firstEventMs: run.firstEventMs, completedMs: run.completedMs, journeyMs };
      }),
    );
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failures = results.flatMap((r) =>
      r.status === 'rejected' ? [String(r.reason).split('\n')[0]] : [],
    );
    const wallMs = performance.now() - started;
    printTable(`${USERS} concurrent users against the stand-in (${machine()})`, [
      {
        'runs complete and isolated': `${ok.length}/${USERS}`,
        'first event p50 / p95 (ms)': p50p95(ok.map((r) => r.firstEventMs)),
        'send → final_report p50 / p95 (ms)': p50p95(ok.map((r) => r.completedMs)),
        'whole journey p50 / p95 (ms)': p50p95(ok.map((r) => r.journeyMs)),
        'wall time (ms)': wallMs.toFixed(0),
      },
    ]);
    for (const failure of failures) console.log(`FAILED: ${failure}`);
    if (failures.length) process.exitCode = 1;
  } finally {
    await browser.close();
    await standIn.stop();
  }
}

void main();
