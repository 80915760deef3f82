import { parseNetraBug, type NetraBugHit } from '../../known-bugs/annotation';
import type { ReportTest } from './report-tests';

/** The annotation types the known-bug fixture writes besides `netra-bug` (fixtures/known-bugs.ts). */
const MISMATCH = 'known-bug-mismatch';
const NOT_STRUCK = 'known-bug-not-struck';

/** A known Netra bug seen in a run: the tests it failed, as expected, and one of its failures. */
export interface SeenBug {
  hit: NetraBugHit;
  tests: ReportTest[];
}

const hitsOf = (test: ReportTest): NetraBugHit[] =>
  test.annotations.flatMap((a) => parseNetraBug({ type: a.type, description: a.description ?? '' }) ?? []);

/** Tests that failed with a known Netra bug's signature, and so were expected to fail. */
export const isKnownBugFailure = (test: ReportTest): boolean =>
  test.outcome === 'expected' && test.status !== 'passed' && hitsOf(test).length > 0;

/** The known bugs a run met, by id and release, in the order first seen. */
export function seenBugs(tests: readonly ReportTest[]): SeenBug[] {
  const seen = new Map<string, SeenBug>();
  for (const test of tests.filter(isKnownBugFailure))
    for (const hit of hitsOf(test)) {
      const key = `${hit.id} ${hit.release}`;
      const entry = seen.get(key) ?? { hit, tests: [] };
      entry.tests.push(test);
      seen.set(key, entry);
    }
  return [...seen.values()];
}

const notes = (tests: readonly ReportTest[], type: string): { test: ReportTest; note: string }[] =>
  tests.flatMap((test) =>
    test.annotations.filter((a) => a.type === type).map((a) => ({ test, note: a.description ?? '' })),
  );

/** Failures where a known bug was expected but something else failed: real failures, worth a word. */
export const bugMismatches = (tests: readonly ReportTest[]) => notes(tests, MISMATCH);

/** Focused checks of intermittent bugs that passed this run. */
export const bugsNotStruck = (tests: readonly ReportTest[]) => notes(tests, NOT_STRUCK);

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * The job summary's section on Netra's own bugs: each known bug the run met (the app failing its user, listed
 * in lib/known-bugs/list.ts, so an expected failure, neither staging's fault nor the suite's), with what the
 * user suffers and the tests it failed; then expected bugs that did not show as themselves.
 */
export function netraBugSection(tests: readonly ReportTest[]): string[] {
  const seen = seenBugs(tests);
  const mismatches = bugMismatches(tests);
  const notStruck = bugsNotStruck(tests);
  if (!seen.length && !mismatches.length && !notStruck.length) return [];
  const out = ['### Known Netra bugs', ''];
  if (seen.length) {
    out.push(
      'Expected failures: the frontend failed its user as each listed bug says (`lib/known-bugs/list.ts`); neither staging nor the suite broke.',
      '',
      '| bug | release | what the user suffers | tests | source |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const { hit, tests: hitTests } of seen)
      out.push(
        `| **${cell(hit.id)}** ${cell(hit.title)} | ${cell(hit.release)} | ${cell(hit.suffers)} | ${hitTests.length}: ${cell(hitTests.map((t) => t.title).join('; '))} | ${cell(hit.source)} |`,
      );
    out.push('');
  }
  if (mismatches.length) {
    out.push('Expected a known bug, failed otherwise (real failures):', '');
    for (const { test, note } of mismatches) out.push(`- ${cell(test.id)}: ${cell(note)}`);
    out.push('');
  }
  if (notStruck.length) {
    out.push('Intermittent bugs that did not strike their check this run:', '');
    for (const { test, note } of notStruck) out.push(`- ${cell(test.id)}: ${cell(note)}`);
    out.push('');
  }
  return out;
}
