/**
 * Malformed and hostile server frames the stand-in can send (the benchmarks' claim `corpus`,
 * bench/stand-in-scripts.ts), to prove the suite's parsers answer each with a precise schema error (or document
 * it as ignored) without crashing or hanging.
 */
export interface HostileFrame {
  name: string;
  payload: string | Buffer;
}

const agentTypes = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
  'agent_error',
  'final_report',
];
const envelope = { run_id: 'run_x', agent_name: 'supervisor', timestamp: '2025-09-08T20:26:58.000Z' };

function nested(depth: number, open: string, close: string, inner = '0'): string {
  return `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
}

export function hostileCorpus(): HostileFrame[] {
  const frames: HostileFrame[] = [];
  const add = (name: string, payload: string | Buffer) => frames.push({ name, payload });
  const json = (name: string, value: unknown) => {
    add(name, JSON.stringify(value));
  };

  // Not JSON at all, or JSON that is not an object.
  for (const text of [
    '',
    ' ',
    'null',
    'true',
    '42',
    '"str"',
    '[]',
    '[1,2]',
    '{',
    '}',
    '{"type":',
    'undefined',
    'NaN',
    '{type:"ping"}',
    "{'type':'ping'}",
    '{"type":"ping",}',
    '\u0000',
    '{"a":1}{"b":2}',
  ]) {
    add(`not-an-object ${JSON.stringify(text).slice(0, 20)}`, text);
  }
  // Type missing or of the wrong type.
  for (const type of [
    undefined,
    null,
    1,
    true,
    [],
    {},
    '',
    ' ',
    'AGENT_STARTED',
    'agent-started',
    'agent_started ',
    '\u202eagent_started',
  ]) {
    json(`bad type ${type === undefined ? 'undefined' : JSON.stringify(type)}`, { type, payload: {} });
  }
  // Every agent event with each envelope field missing or wrong, and with payload replaced by data.
  for (const type of agentTypes) {
    for (const field of ['run_id', 'agent_name', 'timestamp', 'payload']) {
      const frame: Record<string, unknown> = { type, ...envelope, payload: {} };
      Reflect.deleteProperty(frame, field);
      json(`${type} without ${field}`, frame);
      json(`${type} with ${field}=123`, { ...frame, [field]: 123 });
    }
    json(`${type} with data instead of payload`, { type, ...envelope, data: {} });
    json(`${type} with payload array`, { type, ...envelope, payload: [] });
    json(`${type} with bad timestamp`, { type, ...envelope, timestamp: 'yesterday', payload: {} });
    json(`${type} with empty run_id`, { type, ...envelope, run_id: '', payload: {} });
  }
  // Payload fields of the right names with wrong types.
  const wrongPayloads: [string, Record<string, unknown>][] = [
    ['agent_thinking', { reasoning: 1, step_number: 'one', progress_percentage: 140, status: 'thinking' }],
    ['agent_thinking', { reasoning: 'r', step_number: -1, progress_percentage: -5, status: 'thinking' }],
    ['tool_executing', { tool_name: '', parameters: 'x', status: 'executing', message: '' }],
    ['tool_completed', { tool_name: 't', result: 1, execution_time_ms: -1, status: 'done', message: '' }],
    ['agent_completed', { status: 'completed', result: {}, execution_time_ms: '9', message: 1 }],
    ['agent_error', { status: 'error', error_message: '', error_context: {}, message: '' }],
    ['final_report', { executive_summary: '', recommendations: 'none' }],
    ['agent_started', { status: 'starting', context: {}, message: 'x' }],
  ];
  for (const [type, payload] of wrongPayloads)
    json(`${type} wrong payload ${Object.keys(payload)[0] ?? ''}`, { type, ...envelope, payload });
  // Welcome look-alikes.
  const data = {
    event: 'connection_established',
    connection_id: 'c',
    user_id: 'u',
    server_time: '2025-09-08T20:26:57Z',
    connection_ready: true,
    environment: 'staging',
    startup_complete: true,
    config: { heartbeat_interval: 25, max_message_size: 8192 },
  };
  for (const key of Object.keys(data)) {
    const partial: Record<string, unknown> = { ...data };
    Reflect.deleteProperty(partial, key);
    json(`welcome without data.${key}`, { type: 'system_message', data: partial });
  }
  json('welcome config strings', {
    type: 'system_message',
    data: { ...data, config: { heartbeat_interval: '25', max_message_size: '8192' } },
  });
  json('welcome data null', { type: 'system_message', data: null });
  // Error, ping and streaming frames broken.
  json('error without code', { type: 'error', message: 'x' });
  json('error with numeric code', { type: 'error', error_code: 500, message: 'x' });
  json('ping with string timestamp', { type: 'ping', timestamp: 'now' });
  json('stream_chunk without payload', { type: 'stream_chunk' });
  json('thread_created without id', { type: 'thread_created', payload: {} });
  // Huge strings and many keys.
  for (const size of [64 * 1024, 512 * 1024, 2 * 1024 * 1024]) {
    json(`agent_thinking reasoning ${size} bytes`, {
      type: 'agent_thinking',
      ...envelope,
      payload: { reasoning: 'x'.repeat(size), step_number: 1, progress_percentage: 1, status: 'thinking' },
    });
    add(`non-JSON ${size} bytes`, 'y'.repeat(size));
  }
  json('object with 50,000 keys', Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])));
  json('payload with 50,000 keys', {
    type: 'stream_chunk',
    payload: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])),
  });
  // Deep nesting (JSON bombs for recursive parsers and walkers).
  for (const depth of [1_000, 10_000, 100_000]) {
    add(`array nesting ${depth}`, nested(depth, '[', ']'));
    add(
      `object nesting ${depth}`,
      `{"type":"agent_thinking","run_id":"r","agent_name":"a","timestamp":"2025-09-08T20:26:58Z","payload":{"reasoning":${nested(depth, '{"a":', '}')},"step_number":1,"progress_percentage":1,"status":"thinking"}}`,
    );
  }
  // Prototype pollution and odd keys.
  add('__proto__ type', '{"__proto__":{"type":"agent_started"},"payload":{}}');
  add(
    'constructor key',
    '{"type":"final_report","constructor":{"prototype":{"polluted":true}},"payload":{"executive_summary":"x"}}',
  );
  // Numbers outside double range and odd encodings.
  add(
    'number overflow',
    `{"type":"agent_thinking","run_id":"r","agent_name":"a","timestamp":"2025-09-08T20:26:58Z","payload":{"reasoning":"r","step_number":1e400,"progress_percentage":1,"status":"thinking"}}`,
  );
  add('lone surrogate', '{"type":"agent_started","run_id":"\\ud800","payload":{}}');
  add('BOM prefix', '\ufeff{"type":"ping"}');
  // Binary frames: random bytes, invalid UTF-8, valid JSON sent as binary.
  add(
    'binary invalid utf-8',
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
  );
  add('binary json', Buffer.from('{"type":"agent_started"}'));
  add('binary zeros', Buffer.alloc(1024));
  for (let i = 0; i < 20; i += 1)
    add(
      `binary pattern ${i}`,
      Buffer.from(Array.from({ length: 64 + i * 13 }, (_, j) => (j * 31 + i * 7) % 256)),
    );
  // Unknown types: documented as ignored (noted as additive drift), never a crash.
  for (let i = 0; i < 30; i += 1) json(`unknown type ${i}`, { type: `future_event_${i}`, payload: { i } });
  return frames;
}
