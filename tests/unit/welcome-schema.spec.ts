import { expect, test } from '@playwright/test';
import { parseServerFrame, parseWelcome, welcomeProblems, WelcomeFrameSchema } from '../../lib/protocol';

/** Exactly what staging sent on 2025-09-08 (seed report). */
const STAGING_WELCOME = {
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

test.describe('welcome schema', () => {
  test('accepts the welcome exactly as staging sent it', () => {
    const parsed = parseWelcome(STAGING_WELCOME);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.unknownFields).toEqual([]);
  });

  // The flat shape lacks `data`, whatever `type` the schema accepts (a drift accepted later may add one).
  test('rejects the old flat shape and names the envelope field', () => {
    const parsed = parseWelcome({ type: 'connection_established', connection_id: 'x', user_id: 'u' });
    expect(parsed).toMatchObject({
      ok: false,
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'data', expected: 'object', received: undefined }),
      ]),
    });
  });

  test('names a type that is not the welcome’s, with expected and received', () => {
    const parsed = parseWelcome({ ...STAGING_WELCOME, type: 'welcome' });
    expect(parsed.ok ? [] : parsed.issues).toEqual([
      expect.objectContaining({
        path: 'type',
        expected: expect.stringContaining('"system_message"'),
        received: 'welcome',
      }),
    ]);
  });

  test('names a nested field that drifted, with expected and received values', () => {
    const drifted = {
      ...STAGING_WELCOME,
      data: { ...STAGING_WELCOME.data, config: { heartbeat_interval: '25', max_message_size: 8192 } },
    };
    const parsed = parseWelcome(drifted);
    expect(parsed.ok ? [] : parsed.issues).toEqual([
      expect.objectContaining({ path: 'data.config.heartbeat_interval', expected: 'number', received: '25' }),
    ]);
  });

  test('reports unknown extra fields as notes instead of failing', () => {
    const parsed = parseWelcome({
      ...STAGING_WELCOME,
      trace_id: 't',
      data: { ...STAGING_WELCOME.data, region: 'us' },
    });
    expect(parsed.ok && [...parsed.unknownFields].sort()).toEqual(['data.region', 'trace_id']);
  });

  test('value checks: user_id must be the token sub, connection_ready true, limits sane', () => {
    const frame = WelcomeFrameSchema.parse({
      ...STAGING_WELCOME,
      data: {
        ...STAGING_WELCOME.data,
        connection_ready: false,
        config: { heartbeat_interval: 0.5, max_message_size: 10 },
      },
    });
    expect(welcomeProblems(frame, 'someone-else').map((p) => p.path)).toEqual([
      'data.user_id',
      'data.connection_ready',
      'data.config.heartbeat_interval',
      'data.config.max_message_size',
    ]);
    expect(welcomeProblems(WelcomeFrameSchema.parse(STAGING_WELCOME), 'staging-e2e-user-001')).toEqual([]);
  });

  test('parseServerFrame classifies the welcome and rejects non-JSON with a precise issue', () => {
    expect(parseServerFrame(JSON.stringify(STAGING_WELCOME)).kind).toBe('welcome');
    const bad = parseServerFrame('not json');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.issues[0]?.expected).toBe('a JSON text');
  });
});
