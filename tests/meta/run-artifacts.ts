import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { scratchFolders } from '../../lib/secrets/artifact-redaction';
import { credentialNeedles, scanArtifacts } from '../../lib/secrets/leak-scan';

/** What a child run leaves in its folder, by kind: what CI uploads and what a reader opens. */
const RUN_ARTIFACTS = {
  'test-results': 'out',
  'HTML report': 'playwright-report',
  'blob report': 'blob',
  'JSON report': 'results.json',
  'JUnit report': 'results.junit.xml',
} as const;
export type ArtifactKind = keyof typeof RUN_ARTIFACTS;

export interface RunScan {
  /** Files read per kind (0 when the run left none of that kind). */
  files: Record<ArtifactKind, number>;
  /** `kind: where: needle at offset`; what matched is never printed. */
  hits: string[];
}

/** Scans every artifact of a run folder for the secrets (raw and encoded) and any JWT. */
export function scanRun(dir: string, secrets: readonly string[]): RunScan {
  const needles = credentialNeedles(secrets);
  const files = {} as Record<ArtifactKind, number>;
  const hits: string[] = [];
  for (const [kind, path] of Object.entries(RUN_ARTIFACTS) as [ArtifactKind, string][]) {
    const scan = scanArtifacts([join(dir, path)], needles);
    files[kind] = scan.files;
    hits.push(...scan.hits.map((h) => `${kind}: ${h.where}: ${h.needle} at ${h.offset}`));
  }
  return { files, hits };
}

/**
 * Files under a folder (zip entries and inlined data included) that hold a redaction marker: proof that they
 * did carry a credential, whichever layer removed it (the reporter, global teardown, or the worker's exit).
 */
export function redactedFiles(dir: string): string[] {
  const markers = [{ name: 'redaction marker', literal: '[redacted' }];
  return scanArtifacts([dir], markers).hits.map((hit) => hit.where);
}

function* filesNamed(dir: string, name: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesNamed(path, name);
    else if (entry.name === name) yield path;
  }
}

/** Every `trace.zip` under a folder (one per traced test that has finished). */
export const tracesUnder = (dir: string): string[] => [...filesNamed(dir, 'trace.zip')];

/** The run has a finished traced test (so a later one is under way): the moment to interrupt it. */
export async function waitForFirstTrace(outDir: string, child: ChildProcess): Promise<void> {
  await expect
    .poll(() => (child.exitCode === null ? tracesUnder(outDir).length : 'exited'), {
      message: 'a traced test finished while the run went on',
      timeout: 60_000,
      intervals: [100],
    })
    .toBeGreaterThan(0);
}

/**
 * A user pressing Ctrl-C every 50 ms until the run stops: the first press interrupts the tests, a later one
 * the teardown (Playwright then skips global teardown), and any after that land while reporters run.
 */
export async function pressCtrlCUntilExit(child: ChildProcess, withinMs: number): Promise<number> {
  let presses = 0;
  await expect
    .poll(
      () => {
        if (child.exitCode !== null || child.signalCode !== null) return true;
        child.kill('SIGINT');
        presses += 1;
        return false;
      },
      { message: 'the run stops under repeated Ctrl-C', timeout: withinMs, intervals: [50] },
    )
    .toBe(true);
  return presses;
}

function holdsFiles(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? holdsFiles(join(dir, e.name)) : true,
  );
}

/**
 * Workers outlive a runner that stopped waiting for them; each removes its scratch folder when it exits (the
 * runner does too, if still there). No scratch folder holding a file: every worker that ran a test has exited
 * and written its last byte. (A worker started just before the end, that never ran a test, may leave an empty one.)
 */
export async function waitForWorkersGone(outDir: string, withinMs = 40_000): Promise<void> {
  await expect
    .poll(() => scratchFolders([outDir]).filter(holdsFiles), {
      message: 'every worker that ran a test exited',
      timeout: withinMs,
      intervals: [200],
    })
    .toEqual([]);
}
