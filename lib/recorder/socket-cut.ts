import type { Page, WebSocketRoute } from '@playwright/test';
import type { FrameLog } from './frame-log';

/** Close code of a server going away for a restart (what a redeploy looks like to the page). */
const SERVICE_RESTART = 1012;

/**
 * Puts the test between the page and its backend socket (Playwright's `routeWebSocket`, connected through to
 * the real server), so the test can cut the page's connection itself, as a network drop or a redeploy would:
 * no control route on the server, the same on any deployment. Install before the page's first `goto`.
 */
export class SocketCutter {
  private readonly routes: WebSocketRoute[] = [];

  private constructor(private readonly log: FrameLog) {}

  static async install(page: Page, log: FrameLog, wsUrl: string): Promise<SocketCutter> {
    const cutter = new SocketCutter(log);
    const path = new URL(wsUrl).pathname;
    await page.routeWebSocket(
      (url) => url.pathname === path,
      (route) => {
        route.connectToServer();
        cutter.routes.push(route);
      },
    );
    return cutter;
  }

  /** Closes the page's socket `#index` (its n-th connection) as the server would, with code 1012. */
  async cut(index: number): Promise<void> {
    const route = this.routes[index - 1];
    if (!route) throw new Error(`the page has opened ${this.routes.length} socket(s), not #${index}`);
    await route.close({ code: SERVICE_RESTART, reason: 'connection cut by the test' });
    // Playwright reports no close for a routed socket: the log learns it from the cut.
    this.log.closeSocket(index, SERVICE_RESTART, 'cut by the test');
  }
}
