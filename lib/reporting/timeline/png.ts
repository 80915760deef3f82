import type { Page } from '@playwright/test';
import type { DrawingPage } from './lazy-browser';
import type { FrameTimeline } from './model';
import { timelineSvg } from './svg';

export interface TimelinePicture {
  png: Buffer;
  width: number;
  height: number;
  /** Wall time of the render. */
  renderMs: number;
  /** `test page`: rasterised inside the test's own page; `fresh page`: a new context of a running browser. */
  via: 'test page' | 'fresh page';
}

/** Where to draw: the test's page when it is still open, else a fresh page (undefined: no browser to be had). */
export interface PictureTarget {
  page?: Page;
  freshPage: () => Promise<DrawingPage | undefined>;
}

/** Tall logs are cut here: the picture stays readable and cheap; the full log is in websocket-frames.txt. */
const MAX_HEIGHT = 4_000;
/** A page busy navigating or hung must not hold the teardown: past this, the fresh page draws instead. */
const IN_PAGE_MS = 2_000;

/**
 * The cheap way (tens of ms): the SVG decoded as an image and drawn on a detached canvas inside the test's own
 * page. Nothing is added to its DOM and it is not navigated, so the failure screenshot, the error context's
 * page snapshot and the app's state stay as the test left them.
 */
async function inTestPage(page: Page, svg: string, width: number, height: number): Promise<Buffer> {
  const drawn = page.evaluate(
    async ({ svg, width, height }) => {
      const image = new Image(width, height);
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      context.drawImage(image, 0, 0);
      return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    },
    { svg, width, height },
  );
  // Lost the race to the timer: its late rejection (the page closing) must not surface as an unhandled one.
  drawn.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the test page did not draw within ${IN_PAGE_MS} ms`)),
      IN_PAGE_MS,
    );
  });
  try {
    return Buffer.from(await Promise.race([drawn, timeout]), 'base64');
  } finally {
    clearTimeout(timer);
  }
}

/** The robust way (a page of its own: hundreds of ms for its renderer): the SVG as the page, screenshotted. */
async function inFreshPage(
  drawing: DrawingPage,
  svg: string,
  width: number,
  height: number,
): Promise<Buffer> {
  try {
    await drawing.page.setViewportSize({ width, height });
    await drawing.page.setContent(
      `<!doctype html><meta charset="utf-8"><body style="margin:0">${svg}</body>`,
    );
    return await drawing.page.screenshot({ clip: { x: 0, y: 0, width, height }, timeout: 5_000 });
  } finally {
    await drawing.dispose();
  }
}

/**
 * Draws the timeline as a PNG at 1×: inside the test's page when it is still open (a page whose content
 * security policy refuses the image, or that hangs, falls through), else in a fresh page of the browser.
 */
export async function renderTimelinePng(
  target: PictureTarget,
  timeline: FrameTimeline,
): Promise<TimelinePicture | undefined> {
  const started = performance.now();
  const { svg, width, height: full } = timelineSvg(timeline);
  const height = Math.min(full, MAX_HEIGHT);
  const done = (png: Buffer, via: TimelinePicture['via']): TimelinePicture => ({
    png,
    width,
    height,
    via,
    renderMs: Math.round(performance.now() - started),
  });
  if (target.page && !target.page.isClosed()) {
    try {
      return done(await inTestPage(target.page, svg, width, height), 'test page');
    } catch {
      // the fresh page below
    }
  }
  const drawing = await target.freshPage();
  return drawing ? done(await inFreshPage(drawing, svg, width, height), 'fresh page') : undefined;
}
