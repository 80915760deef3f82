import type { DriftVerdict } from '../../lib/recorder/drift-record';
import { LOCAL_DEADLINES, REAL_FRONTEND_DEADLINES, type Deadlines } from '../../lib/setup/deadlines';
import type { FaultMode } from '../../stand-in/contract';
import type { MetaOptions } from './meta-test';
import { RUN_WAITER_MESSAGES } from './run-waiter-messages';

/**
 * The table of drifts, each made by a stand-in fault (stand-in/faults/drift.ts), and what the suite must say of
 * it: every kind of change of form of the issue (literal, field renamed or moved, type widened, enum value
 * added), the seed's own welcome, the broken promises, and three rows of what Netra's own beta-15 backend sends.
 * drift-verdicts.spec.ts holds each row to its verdict; drift-patch-proof.spec.ts applies each test-is-stale
 * patch in a scratch copy.
 */
export const WELCOME_SPEC = 'e2e/welcome.spec.ts';
export const AGENT_EVENTS_SPEC = 'e2e/agent-events.spec.ts';

export interface VerdictRow {
  /** What drifted: a kind of the issue's point 2, a broken promise, or a row of Netra beta-15's own backend. */
  kind: string;
  spec: string;
  verdict: DriftVerdict;
  /** The first line of the error (its `E2EFailure: ` prefix taken off): verdict, phase, why, fields. */
  line1: RegExp;
  /** Each must match somewhere in the error. */
  message: RegExp[];
  /** The schema path(s) the first line names. */
  field: string;
  /** For test-is-stale: a line the patch adds to lib/protocol. */
  patchAdds?: string;
  within?: { ms: number; why: string };
}

/** A form the schema already accepts: the run passes, an added field is a protocol note. */
export interface PassingRow {
  kind: string;
  spec: string;
  /** Protocol notes the run must carry, exactly. */
  notes: RegExp[];
}

const WAITS_FOR_THE_ANSWER = { ms: 8_000, why: 'the verdict waits for the answer at the end of the run' };
const WRITES_THE_PATCH = { ms: 8_000, why: 'the verdict writes the patch (TypeScript and Prettier load)' };
const NO_ANSWER = { ms: 15_000, why: 'no answer comes: the verdict waits out deadlines.runComplete (8 s)' };

const STALE_WELCOME = (change: string, field: string) =>
  new RegExp(
    `^\\[test-is-stale\\] phase "welcome": only the form changed and the app did it all \\(the chat showed \\d+ ms after the frame\\): ${change}; our schema is stale: npm run protocol:accept-drift -- reports/protocol-drift\\.json applies the patch \\(lib/protocol/welcome\\.ts\\) \\[${field}\\]$`,
  );

export const PASSING: Partial<Record<FaultMode, PassingRow>> = {
  'seed-welcome': {
    kind: "the seed's own welcome (staging, 2025-09-08): our schema",
    spec: WELCOME_SPEC,
    notes: [],
  },
  'welcome-extra-fields': {
    kind: 'field added',
    spec: WELCOME_SPEC,
    notes: [/^welcome: unknown field data\.mode$/, /^welcome: unknown field data\.features$/],
  },
};

