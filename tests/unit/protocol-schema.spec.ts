import { expect, test } from '@playwright/test';
import { AGENT_EVENT_TYPES } from '../../lib/protocol';
import { protocolJsonSchemas, schemaFileStem } from '../../lib/protocol/json-schema-export';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  const?: unknown;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};

const byFile = (file: string) =>
  protocolJsonSchemas().find((s) => s.file === file)?.schema as JsonSchema | undefined;

test.describe('protocol export as JSON Schema (npm run protocol:schema)', () => {
  test('names files after the protocol module export', () => {
    expect(schemaFileStem('WelcomeFrameSchema')).toBe('welcome-frame');
    expect(schemaFileStem('ValidateTokenResponseSchema')).toBe('validate-token-response');
  });

  test('exports the welcome frame with its nested data and config', () => {
    const welcome = byFile('welcome-frame.schema.json');
    // `const`, or `enum` once an accepted drift let the type have another name too.
    const type = welcome?.properties?.type;
    expect(type?.enum ?? [type?.const]).toContain('system_message');
    expect(welcome?.properties?.data?.properties?.event?.const).toBe('connection_established');
    expect(Object.keys(welcome?.properties?.data?.properties?.config?.properties ?? {})).toEqual(
      expect.arrayContaining(['heartbeat_interval', 'max_message_size']),
    );
  });

  test('exports every agent event type, in the union and one file each', () => {
    const union = byFile('agent-event.schema.json');
    const options = union?.oneOf ?? union?.anyOf ?? [];
    expect(options.map((o) => o.properties?.type?.const).sort()).toEqual([...AGENT_EVENT_TYPES].sort());
    for (const type of AGENT_EVENT_TYPES) {
      const file = `${type.replace(/_/g, '-')}.schema.json`;
      expect(byFile(file)?.properties?.type?.const, file).toBe(type);
    }
  });

  test('exports client frames and REST shapes, each with an $id and title', () => {
    const files = protocolJsonSchemas().map((s) => s.file);
    expect(files).toEqual(
      expect.arrayContaining([
        'client-frame.schema.json',
        'health-ready.schema.json',
        'auth-config.schema.json',
      ]),
    );
    for (const { schema, source } of protocolJsonSchemas()) {
      expect(schema.$id, source).toMatch(/\.schema\.json$/);
      expect(schema.title).toBe(source);
    }
  });
});
