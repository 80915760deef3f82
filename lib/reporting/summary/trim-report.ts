import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Shrinks a recorded Playwright JSON report into a unit-test fixture: no config, steps, stdio or stacks, no
 * attachment stored as a file (traces, screenshots: their paths point into a temp folder) and no inline
 * picture; the frame logs, drift reports, latency and timelines stay. Paths of this checkout become relative.
 *
 *   npx tsx lib/reporting/summary/trim-report.ts merged.json tests/unit/fixtures/recorded/red-run.json
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const DROPPED_KEYS = new Set([
  'config',
  'steps',
  'stdout',
  'stderr',
  'stack',
  'snippet',
  'errorLocation',
  'location',
]);
const KEPT_FILES = /^(websocket-frames\.(json|txt)|protocol-drift\.json|latency\.json|frame-timeline\.json)$/;

function trim(value: Json, root: string): Json {
  if (typeof value === 'string') return value.split(root).join('');
  if (Array.isArray(value)) return value.map((v) => trim(v, root));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (key === 'attachments' && Array.isArray(child)) {
      const kept = child.filter(
        (a) =>
          a !== null &&
          typeof a === 'object' &&
          !Array.isArray(a) &&
          typeof a.name === 'string' &&
          KEPT_FILES.test(a.name),
      );
      out[key] = kept.map((a) => trim(a, root));
      continue;
    }
    out[key] = trim(child, root);
  }
  return out;
}

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: trim-report.ts <report.json> <fixture.json>');
const report = JSON.parse(readFileSync(input, 'utf8')) as Json;
writeFileSync(output, `${JSON.stringify(trim(report, `${process.cwd()}/`), null, 1)}\n`);
