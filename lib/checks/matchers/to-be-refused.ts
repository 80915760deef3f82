import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import { E2EFailure } from '../failure';
import type { FrameLog } from '../../recorder/frame-log';
import type { NamedDeadline } from '../../setup/deadlines';
import type { PageSocket } from '../../recorder/page-socket';
import { judgeAsync } from './judge';
import { WS_CLOSE_POLICY_VIOLATION } from '../../protocol';

/** Chromium's words when the upgrade itself is answered 401 or 403 (the socket then closes with 1006). */
const HTTP_REFUSAL = /\b40[13]\b/;
const WANTED = `close code ${WS_CLOSE_POLICY_VIOLATION} or HTTP 401/403 on upgrade, before any frame`;

/**
 * The server must refuse a socket the page opened with a bad credential: close 1008 or answer the upgrade
 * 401/403, within the deadline, and send it nothing. Fails naming the credential and what happened instead.
 */
async function checkRefused(
  log: FrameLog,
  probe: PageSocket,
  options: { presented: string; deadline: NamedDeadline },
): Promise<void> {
  const phase = `auth: ${options.presented}`;
  const outcome = await probe.firstOutcome(options.deadline, phase);
  const fail = (received: unknown, summary: string) =>
    new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase,
        summary: `socket #${probe.socket} opened with ${options.presented} ${summary}`,
        issues: [{ path: '(close code)', expected: WANTED, received, message: 'credential must be refused' }],
        ...(log.received(probe.socket)[0] ? { frame: log.received(probe.socket)[0] } : {}),
      },
      log,
    );
  if (outcome.received > 0)
    throw fail(`${outcome.received} frame(s) on an open socket`, 'was accepted: the server sent it frames');
  const close = outcome.close;
  if (!close) throw fail('an open socket', 'was neither closed nor answered');
  const refused =
    close.code === WS_CLOSE_POLICY_VIOLATION || (close.code === 1006 && HTTP_REFUSAL.test(close.error ?? ''));
  if (!refused)
    throw fail(
      `close code ${close.code}${close.error ? ` (${close.error})` : ''}`,
      'was closed, but not as a refusal',
    );
}

/**
 * `await expect(probe).toBeRefused(frames, { presented, deadline })`: the socket opened with a bad credential
 * (`PageSocket.open`) was refused, closed 1008 or answered 401/403, before any frame.
 */
export function toBeRefused(
  this: ExpectMatcherState,
  probe: PageSocket,
  log: FrameLog,
  options: { presented: string; deadline: NamedDeadline },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toBeRefused', () => checkRefused(log, probe, options));
}
