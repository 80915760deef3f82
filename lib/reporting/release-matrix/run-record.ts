import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What `npm run releases` keeps of each run besides its Playwright reports, so the matrix can be built again
 * from disk (`--from-reports`), also from runs made elsewhere (one CI job per release).
 */
export const RunRecordSchema = z.object({
  /** `reference` or the release tag. */
  id: z.string(),
  kind: z.enum(['reference', 'release']),
  build: z.string().optional(),
  /** NETRA_REPORT_NAME of the run: `reports/<name>.json`, `playwright-report-<name>/`. */
  reportName: z.string(),
  exitCode: z.number().nullable(),
  wallMs: z.number(),
  /** The machine: its cores, and its 1-minute load average when the run started and ended (others may share it). */
  machine: z.object({ cpus: z.number(), loadStart: z.number(), loadEnd: z.number() }).optional(),
  /** The end of the run's output when it wrote no test result (redacted): why it did not run. */
  output: z.string().optional(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** The Playwright report name of a column: `release-beta-15`, `release-reference`. */
export const reportNameOf = (id: string): string => `release-${id}`;

const recordsDir = (matrixDir: string) => join(matrixDir, 'runs');

export function writeRunRecord(matrixDir: string, record: RunRecord): void {
  mkdirSync(recordsDir(matrixDir), { recursive: true });
  writeFileSync(join(recordsDir(matrixDir), `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

/** Every run recorded in the matrix folder; a file that is not a record is named in the error. */
export function readRunRecords(matrixDir: string): RunRecord[] {
  const dir = recordsDir(matrixDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const parsed = RunRecordSchema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!parsed.success) throw new Error(`${join(dir, name)} is not a run record: ${parsed.error.message}`);
      return parsed.data;
    });
}