export const ROWS: Partial<Record<FaultMode, VerdictRow>> = {
  'welcome-type-renamed': {
    kind: 'literal changed',
    spec: WELCOME_SPEC,
    verdict: 'test-is-stale',
    line1: STALE_WELCOME('type: "connection_established" \\(a literal changed\\)', 'type'),
    message: [/type: expected "system_message", received "connection_established"/],
    field: 'type',
    patchAdds: "+  type: z.literal(['system_message', 'connection_established']),",
    within: WRITES_THE_PATCH,
  },
  'welcome-payload-envelope': {
    kind: 'field renamed or moved (data ↔ payload)',
    spec: WELCOME_SPEC,
    verdict: 'test-is-stale',
    line1: STALE_WELCOME('data arrives as payload \\(a field renamed or moved\\)', 'data'),
    message: [/data: expected object, received undefined/],
    field: 'data',
    patchAdds: "+  renamed({ payload: 'data' }),",
    within: WRITES_THE_PATCH,
  },
  'welcome-float-server-time': {
    kind: 'type widened (ISO string ↔ number)',
    spec: WELCOME_SPEC,
    verdict: 'test-is-stale',
    line1: STALE_WELCOME('data\\.server_time: a number \\(a type widened\\)', 'data\\.server_time'),
    message: [/data\.server_time: expected string, received \d+(\.\d+)?/],
    field: 'data.server_time',
    patchAdds: '+  server_time: z.union([z.iso.datetime({ offset: true }), z.number()]),',
    within: WRITES_THE_PATCH,
  },
  'event-status-value': {
    kind: 'enum value added',
    spec: AGENT_EVENTS_SPEC,
    verdict: 'test-is-stale',
    line1:
      /^\[test-is-stale\] phase "agent run": only the form changed and the app did it all \(the answer showed on its thread \d+ ms after the frame that carried it\): payload\.status: "reasoning" \(an enum value added\); our schema is stale: .* \(lib\/protocol\/agent-events\.ts\) \[payload\.status\]$/,
    message: [/payload\.status: expected "thinking", received "reasoning"/],
    field: 'payload.status',
    patchAdds: "+    status: z.literal(['thinking', 'reasoning']),",
    within: WAITS_FOR_THE_ANSWER,
  },
  'wrong-user': {
    kind: 'identity: the welcome names another user',
    spec: WELCOME_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "welcome": the app tolerated it \(the chat showed \d+ ms after the frame\), but staging broke identity: data\.user_id "staging-e2e-user-999" is another user's id, not the token's sub "staging-e2e-[\w-]+"\. Why it matters: .* \[data\.user_id\]$/,
    message: [/data\.user_id: expected the token's sub "[^"]+", received "staging-e2e-user-999"/],
    field: 'data.user_id',
  },
  'welcome-not-ready': {
    kind: 'readiness: connection_ready false',
    spec: WELCOME_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "welcome": the app tolerated it .*, but staging broke readiness: data\.connection_ready: expected true, received false\. Why it matters: a chat sent on a connection the server does not call ready may be lost/,
    message: [],
    field: 'data.connection_ready',
  },
  'welcome-bad-limits': {
    kind: 'size limits out of bounds',
    spec: WELCOME_SPEC,
    verdict: 'staging-broke-invariant',
    line1: /^\[staging-broke-invariant\] phase "welcome": the app tolerated it .*, but staging broke size: /,
    message: [
      /data\.config\.heartbeat_interval: expected between 1 and 300 seconds, received 0\.5/,
      /data\.config\.max_message_size: expected between 1 KiB and 16 MiB, received 100/,
    ],
    field: 'data.config.heartbeat_interval, data.config.max_message_size',
  },
  'flat-welcome': {
    kind: 'the flat {"type":"connection_established",…} welcome the seed’s old suite expected',
    spec: WELCOME_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "welcome": the app tolerated it .*, but staging broke identity: data\.user_id is absent, so the frame no longer makes the promise \(a user_id arrived at the top level instead, where the suite checks no promise\)/,
    message: [
      /also broken: readiness \(data\.connection_ready\), size \(data\.config\.heartbeat_interval, data\.config\.max_message_size\)/,
      /type: expected "system_message", received "connection_established"/,
    ],
    field: 'data.user_id, data.connection_ready',
  },
  'welcome-unparseable': {
    kind: 'an unparseable first frame',
    spec: WELCOME_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "welcome": .*but staging broke framing: the frame is not JSON \(/,
    message: [],
    field: '(frame)',
  },
  // Decided: a broken identity promise, not a new form. "staging-" begins every staging user's id, so a
  // prefix check would pass another user's welcome: no patch is offered, and line 1 says why.
  'beta15-welcome': {
    kind: 'Netra beta-15\'s welcome (user id cut to 8 characters + "...")',
    spec: WELCOME_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "welcome": the app tolerated it \(the chat showed \d+ ms after the frame\), but staging broke identity: data\.user_id "staging-\.\.\." is the token's sub cut to 8 characters plus "\.\.\.": "staging-" begins other users' ids too, so no welcome says whose socket this is any more \(a broken promise, not a new form: a prefix check would pass another user's welcome\)\. Why it matters: .*; also broken: readiness \(data\.connection_ready\), size \(data\.config\.heartbeat_interval, data\.config\.max_message_size\)/,
    message: [/data\.user_id: expected the token's sub "[^"]+", received "staging-\.\.\."/],
    field: 'data.user_id, data.connection_ready, data.config.heartbeat_interval',
  },
  'missing-completed': {
    kind: 'completeness: a run without agent_completed',
    spec: AGENT_EVENTS_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "agent run": the app tolerated it \(the answer showed on its thread \d+ ms after the frame that carried it\), but staging broke completeness: /,
    message: RUN_WAITER_MESSAGES['missing-completed'],
    field: 'type',
    within: WAITS_FOR_THE_ANSWER,
  },
  'out-of-order': {
    kind: 'order: tool_completed before its tool_executing',
    spec: AGENT_EVENTS_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "agent run": the app tolerated it .* but staging broke order: /,
    message: RUN_WAITER_MESSAGES['out-of-order'],
    field: 'payload.tool_name',
    within: WAITS_FOR_THE_ANSWER,
  },
  'foreign-run': {
    kind: "isolation: an event of another user's run",
    spec: AGENT_EVENTS_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "agent run": the app tolerated it .* but staging broke isolation: run_id: expected "run_\w+" \(this run's id\), received "run_other_user_0001"/,
    message: [],
    field: 'run_id',
    within: WAITS_FOR_THE_ANSWER,
  },
  oversized: {
    kind: 'size: a frame over max_message_size',
    spec: AGENT_EVENTS_SPEC,
    verdict: 'staging-broke-invariant',
    line1:
      /^\[staging-broke-invariant\] phase "agent run": the app tolerated it .* but staging broke size: \(frame size\): expected <= 8192 bytes/,
    message: [],
    field: '(frame size)',
    within: WAITS_FOR_THE_ANSWER,
  },
  'final-report-data': {
    kind: 'the answer under data: a move the app cannot survive',
    spec: AGENT_EVENTS_SPEC,
    verdict: 'staging-broke-contract',
    line1:
      /^\[staging-broke-contract\] phase "agent run": the user never got the answer: the page never showed the answer "Route simple prompts[^"]*" within deadlines\.answerVisible \(\d+ ms\) of the frame that carried it/,
    message: [/payload: expected object, received undefined/],
    field: 'payload',
    within: { ms: 12_000, why: 'the verdict waits out deadlines.answerVisible (4 s) after the last frame' },
  },
  'beta15-connection-error': {
    kind: "Netra beta-15's run: send_to_user raises, connection_error instead of each event",
    spec: AGENT_EVENTS_SPEC,
    verdict: 'staging-broke-contract',
    line1:
      /^\[staging-broke-contract\] phase "agent run: first event": the user never got the answer: no final_report \(executive_summary\) within deadlines\.runComplete \(\d+ ms\) of the chat; what arrived instead: connection_error \(for agent_started\) → connection_error \(for agent_thinking\) → connection_error \(for tool_executing\)/,
    message: [/type: expected agent_started \(an event of this run\), received "connection_error"/],
    field: 'type',
    within: NO_ANSWER,
  },
  'beta15-run': {
    kind: "Netra beta-15's run: agent_completed twice, no final_report",
    spec: AGENT_EVENTS_SPEC,
    verdict: 'staging-broke-contract',
    line1:
      /^\[staging-broke-contract\] phase "agent run": the user never got the answer: no final_report \(executive_summary\) within deadlines\.runComplete \(\d+ ms\) of the chat; what arrived instead: agent_started → agent_thinking → tool_executing → tool_completed → agent_thinking → agent_completed → agent_completed/,
    message: [/run_id: expected string, received undefined/],
    field: 'run_id',
    within: NO_ANSWER,
  },
};

/** The rows whose drift is only a change of form: each comes with a patch to prove. */
export const STALE_ROWS = (Object.entries(ROWS) as [FaultMode, VerdictRow][]).filter(
  ([, row]) => row.verdict === 'test-is-stale',
);

/** Each frontend's deadlines, as its child runs apply them. */
export const DEADLINES: Record<MetaOptions['metaChildProject'], Deadlines> = {
  local: LOCAL_DEADLINES,
  'real-frontend': REAL_FRONTEND_DEADLINES,
};

/** The deadline the verdict must come within, counted from the bad frame: that of what the user needs. */
export const verdictBound = (row: VerdictRow, deadlines: Deadlines): number =>
  row.spec === WELCOME_SPEC ? deadlines.appReady : deadlines.runComplete + deadlines.answerVisible;
