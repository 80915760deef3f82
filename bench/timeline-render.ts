import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../lib/setup/browser';
import { percentile } from '../lib/reporting/percentile';
import type { FrameTimeline } from '../lib/reporting/timeline/model';
import { LazyBrowser, drawingPageIn } from '../lib/reporting/timeline/lazy-browser';
import { renderTimelinePng, type PictureTarget } from '../lib/reporting/timeline/png';
import { readReport, reportTests } from '../lib/reporting/summary/report-tests';
import { timelineOf } from '../lib/reporting/summary/report-timeline';

/**
 * What drawing a failed test's frame timeline costs, side by side in one run, on the recorded red and timeout
 * runs' timelines: inside the test's own page (what a failed browser test pays), in a fresh context of the
 * test's browser (its page closed or refusing), and in the lazily launched browser of a browserless worker
 * (its first picture pays the launch).
 *
 *   npm run bench:timeline [-- 20]
 */
const repeats = Number(process.argv[2] ?? 12);
const timelines: FrameTimeline[] = ['red-run', 'timeout-run'].flatMap((name) =>
  reportTests(readReport(`tests/unit/fixtures/recorded/${name}.json`)).flatMap((t) => timelineOf(t) ?? []),
);

async function measure(target: PictureTarget): Promise<{ ms: number[]; bytes: number[] }> {
  const ms: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const timeline = timelines[i % timelines.length];
    if (!timeline) throw new Error('no recorded timeline');
    const picture = await renderTimelinePng(target, timeline);
    if (!picture) throw new Error('nothing drawn');
    ms.push(picture.renderMs);
    bytes.push(picture.png.length);
  }
  return { ms, bytes };
}

const row = (name: string, { ms, bytes }: { ms: number[]; bytes: number[] }, first = ms[0]) =>
  `| ${name} | ${ms.length} | ${first ?? '-'} | ${percentile(ms, 50)} | ${percentile(ms, 95)} | ${Math.max(...ms)} | ${Math.round(percentile(bytes, 50) / 1024)} KiB |`;

async function main(): Promise<void> {
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
  const context = await browser.newContext();
  const testPage = await context.newPage();
  await testPage.setContent('<main><h1>the app under test</h1></main>');
  const rows: string[] = [];
  rows.push(
    row('in the test’s page', await measure({ page: testPage, freshPage: () => drawingPageIn(browser) })),
  );
  rows.push(
    row('fresh context of the test’s browser', await measure({ freshPage: () => drawingPageIn(browser) })),
  );
  const lazy = new LazyBrowser(chromium);
  rows.push(row('browserless worker (lazy launch)', await measure({ freshPage: () => lazy.drawingPage() })));
  await lazy.close();
  await browser.close();
  console.log(
    [
      `Frame timeline picture: ${timelines.length} recorded timelines, ${repeats} renders per way`,
      '',
      '| way | renders | first ms | p50 ms | p95 ms | max ms | PNG p50 |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  );
}

void main();
