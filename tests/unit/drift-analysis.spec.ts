import { expect, test } from '@playwright/test';
import { z } from 'zod';
import {
  RunOrderTracker,
  WelcomeFrameSchema,
  renamed,
  unknownFields,
  type AgentEvent,
  type SchemaIssue,
} from '../../lib/protocol';
import { analyseDrift } from '../../lib/protocol/drift-analysis';
import { describeEdit, proposeSchemaEdits } from '../../lib/protocol/schema-edits';

/** The welcome as staging sent it on 2025-09-08 (seed report), for the user `staging-e2e-user-001`. */
const SEED = {
  type: 'system_message',
  data: {
    event: 'connection_established',
    connection_id: 'ws_staging-_1757363217_63ec0531',
    user_id: 'staging-e2e-user-001',
    server_time: '2025-09-08T20:26:57.648399+00:00',
    connection_ready: true,
    environment: 'staging',
    startup_complete: true,
    config: { heartbeat_interval: 25, max_message_size: 8192 },
    factory_pattern_enabled: true,
  },
};
const { data: seedData, ...seedEnvelope } = SEED;

/** Netra beta-15's welcome (routes/websocket_ssot.py, main mode), as its code builds it. */
const BETA15 = {
  type: 'connection_established',
  data: {
    mode: 'main',
    user_id: 'staging-...',
    connection_id: 'ws_1',
    golden_path_events: [
      'agent_started',
      'agent_thinking',
      'tool_executing',
      'tool_completed',
      'agent_completed',
    ],
    features: { agent_orchestration: true },
    timestamp: '2026-01-05T10:00:00.000000+00:00',
  },
  timestamp: 1767607200.5,
  server_id: null,
  correlation_id: null,
};

const THINKING = {
  type: 'agent_thinking',
  run_id: 'run_1',
  agent_name: 'supervisor',
  timestamp: '2026-01-05T10:00:00Z',
  payload: { reasoning: 'Reading', step_number: 1, progress_percentage: 20, status: 'reasoning' },
};

const welcomeDrift = (frame: unknown, issues: SchemaIssue[] = []) =>
  analyseDrift({
    text: JSON.stringify(frame),
    firstFrame: true,
    expectedUserId: 'staging-e2e-user-001',
    issues,
  });

test.describe('schema edits: the smallest change of form that accepts a drifted frame', () => {
  test('each kind is found, named and checked by parsing again', () => {
    const cases: [string, unknown, string][] = [
      [
        'WelcomeFrameSchema',
        { ...SEED, type: 'connection_established' },
        'type: "connection_established" (a literal changed)',
      ],
      [
        'WelcomeFrameSchema',
        { ...seedEnvelope, payload: seedData },
        'data arrives as payload (a field renamed or moved)',
      ],
      [
        'WelcomeFrameSchema',
        { ...SEED, data: { ...seedData, server_time: 1757363217.6 } },
        'data.server_time: a number (a type widened)',
      ],
      ['AgentThinkingSchema', THINKING, 'payload.status: "reasoning" (an enum value added)'],
      [
        'AgentThinkingSchema',
        { ...THINKING, payload: { ...THINKING.payload, status: 'thinking', step_number: undefined } },
        'payload.step_number: absent (a field dropped, now optional)',
      ],
    ];
    for (const [schema, frame, described] of cases) {
      const proposal = proposeSchemaEdits(schema, frame);
      expect(proposal.accepted, described).toBe(true);
      expect(proposal.edits.map(describeEdit)).toEqual([described]);
    }
  });

  test('a value out of bounds, or a renamed top of an agent event, is no change of form it can write', () => {
    const millis = proposeSchemaEdits('AgentThinkingSchema', {
      ...THINKING,
      payload: { ...THINKING.payload, status: 'thinking' },
      timestamp: 1757363217000,
    });
    expect(millis).toMatchObject({
      accepted: false,
      reason: expect.stringMatching(/^timestamp: expected Unix seconds/),
    });
    const { payload, ...envelope } = THINKING;
    const moved = proposeSchemaEdits('AgentThinkingSchema', {
      ...envelope,
      data: { ...payload, status: 'thinking' },
    });
    expect(moved).toMatchObject({
      accepted: false,
      reason: expect.stringContaining('cannot read a renamed top-level field'),
    });
  });

  test('a plain string is never taken for a renamed field: only a value the field describes closely', () => {
    // beta-15's data.mode ("main") could be any string; its data.timestamp is an ISO time like server_time.
    const proposal = proposeSchemaEdits('WelcomeFrameSchema', BETA15);
    expect(proposal.accepted).toBe(true);
    expect(proposal.edits.map(describeEdit)).toContain(
      'data.server_time arrives as data.timestamp (a field renamed or moved)',
    );
    expect(proposal.edits.map(describeEdit)).toContain(
      'data.environment: absent (a field dropped, now optional)',
    );
  });

  test('a renamed field is read under the schema’s name, and its unknown fields are still found', () => {
    const schema = z.preprocess(renamed({ payload: 'data' }), WelcomeFrameSchema);
    const frame = { ...seedEnvelope, payload: { ...seedData, region: 'eu' } };
    expect(schema.safeParse(frame).success).toBe(true);
    expect(unknownFields(schema, frame)).toEqual(['data.region']);
  });
});

