import type { APIRequestContext, Browser, BrowserContext, Page, TestInfo } from '@playwright/test';
import { peerOf } from '../../../fixtures/api';
import { ChatPage } from '../../../fixtures/chat-page';
import type { E2ESession } from '../../../fixtures/session';
import type { TargetConfig } from '../../../helpers/config';
import { FrameLog } from '../../../helpers/frame-log';
import { STORAGE_KEYS } from '../../../helpers/protocol';
import { faultClaims, isPageFault, type FaultMode } from '../../../stand-in/contract';
import { pageFaultScript } from '../../../fixtures/page-faults';
import { Redactor } from '../../../helpers/redact';
import { ApiRequest } from '../../../helpers/api-request';
import { ContractClient } from '../../../helpers/rest-contract';
import { mintAccessToken } from '../../../helpers/tokens';
import type { Journey } from './journeys';

/** Another browser context (its own storage and socket) signed in as one user, with its own frame log. */
export interface UserPage extends Journey {
  context: BrowserContext;
  page: Page;
  session: E2ESession;
}

/**
 * Opens extra signed-in users for the multi-user scenarios (parallel pages, isolation, concurrency). Each token
 * carries this test's stand-in claims (fault, settings), so a fault reaches every user of the test.
 */
export class UserPool {
  private readonly opened: UserPage[] = [];

  private readonly requests: APIRequestContext[] = [];

  constructor(
    private readonly newRequest: (token: string) => Promise<APIRequestContext>,
    private readonly browser: Browser,
    private readonly target: TargetConfig,
    private readonly self: E2ESession,
    private readonly fault: FaultMode | undefined,
  ) {}

  /** Minting another user's token needs the signing secret; a pre-issued NETRA_E2E_TOKEN has only one user. */
  get canMintUsers(): boolean {
    return this.target.auth.kind === 'secret';
  }

  /**
   * `count` user ids for a multi-user scenario: the test's user and its peers (…-001, …-002, …-003), or the
   * test's user `count` times when only a pre-issued token is configured.
   */
  userIds(count: number): string[] {
    const ids = [this.self.userId];
    while (ids.length < count)
      ids.push(this.canMintUsers ? peerOf(ids.at(-1) ?? this.self.userId) : this.self.userId);
    return ids;
  }

  /** A fresh sign-in for `userId`; the test's own session when it is the test's user. */
  async sessionFor(userId: string): Promise<E2ESession> {
    if (userId === this.self.userId) return this.self;
    if (this.target.auth.kind !== 'secret')
      throw new Error(`signing in ${userId} needs NETRA_JWT_SECRET: only a pre-issued token is configured`);
    const mint = {
      secret: this.target.auth.secret,
      userId,
      email: `${userId}@staging.netrasystems.ai`,
    };
    // With the grant, so that a forged token is believed under `accept-forged-token` (stand-in/faults/).
    const claims = faultClaims(this.fault, { secret: this.target.auth.secret, userId });
    const accessToken = await mintAccessToken({ ...mint, ttlSeconds: 15 * 60, extraClaims: claims });
    const refreshToken = await mintAccessToken({
      ...mint,
      ttlSeconds: 60 * 60,
      extraClaims: { ...claims, type: 'refresh' },
    });
    return { userId, email: mint.email, accessToken, refreshToken };
  }

  /** A new browser context with this user signed in before the app's first script runs. */
  async open(session: E2ESession): Promise<UserPage> {
    const context = await this.browser.newContext();
    const fault = this.fault;
    if (fault && isPageFault(fault)) await context.addInitScript({ content: pageFaultScript(fault) });
    await context.addInitScript(
      ({ keys, access, refresh }) => {
        try {
          if (!window.localStorage.getItem(keys.accessToken))
            window.localStorage.setItem(keys.accessToken, access);
          if (refresh && !window.localStorage.getItem(keys.refreshToken))
            window.localStorage.setItem(keys.refreshToken, refresh);
        } catch {
          // about:blank and opaque origins have no localStorage.
        }
      },
      { keys: STORAGE_KEYS, access: session.accessToken, refresh: session.refreshToken ?? '' },
    );
    const page = await context.newPage();
    const redactor = new Redactor([session.accessToken, session.refreshToken]);
    const frames = new FrameLog(redactor);
    frames.attach(page);
    const request = await this.newRequest(session.accessToken);
    this.requests.push(request);
    const user: UserPage = {
      context,
      page,
      session,
      frames,
      userId: session.userId,
      target: this.target,
      chatPage: new ChatPage(page, this.target),
      api: new ContractClient(new ApiRequest(request, redactor), redactor, this.target.deadlines.apiCall),
    };
    this.opened.push(user);
    return user;
  }

  /** Closes every extra context; on failure, attaches each user's frame timeline to the report. */
  async closeAll(testInfo: TestInfo): Promise<void> {
    const failed = testInfo.status !== testInfo.expectedStatus;
    for (const [i, user] of this.opened.entries()) {
      if (failed)
        await testInfo.attach(`websocket-frames-user${i + 2}-${user.userId}.txt`, {
          body: user.frames.timeline(),
          contentType: 'text/plain',
        });
      await user.context.close();
    }
    for (const request of this.requests) await request.dispose();
  }
}
