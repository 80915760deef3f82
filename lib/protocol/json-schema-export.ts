import { z } from 'zod';
import * as protocol from '.';

export interface ExportedSchema {
  /** File name, e.g. `welcome-frame.schema.json`. */
  file: string;
  /** The protocol module's export it comes from, e.g. `WelcomeFrameSchema`. */
  source: string;
  schema: Record<string, unknown>;
}

/** `WelcomeFrameSchema` → `welcome-frame`. */
export const schemaFileStem = (exportName: string) =>
  exportName
    .replace(/Schema$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

/**
 * Every zod schema the protocol module exports, as JSON Schema (draft 2020-12) the backend team can validate
 * against. The accepted shape (`io: 'input'`) is exported; types JSON Schema cannot express become `{}`.
 */
export function protocolJsonSchemas(): ExportedSchema[] {
  return Object.entries(protocol as Record<string, unknown>)
    .filter(
      (entry): entry is [string, z.ZodType] => entry[0].endsWith('Schema') && entry[1] instanceof z.ZodType,
    )
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, schema]) => {
      const stem = schemaFileStem(source);
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      return {
        file: `${stem}.schema.json`,
        source,
        schema: {
          ...json,
          $id: `https://netra-apex-e2e/protocol/${stem}.schema.json`,
          title: source,
          description: `Netra Apex protocol: ${stem.replace(/-/g, ' ')} (exported from lib/protocol, ${source}).`,
        },
      };
    });
}
