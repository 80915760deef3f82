import { expect, test } from '@playwright/test';
import { FAULT_MODES, type FaultMode } from '../../stand-in/contract';
import { expectFailsFast } from './expect-fails-fast';
import { RUN_WAITER_MESSAGES } from './run-waiter-messages';
import { runSuite } from './run-suite';

/**
 * Every check of the browserless backend contract (`local-api`) must fail fast against the stand-in fault
 * that breaks it, with a message naming the endpoint or frame and the field. One child run per fault, with
 * `--grep` on the one check it targets.
 */
/** The whole contract project against the stand-in, summed over its checks. */
const PROJECT_WITHIN_MS = 10_000;

interface ApiFaultCase {
  fault: FaultMode;
  /** Part of the title of the check the fault must break. */
  check: string;
  message: RegExp[];
}

const CASES: ApiFaultCase[] = [
  {
    fault: 'health-down',
    check: 'GET /health/ready answers 2xx',
    message: [
      /\[staging-unreachable\] phase "REST GET \/health\/ready"/,
      /\(status\): expected 2xx, received 503/,
    ],
  },
  {
    fault: 'auth-config-drift',
    check: 'GET /auth/config answers the three fields',
    message: [/phase "REST GET \/auth\/config"/, /body\.oauth_enabled: expected boolean, received undefined/],
  },
  {
    fault: 'accept-forged-token',
    check: 'token validation accepts a minted token',
    message: [
      /phase "REST POST \/auth\/validate-token-and-get-user": accepted a forged token/,
      /body\.valid: expected false, received true/,
    ],
  },
  {
    fault: 'thread-drift',
    check: 'a thread round-trips',
    message: [/phase "REST POST \/api\/threads"/, /body\.updated_at: expected string, received undefined/],
  },
  {
    fault: 'subprotocol-not-selected',
    check: 'by subprotocols jwt-auth',
    message: [
      /\[protocol-drift\] phase "WebSocket upgrade by subprotocols jwt-auth \+ jwt\.<token>"/,
      /Sec-WebSocket-Protocol: expected "jwt-auth" \(selected by the server\), received "Server sent no subprotocol"/,
    ],
  },
  {
    fault: 'wrong-user',
    check: 'by subprotocols jwt-auth',
    message: [
      /\[protocol-drift\] phase "welcome"/,
      /data\.user_id: expected the token's sub "staging-e2e-[\w-]+-001", received "staging-e2e-user-999"/,
    ],
  },
  {
    fault: 'ticket-reuse',
    check: 'by ?ticket=<id>',
    message: [
      /phase "WebSocket upgrade by the ticket query parameter": socket #2 was accepted with a ticket already used once/,
      /\(close code\): expected close code 1008 or HTTP 401\/403 on upgrade, received "an open socket and a system_message frame"/,
    ],
  },
  {
    fault: 'bearer-refused',
    check: 'by Authorization: Bearer',
    message: [
      /\[auth-rejected\] phase "welcome": socket #1 \(ws:\/\/\S+\/ws \(auth: Authorization: Bearer\)\) closed .* with code 1008/,
    ],
  },
  {
    fault: 'accept-forged-token',
    check: 'by Authorization: Bearer',
    message: [
      /phase "WebSocket upgrade by Authorization: Bearer": socket #2 was accepted with a forged token/,
      /\(close code\): expected close code 1008/,
    ],
  },
  {
    fault: 'missing-completed',
    check: 'start_agent streams the five critical events',
    message: [/\[protocol-drift\] phase "agent run"/, ...RUN_WAITER_MESSAGES['missing-completed']],
  },
  {
    fault: 'out-of-order',
    check: 'start_agent streams the five critical events',
    message: RUN_WAITER_MESSAGES['out-of-order'],
  },
  {
    fault: 'foreign-run',
    check: 'start_agent streams the five critical events',
    message: [/run_id: expected "run_\w+" \(this run's id\), received "run_other_user_0001"/],
  },
  {
    fault: 'close-early',
    check: 'start_agent streams the five critical events',
    message: [
      /\[connection-lost\] phase "agent run": socket #1 closed with code 1011/,
      /seen so far: agent_started/,
    ],
  },
  {
    fault: 'thread-leak',
    check: 'a second user sees none',
    message: [
      /phase "REST GET \/api\/threads\?limit=20&offset=0 \(as the second user\)"/,
      /body\[\d+\]: expected only threads of staging-e2e-[\w-]+-002, received \{"id":"thread_[\w-]+","user_id":"staging-e2e-[\w-]+-001"\}/,
    ],
  },
  {
    fault: 'event-leak',
    check: 'a second user sees none',
    message: [
      /\[protocol-drift\] phase "user isolation": the second user's socket #2 received agent_started/,
      /run_id: expected no event of another user’s run on this socket, received "run_\w+"/,
    ],
  },
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.describe('backend contract checks fail fast and precisely on their stand-in faults', () => {
  for (const { fault, check, message } of CASES) {
    test(`${fault} breaks "${check}": ${FAULT_MODES[fault]}`, async () => {
      const run = await runSuite({
        args: ['--project=local-api', '--workers=1', `--grep=${escapeRegExp(check)}`],
        env: { NETRA_FAULT: fault },
      });
      expectFailsFast(run, {
        mustFail: 'the check must fail against this fault',
        patterns: message,
        label: fault,
      });
    });
  }

  test('without a fault every contract check passes, all of them within 10 s', async () => {
    const started = Date.now();
    const run = await runSuite({ args: ['--project=local-api', '--workers=1'] });
    const wallMs = Date.now() - started;
    expect(run.results.length, run.output.slice(-2000)).toBeGreaterThanOrEqual(9);
    expect(run.results.filter((r) => r.status !== 'passed').map((r) => r.title)).toEqual([]);
    const checksMs = run.results.reduce((sum, r) => sum + r.durationMs, 0);
    expect(checksMs, `the contract checks took ${checksMs} ms in all`).toBeLessThan(PROJECT_WITHIN_MS);
    test.info().annotations.push({
      type: 'api-project-time',
      description: `${run.results.length} checks in ${checksMs} ms (child run ${wallMs} ms wall)`,
    });
  });
});
