import { test } from '@playwright/test';
import { FAULT_MODES, type FaultMode } from '../../stand-in/faults';
import { expectFailsFast } from './expect-fails-fast';
import { runSuite } from './run-suite';

/**
 * Each of the 25 priority-1 scenarios (e2e/p1) must fail against a stand-in fault that breaks what it checks:
 * fast, and with a message naming the verdict, the phase and the field, endpoint or event. One child run per
 * scenario (`--grep P1-0NN`), so each proof takes seconds.
 */
interface FaultCase {
  spec: string;
  fault: FaultMode;
  message: RegExp[];
  /** A longer bound, with the reason the scenario needs it before the fault can show. */
  within?: { ms: number; why: string };
}

const CASES: Record<string, FaultCase> = {
  'P1-001': {
    spec: 'e2e/p1/websocket.spec.ts',
    fault: 'no-welcome',
    message: [/\[protocol-drift\] phase "welcome": deadline deadlines\.welcome \(\d+ ms\) passed/],
  },
  'P1-002': {
    spec: 'e2e/p1/websocket.spec.ts',
    fault: 'accept-forged-token',
    message: [
      /\[protocol-drift\] phase "auth: a token with a forged signature": socket #\d+ opened with a token with a forged signature was accepted/,
      /\(close code\): expected close code 1008 or HTTP 401\/403 on upgrade/,
    ],
  },
  'P1-003': {
    spec: 'e2e/p1/websocket.spec.ts',
    fault: 'slow-agent',
    message: [/\[agent-timeout\] phase "acknowledgement": deadline deadlines\.firstEvent \(\d+ ms\) passed/],
    within: {
      ms: 7_000,
      why: 'silence is proven by waiting out deadlines.firstEvent (3 s) after the page boots and sends',
    },
  },
  'P1-004': {
    spec: 'e2e/p1/websocket.spec.ts',
    fault: 'fixed-connection-id',
    message: [
      /\[protocol-drift\] phase "parallel connections": 3 pages got 1 distinct connection_id/,
      /data\.connection_id: expected a different id on every connection/,
    ],
    within: {
      ms: 10_000,
      why: 'three browser contexts boot side by side before their welcomes can be compared',
    },
  },
  'P1-005': {
    spec: 'e2e/p1/agent.spec.ts',
    fault: 'mcp-drift',
    message: [
      /\[protocol-drift\] phase "discovery": GET \/api\/mcp\/tools does not match its schema/,
      /\(frame\): expected array, received \{"tools":\[\]\}/,
    ],
  },
  'P1-006': {
    spec: 'e2e/p1/agent.spec.ts',
    fault: 'auth-config-drift',
    message: [
      /\[protocol-drift\] phase "configuration": GET \/auth\/config does not match its schema/,
      /oauth_enabled: expected boolean, received undefined/,
    ],
  },
  'P1-007': {
    spec: 'e2e/p1/agent.spec.ts',
    fault: 'missing-completed',
    message: [
      /\[protocol-drift\] phase "agent run"/,
      /expected agent_completed or agent_error before final_report/,
    ],
  },
  'P1-008': {
    spec: 'e2e/p1/agent.spec.ts',
    fault: 'batched-run',
    message: [
      /\[protocol-drift\] phase "streaming": the \d+ events of the run were stamped within \d+ ms and arrived within \d+ ms: the run was buffered/,
      /timestamp: expected first event at least 50 ms before final_report/,
    ],
  },
  'P1-009': {
    spec: 'e2e/p1/agent.spec.ts',
    fault: 'hidden-status',
    message: [/status: agent-processing is shown while the agent works/, /getByTestId\('agent-processing'\)/],
    within: {
      ms: 7_000,
      why: 'a hidden status is proven by waiting deadlines.firstEvent (3 s) after agent_started',
    },
  },
  'P1-010': {
    spec: 'e2e/p1/agent.spec.ts',
    fault: 'out-of-order',
    message: [/payload\.tool_name: expected a tool_executing before its tool_completed/],
  },
  'P1-011': {
    spec: 'e2e/p1/agent.spec.ts',
    fault: 'slow-agent',
    message: [
      /\[agent-timeout\] phase "agent run: first event": deadline deadlines\.firstEvent \(\d+ ms\) passed/,
    ],
    within: {
      ms: 7_000,
      why: 'a late first event is proven by waiting out deadlines.firstEvent (3 s) after the send',
    },
  },
  'P1-012': {
    spec: 'e2e/p1/messaging.spec.ts',
    fault: 'forget-history',
    message: [
      /\[protocol-drift\] phase "history after reload": GET \/api\/threads\/[\w-]+\/messages returned a history that "Keep a note of my caching plan \[\w+\]" is missing/,
    ],
  },
  'P1-013': {
    spec: 'e2e/p1/messaging.spec.ts',
    fault: 'thread-drift',
    message: [
      /\[protocol-drift\] phase "thread creation": POST \/api\/threads does not match its schema/,
      /updated_at: expected string, received undefined/,
    ],
  },
  'P1-014': {
    spec: 'e2e/p1/messaging.spec.ts',
    fault: 'forget-history',
    message: [
      /\[protocol-drift\] phase "switch to thread_[\w-]+": GET \/api\/threads\/[\w-]+\/messages returned a history that "Thread one/,
    ],
    within: { ms: 8_000, why: 'two chats must exist before switching between them can show a wrong history' },
  },
  'P1-015': {
    spec: 'e2e/p1/messaging.spec.ts',
    fault: 'history-reversed',
    message: [
      /\[protocol-drift\] phase "thread history": GET \/api\/threads\/[\w-]+\/messages returned a history that "Summary for .*" comes before/,
    ],
  },
  'P1-016': {
    spec: 'e2e/p1/messaging.spec.ts',
    fault: 'event-leak',
    message: [
      /\[protocol-drift\] phase "user isolation": staging-e2e-user-\d+ received \w+ of a run it never started/,
      /run_id: expected one of this user's runs/,
    ],
    within: { ms: 8_000, why: 'two users sign in and run one after the other before the leak can be judged' },
  },
  'P1-017': {
    spec: 'e2e/p1/resilience.spec.ts',
    fault: 'busy-under-load',
    message: [
      /\[agent-error\] phase "agent run: first event": the server sent an error frame during the run/,
      /SERVICE_BUSY/,
    ],
    within: { ms: 10_000, why: 'three browser contexts boot and send side by side before one is refused' },
  },
  'P1-018': {
    spec: 'e2e/p1/resilience.spec.ts',
    fault: 'no-rate-limit',
    message: [
      /\[protocol-drift\] phase "rate limit": deadline deadlines\.apiCall \(\d+ ms\) passed while waiting for an error frame with a RATE_LIMITED code after a burst of 10 frames/,
    ],
    within: {
      ms: 7_000,
      why: 'silence is only proven by waiting out deadlines.apiCall (3 s) after the page boots',
    },
  },
  'P1-019': {
    spec: 'e2e/p1/resilience.spec.ts',
    fault: 'swallow-bad-input',
    message: [
      /\[protocol-drift\] phase "bad input: malformed JSON": deadline deadlines\.apiCall \(\d+ ms\) passed while waiting for an error frame answering malformed JSON/,
    ],
    within: {
      ms: 7_000,
      why: 'silence is only proven by waiting out deadlines.apiCall (3 s) after the page boots',
    },
  },
  'P1-020': {
    spec: 'e2e/p1/resilience.spec.ts',
    fault: 'fixed-connection-id',
    message: [
      /\[protocol-drift\] phase "reconnect": the welcome after the reconnect repeats the dropped connection’s id/,
      /data\.connection_id: expected a new id \(not the dropped ws_standin_fixed_\w+\)/,
    ],
    within: {
      ms: 6_000,
      why: 'the page reconnects after its own 1 s back-off before the new welcome can be judged',
    },
  },
  'P1-021': {
    spec: 'e2e/p1/resilience.spec.ts',
    fault: 'session-lost-on-reload',
    message: [
      /\[protocol-drift\] phase "session after reload": POST \/auth\/validate-token-and-get-user answered 401 to the app/,
    ],
  },
  'P1-022': {
    spec: 'e2e/p1/experience.spec.ts',
    fault: 'ignore-stop',
    message: [
      /\[protocol-drift\] phase "stop": after stop_agent the run went on to agent_completed instead of ending as stopped/,
    ],
    within: {
      ms: 7_000,
      why: 'the run is slowed to 300 ms per event so a stop lands mid-run; it ends at ~2 s',
    },
  },
  'P1-023': {
    spec: 'e2e/p1/experience.spec.ts',
    fault: 'batched-run',
    message: [
      /\[ui-broken\] phase "progressive rendering": the first partial result was on the page only -?\d+ ms before/,
    ],
  },
  'P1-024': {
    spec: 'e2e/p1/experience.spec.ts',
    fault: 'history-reversed',
    message: [
      /\[protocol-drift\] phase "message order": GET \/api\/threads\/[\w-]+\/messages returned a history that .* comes before/,
    ],
    within: { ms: 7_000, why: 'a first chat, a burst of three runs and a reload come before the history' },
  },
  'P1-025': {
    spec: 'e2e/p1/experience.spec.ts',
    fault: 'drop-event-later-runs',
    message: [
      /\[protocol-drift\] phase "agent run"/,
      /expected tool_completed for cost_analyzer before agent_completed/,
    ],
    within: { ms: 7_000, why: 'the fault shows in the second run, after a first complete one' },
  },
};

test.describe('each P1 scenario fails fast and precisely against the fault that breaks it', () => {
  for (const [scenario, { spec, fault, message, within }] of Object.entries(CASES)) {
    test(`${scenario} fails against ${fault}: ${FAULT_MODES[fault]}`, async () => {
      const run = await runSuite({
        args: ['--project=local', '--workers=1', '--grep', scenario, spec],
        env: { NETRA_FAULT: fault },
      });
      expectFailsFast(run, {
        mustFail: `${scenario} must fail against ${fault}`,
        patterns: message,
        within,
        label: `${scenario} ${fault}`,
      });
    });
  }
});
