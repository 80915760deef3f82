import { expect, test } from '@playwright/test';
import type { DriftRecord } from '../../lib/recorder/drift-record';
import { describeDrift, mergeDrift } from '../../lib/reporting/drift-report';
import type { PendingWait } from '../../lib/recorder/frame-log';
import { deriveVerdict } from '../../lib/reporting/verdict';

const welcomeWait: PendingWait = {
  phase: 'welcome',
  waitingFor: 'the welcome frame',
  deadline: { name: 'deadlines.welcome', ms: 2_000 },
  since: 1_000,
};

test.describe('verdicts: who to call, from the errors of a red test', () => {
  test("the suite's own [verdict] tag wins, wherever the error starts", () => {
    const finding = deriveVerdict({
      status: 'failed',
      errors: [
        'E2EFailure: [auth-rejected] phase "welcome": socket #1 closed before any frame\nlast frames seen:',
      ],
    });
    expect(finding).toEqual({
      verdict: 'auth-rejected',
      firstLine: '[auth-rejected] phase "welcome": socket #1 closed before any frame',
    });
  });

  test('a test timeout while a frame wait is pending is agent-timeout naming the phase and deadline', () => {
    const finding = deriveVerdict({
      status: 'timedOut',
      errors: ['Test timeout of 1500ms exceeded.'],
      pendingWaits: [welcomeWait],
      timeoutMs: 1_500,
      now: 2_400,
    });
    expect(finding.verdict).toBe('agent-timeout');
    expect(finding.firstLine).toBe(
      '[agent-timeout] phase "welcome": the test timeout (1500 ms) ran out after 1400 ms of waiting for the welcome frame; deadlines.welcome (2000 ms) had not passed yet',
    );
  });

  test('a web-first assertion failing while the frames were fine is ui-broken', () => {
    const error = "Error: expect(locator).toBeVisible() failed\n\nLocator: getByTestId('main-chat')";
    expect(deriveVerdict({ status: 'failed', errors: [error] }).verdict).toBe('ui-broken');
    expect(deriveVerdict({ status: 'failed', errors: [error], driftFound: true }).verdict).toBe(
      'protocol-drift',
    );
  });

  test('the verdicts of a judged drift are read from the first line like every other', () => {
    for (const verdict of ['staging-broke-contract', 'staging-broke-invariant', 'test-is-stale'] as const) {
      const line = `[${verdict}] phase "welcome": the app tolerated it (the chat showed 90 ms after the frame)`;
      expect(deriveVerdict({ status: 'failed', errors: [`E2EFailure: ${line}\n  data.user_id: …`] })).toEqual(
        {
          verdict,
          firstLine: line,
        },
      );
    }
  });

  test('a refused navigation is staging-unreachable; anything else stays unclassified', () => {
    const refused = 'Error: page.goto: net::ERR_CONNECTION_REFUSED at https://app.staging.example/chat';
    expect(deriveVerdict({ status: 'failed', errors: [refused] })).toEqual({
      verdict: 'staging-unreachable',
      firstLine: 'page.goto: net::ERR_CONNECTION_REFUSED at https://app.staging.example/chat',
    });
    expect(
      deriveVerdict({ status: 'failed', errors: ['Error: expect(received).toBe(expected)'] }).verdict,
    ).toBe('unclassified');
  });
});

test.describe('drift records', () => {
  const waiter: DriftRecord = {
    source: 'waiter',
    phase: 'welcome',
    summary: 'the first server frame does not match the welcome schema',
    issues: [{ path: 'type', expected: '"system_message"', received: 'connection_established', message: '' }],
    socket: 1,
    seq: 0,
    at: '+0.300s',
    frame: '{"type":"connection_established"}',
  };

  test('the audit does not repeat what a waiter already reported, but adds what nobody awaited', () => {
    const sameFrame: DriftRecord = { ...waiter, source: 'audit', phase: 'frame audit' };
    const later: DriftRecord = {
      ...sameFrame,
      seq: 4,
      issues: [{ path: 'payload.status', expected: '"started"', received: 'go', message: '' }],
    };
    expect(mergeDrift([waiter], [sameFrame, later])).toEqual([waiter, later]);
  });

  test('reads as phase, path with expected vs received, and the frame', () => {
    expect(describeDrift(waiter)).toBe(
      [
        'phase "welcome" +0.300s socket #1 frame 0: the first server frame does not match the welcome schema',
        '  type: expected "system_message", received "connection_established"',
        '  frame: {"type":"connection_established"}',
      ].join('\n'),
    );
  });
});