test.describe('drift analysis: which promises a drifted frame breaks', () => {
  test('beta-15’s welcome breaks identity (a user id cut to a prefix), readiness and the size limits', () => {
    const analysis = welcomeDrift(BETA15);
    expect(analysis.broken.map((b) => `${b.invariant} ${b.path}`)).toEqual([
      'identity data.user_id',
      'readiness data.connection_ready',
      'size data.config.heartbeat_interval',
      'size data.config.max_message_size',
    ]);
    expect(analysis.broken[0]?.how).toMatch(
      /^data\.user_id "staging-\.\.\." is the token's sub cut to 8 characters plus "\.\.\.": "staging-" begins other users' ids too/,
    );
  });

  test('a form change that keeps every promise breaks none: the edits alone remain', () => {
    for (const frame of [
      { ...SEED, type: 'connection_established' },
      { ...seedEnvelope, payload: seedData },
    ]) {
      const analysis = welcomeDrift(frame);
      expect(analysis.broken).toEqual([]);
      expect(analysis.edits).toHaveLength(1);
      expect(analysis.noPatch).toBeUndefined();
    }
  });

  test('the flat welcome no longer carries the promises of data; a user_id elsewhere is named', () => {
    const analysis = welcomeDrift({
      type: 'connection_established',
      connection_id: 'c',
      user_id: 'staging-e2e-user-001',
    });
    expect(analysis.broken.map((b) => b.invariant)).toEqual(['identity', 'readiness', 'size', 'size']);
    expect(analysis.broken[0]?.how).toBe(
      'data.user_id is absent, so the frame no longer makes the promise (a user_id arrived at the top level instead, where the suite checks no promise)',
    );
  });

  test('a frame that is no JSON breaks framing and cannot be patched', () => {
    const analysis = analyseDrift({
      text: '{"type":"system_message","data":{"ev',
      firstFrame: true,
      issues: [],
    });
    expect(analysis.broken.map((b) => b.invariant)).toEqual(['framing']);
    expect(analysis.noPatch).toBe('no schema can accept a frame that is not a JSON object');
  });

  test('a check that found a broken promise keeps it: the run order names order, isolation, completeness', () => {
    const event = (type: string, extra: object = {}) =>
      ({
        run_id: 'run_1',
        agent_name: 'a',
        timestamp: '2026-01-05T10:00:00Z',
        type,
        ...extra,
      }) as unknown as AgentEvent;
    const tool = { payload: { tool_name: 't' } };
    const order = new RunOrderTracker();
    order.accept(event('agent_started'));
    expect(order.accept(event('tool_completed', tool))?.invariant).toBe('order');
    const isolation = new RunOrderTracker();
    isolation.accept(event('agent_started'));
    expect(isolation.accept(event('agent_thinking', { run_id: 'run_2' }))?.invariant).toBe('isolation');
    const missing = new RunOrderTracker();
    missing.accept(event('agent_started'));
    expect(missing.accept(event('final_report'))?.invariant).toBe('completeness');
    const twice = new RunOrderTracker();
    twice.accept(event('agent_started'));
    twice.accept(event('agent_completed'));
    expect(twice.accept(event('agent_completed'))?.invariant).toBe('completeness');
  });
});
