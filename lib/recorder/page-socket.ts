import type { JSHandle, Page } from '@playwright/test';
import type { NamedDeadline } from '../setup/deadlines';
import { E2EFailure } from '../checks/failure';
import type { FrameLog, SocketRecord } from './frame-log';
import { tokenSubprotocols } from '../secrets/tokens';

/** What the page-side probe knows about its socket: Playwright's own WebSocket events carry no close code. */
interface Probe {
  ws: WebSocket;
  opened: boolean;
  received: number;
  closed: { code: number; reason: string } | null;
}

export interface PageSocketClose {
  code: number;
  reason: string;
  /** The socket error Chromium reported, e.g. an HTTP 401 answer to the upgrade. */
  error: string | undefined;
}

/**
 * A WebSocket the test opens inside the page (the page's origin, the browser's network stack), recorded in the
 * test's frame log like the app's own socket. For what no user can do from the UI: present a bad token, send
 * malformed frames, burst past a rate limit. Its close code is read in the page, where it is known.
 */
export class PageSocket {
  private constructor(
    private readonly page: Page,
    private readonly log: FrameLog,
    private readonly probe: JSHandle<Probe>,
    /** The socket's index in the frame log (`#n` in failure messages). */
    readonly socket: number,
  ) {}

  static async open(
    page: Page,
    log: FrameLog,
    options: { url: string; token?: string | undefined; deadline: NamedDeadline },
  ): Promise<PageSocket> {
    const href = new URL(options.url).href;
    const before = log.sockets.length;
    const created = page.waitForEvent('websocket', {
      predicate: (ws) => new URL(ws.url()).href === href,
      timeout: options.deadline.ms,
    });
    const protocols = options.token ? tokenSubprotocols(options.token) : null;
    const probe = await page.evaluateHandle(
      ({ url, protocols: offered }) => {
        const ws = offered ? new WebSocket(url, offered) : new WebSocket(url);
        const state: Probe = { ws, opened: false, received: 0, closed: null };
        ws.addEventListener('open', () => (state.opened = true));
        ws.addEventListener('message', () => (state.received += 1));
        ws.addEventListener('close', (event) => (state.closed = { code: event.code, reason: event.reason }));
        return state;
      },
      { url: href, protocols },
    );
    const ws = await created;
    const record = log.sockets
      .slice(before)
      .find((s) => s.url === log.redactor.text(ws.url()) || s.url === ws.url());
    if (!record) throw new Error(`the page opened ${href} but the frame log did not record it`);
    return new PageSocket(page, log, probe, record.index);
  }

  get record(): SocketRecord | undefined {
    return this.log.sockets[this.socket - 1];
  }

  async send(text: string): Promise<void> {
    await this.probe.evaluate((p, data) => p.ws.send(data), text);
  }

  /** Sends every text back to back in one turn of the page's event loop: a burst, as a script would. */
  async sendBurst(texts: readonly string[]): Promise<void> {
    await this.probe.evaluate((p, all) => {
      for (const text of all) p.ws.send(text);
    }, texts);
  }

  async close(): Promise<void> {
    await this.probe.evaluate((p) => {
      if (p.ws.readyState <= 1) p.ws.close(1000, 'done');
    });
  }

  /**
   * Waits until the socket is closed or has received its first frame: whichever happens first says whether
   * the server accepted it. Undefined `close` means a frame arrived while the socket was still open.
   */
  async firstOutcome(
    deadline: NamedDeadline,
    phase: string,
  ): Promise<{ close: PageSocketClose | undefined; received: number }> {
    await this.waitInPage((p) => p.closed !== null || p.received > 0, deadline, phase, 'a close or a frame');
    return this.state();
  }

  /** Waits for the server to close this socket, within the deadline. */
  async closed(deadline: NamedDeadline, phase: string): Promise<PageSocketClose> {
    await this.waitInPage((p) => p.closed !== null, deadline, phase, 'the socket to close');
    const { close } = await this.state();
    if (!close) throw new Error('unreachable: socket closed without a close record');
    return close;
  }

  private async state(): Promise<{ close: PageSocketClose | undefined; received: number }> {
    const { closed, received } = await this.probe.evaluate((p) => ({
      closed: p.closed,
      received: p.received,
    }));
    const close = closed ? { ...closed, error: this.record?.error } : undefined;
    if (close && this.record && this.record.closeCode === undefined) this.record.closeCode = close.code;
    return { close, received };
  }

  private async waitInPage(
    predicate: (p: Probe) => boolean,
    deadline: NamedDeadline,
    phase: string,
    what: string,
  ): Promise<void> {
    try {
      await this.page.waitForFunction(predicate, this.probe, { timeout: deadline.ms, polling: 50 });
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'TimeoutError') throw error;
      throw new E2EFailure(
        {
          verdict: 'agent-timeout',
          phase,
          summary: `deadline ${deadline.name} (${deadline.ms} ms) passed while waiting for ${what} on socket #${this.socket}`,
        },
        this.log,
      );
    }
  }
}
