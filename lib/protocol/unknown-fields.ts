import { z } from 'zod';
import { aliasesOf } from './forms';

/**
 * Fields present in a value but not declared by its schema: additive drift that breaks nothing yet.
 * Walks objects, optionals, nullables, arrays, records and discriminated unions.
 */
export function unknownFields(schema: z.ZodType, value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return unknownFields(schema.unwrap() as z.ZodType, value, path);
  }
  if (schema instanceof z.ZodPipe) {
    // A schema that reads a renamed field (forms.ts): walk what it reads, under the schema's names.
    const rename = schema.in instanceof z.ZodTransform ? schema.in._zod.def.transform : undefined;
    if (aliasesOf(rename) && rename)
      return unknownFields(schema.out as z.ZodType, rename(value, {} as never), path);
    return unknownFields(schema.in as z.ZodType, value, path);
  }
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) {
    const match = (schema.options as z.ZodType[]).find((option) => option.safeParse(value).success);
    return match ? unknownFields(match, value, path) : [];
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, i) => unknownFields(schema.element as z.ZodType, item, `${path}[${i}]`));
  }
  if (schema instanceof z.ZodObject && !Array.isArray(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    const record = value as Record<string, unknown>;
    return Object.keys(record).flatMap((key) => {
      const child = shape[key];
      const childPath = path ? `${path}.${key}` : key;
      return child ? unknownFields(child, record[key], childPath) : [childPath];
    });
  }
  return [];
}
