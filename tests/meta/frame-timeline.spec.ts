import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../lib/setup/browser';
import type { FrameTimeline } from '../../lib/reporting/timeline/model';
import { drawingPageIn } from '../../lib/reporting/timeline/lazy-browser';
import { renderTimelinePng } from '../../lib/reporting/timeline/png';
import { TIMELINE_COLOURS } from '../../lib/reporting/timeline/svg';
import { readReport, reportTests, type ReportTest } from '../../lib/reporting/summary/report-tests';
import { timelineOf } from '../../lib/reporting/summary/report-timeline';
import { runSuite } from './run-suite';

const executablePath = chromiumExecutable();
test.use({ launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) } });

const RECORDED = 'tests/unit/fixtures/recorded';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const timelinesOf = (name: string): FrameTimeline[] =>
  reportTests(readReport(`${RECORDED}/${name}.json`)).flatMap((t) => timelineOf(t) ?? []);

/** A recorded run's timeline that `wanted` picks; the fixtures not having one is a broken fixture. */
function recordedTimeline(name: string, wanted: (t: FrameTimeline) => boolean): FrameTimeline {
  const found = timelinesOf(name).find(wanted);
  if (!found) throw new Error(`${name} has no such timeline: the recorded runs changed`);
  return found;
}

const timelineOfTest = (test: ReportTest | undefined) => (test ? timelineOf(test) : undefined);

const hex = (colour: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];

/** Counts the pixels of each colour (±12 per channel) in a PNG, decoded by the browser. */
async function pixelCounts(page: Page, png: Buffer, colours: Record<string, string>) {
  return page.evaluate(
    async ({ data, targets }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no canvas');
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts: Record<string, number> = {};
      for (const [name, [r, g, b]] of Object.entries(targets)) {
        let n = 0;
        for (let i = 0; i < pixels.length; i += 4)
          if (
            Math.abs((pixels[i] ?? 0) - r) <= 12 &&
            Math.abs((pixels[i + 1] ?? 0) - g) <= 12 &&
            Math.abs((pixels[i + 2] ?? 0) - b) <= 12
          )
            n++;
        counts[name] = n;
      }
      return { width: canvas.width, height: canvas.height, counts };
    },
    {
      data: png.toString('base64'),
      targets: Object.fromEntries(Object.entries(colours).map(([k, v]) => [k, hex(v)])),
    },
  );
}

const COLOURS = {
  red: TIMELINE_COLOURS.BROKE,
  redBand: TIMELINE_COLOURS.BROKE_BAND,
  pending: TIMELINE_COLOURS.PENDING,
  pendingBand: TIMELINE_COLOURS.PENDING_BAND,
};

test.describe('frame timeline picture of a failed test', () => {
  test('recorded red and timeout runs draw a sane PNG: the red frame for drift, the pending deadline for a timeout', async ({
    page,
    browser,
  }) => {
    const drift = recordedTimeline('red-run', (t) => t.rows.some((r) => r.kind === 'frame' && r.broke));
    const timeout = recordedTimeline('timeout-run', (t) => t.pending !== undefined);
    await page.setContent('<main>the page a test left behind</main>');
    for (const [way, target] of [
      ['in the test page', { page, freshPage: () => drawingPageIn(browser) }],
      ['in a fresh page', { freshPage: () => drawingPageIn(browser) }],
    ] as const) {
      await test.step(way, async () => {
        const red = await renderTimelinePng(target, drift);
        const slow = await renderTimelinePng(target, timeout);
        for (const picture of [red, slow]) {
          expect(picture?.png.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG').toBe(true);
          expect(picture?.width).toBe(1100);
          expect(picture?.height).toBeGreaterThan(150);
          expect(picture?.height).toBeLessThan(1000);
          expect(picture?.png.length).toBeGreaterThan(10_000);
          expect(picture?.png.length).toBeLessThan(400_000);
        }
        const redPixels = await pixelCounts(page, red?.png ?? Buffer.alloc(0), COLOURS);
        expect(redPixels.width).toBe(1100);
        expect(redPixels.counts.red, 'the red frame, its arrow and its issue text').toBeGreaterThan(1_500);
        expect(redPixels.counts.redBand, 'the red band behind the frame and its issue box').toBeGreaterThan(
          20_000,
        );
        // Anti-aliased text gives a few hundred pixels of any pale colour; a band is tens of thousands.
        expect(redPixels.counts.pendingBand, 'no pending deadline in a drift failure').toBeLessThan(2_000);
        const slowPixels = await pixelCounts(page, slow?.png ?? Buffer.alloc(0), COLOURS);
        expect(slowPixels.counts.pendingBand, 'the pending deadline box').toBeGreaterThan(20_000);
        expect(slowPixels.counts.pending, 'its text').toBeGreaterThan(500);
        expect(slowPixels.counts.redBand, 'no frame broke a check').toBeLessThan(2_000);
      });
    }
  });

  test('a failed test shows its picture inline in the HTML report and in the trace; a passing test gets none', async ({
    page,
  }) => {
    const red = await runSuite({
      args: ['--project=local', '--workers=1', 'e2e/welcome.spec.ts'],
      env: { NETRA_FAULT: 'flat-welcome' },
      reports: ['html'],
      keepArtifacts: true,
    });
    try {
      expect(
        red.results.map((r) => r.status),
        red.output.slice(-1500),
      ).toEqual(['failed']);
      const report = JSON.parse(readFileSync(join(red.dir, 'results.json'), 'utf8')) as Parameters<
        typeof reportTests
      >[0];
      const [failed] = reportTests(report);
      const png = Buffer.from(
        failed?.attachments.find((a) => a.name === 'frame-timeline.png')?.body ?? '',
        'base64',
      );
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), 'frame-timeline.png attached').toBe(true);
      const timeline = timelineOfTest(failed);
      expect(timeline?.rows.some((r) => r.kind === 'frame' && r.broke?.paths[0]?.path === 'type')).toBe(true);
      const sha1 = createHash('sha1').update(png).digest('hex');

      await test.step('the trace holds the picture as an attachment', () => {
        const trace = failed?.attachments.find((a) => a.name === 'trace')?.path ?? '';
        expect(Object.keys(unzipSync(readFileSync(trace)))).toContain(`attachments/${sha1}`);
      });

      await test.step('the HTML report shows it inline', async () => {
        await page.goto(`file://${join(red.dir, 'playwright-report', 'index.html')}`);
        await page
          .getByText('the chat page connects and the first server frame', { exact: false })
          .first()
          .click();
        const picture = page.locator(`img[src$="${sha1}.png"]`);
        await expect(picture).toBeVisible();
        expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1100);
        await expect(page.getByRole('link', { name: 'frame-timeline.png' })).toBeVisible();
      });
    } finally {
      rmSync(red.dir, { recursive: true, force: true });
    }

    const green = await runSuite({ args: ['--project=local', '--workers=1', 'e2e/welcome.spec.ts'] });
    expect(
      green.results.map((r) => r.status),
      green.output.slice(-1500),
    ).toEqual(['passed']);
    expect(green.results[0]?.attachments.map((a) => a.name)).not.toContain('frame-timeline.png');
    expect(green.results[0]?.attachments.map((a) => a.name)).not.toContain('frame-timeline.json');
  });
});
