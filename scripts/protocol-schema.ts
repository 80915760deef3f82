import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { protocolJsonSchemas } from '../lib/protocol/json-schema-export';

/**
 * `npm run protocol:schema [out-dir]`: writes the protocol module's zod schemas as JSON Schema files
 * (default `protocol-schema/`) plus `index.json`, for the backend team to validate staging's frames against.
 */
const outDir = resolve(process.argv[2] ?? 'protocol-schema');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const schemas = protocolJsonSchemas();
for (const { file, schema } of schemas)
  writeFileSync(join(outDir, file), `${JSON.stringify(schema, null, 2)}\n`);
const index = schemas.map(({ file, source }) => ({ file, source }));
writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
console.log(`protocol:schema: wrote ${schemas.length} JSON Schema files to ${outDir}`);
