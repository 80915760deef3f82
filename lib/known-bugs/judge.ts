import { stripAnsi } from '../reporting/ansi';
import type { BugSignature, KnownBug } from './known-bug';
import type { NetraBugHit } from './annotation';

/** What a test ended as, as the known-bug judge needs it. */
export interface EndedTest {
  /** `describe › … › title`. */
  titlePath: readonly string[];
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  /** Every error of the test (soft ones included), as Playwright reports them. */
  errors: readonly string[];
  /** It ran against our stand-in, which delivers as the test asks (absent: another backend). */
  againstStandIn?: boolean;
}

/**
 * - `plain`: no known bug concerns this test on this release (unknown release, or passed as it should).
 * - `known bug`: every error of the failed test is the failure of a bug listed for this release: an expected
 *   failure, named.
 * - `real failure`: the test failed, and at least one error is no known bug's (listed for the test or not).
 * - `no longer reproduces`: the test passed where a listed bug strikes every time.
 * - `not struck`: the test passed where only intermittent bugs are listed: noted, since one run cannot tell
 *   (a race its check makes certain on the stand-in is not intermittent there).
 */
export type BugJudgement =
  | { outcome: 'plain' }
  | { outcome: 'known bug'; hits: NetraBugHit[] }
  | { outcome: 'real failure'; expected: KnownBug[]; unmatched: string[] }
  | { outcome: 'no longer reproduces'; bugs: KnownBug[] }
  | { outcome: 'not struck'; bugs: KnownBug[] };

const TAGGED = /^\[([\w-]+)\] phase "([^"]*)": (.*)$/;

/** An error's first line, without colours or the `Error: ` Playwright puts before it. */
export function firstLineOf(message: string): string {
  const line =
    stripAnsi(message)
      .split('\n')
      .find((l) => l.trim() !== '') ?? '';
  return line.trim().replace(/^\w*(Error|Failure): /, '');
}

export function matchesSignature(line: string, signature: BugSignature): boolean {
  const tagged = TAGGED.exec(line);
  if (!tagged) return false;
  const [, verdict = '', phase = '', rest = ''] = tagged;
  return verdict === signature.verdict && signature.phase.test(phase) && signature.line.test(rest);
}

/** True when the line is the failure of a bug listed for this release: the reader's first line is another. */
export function isKnownBugLine(
  line: string,
  release: string | undefined,
  bugs: readonly KnownBug[],
): boolean {
  if (release === undefined) return false;
  return bugs.some(
    (bug) => bug.releases.includes(release) && bug.signatures.some((s) => matchesSignature(line, s)),
  );
}

const strikes = (bug: KnownBug, titlePath: readonly string[]) =>
  bug.tests.some((test) => titlePath.some((title) => test.test(title)));

const hitOf = (bug: KnownBug, release: string, failure: string): NetraBugHit => ({
  id: bug.id,
  release,
  title: bug.title,
  suffers: bug.suffers,
  source: bug.source,
  failure,
});

/**
 * Judges an ended test against the known bugs of the release under test. Bugs that strike `in its tests` concern
 * the tests they list; bugs that strike `anywhere` concern every test. A failure is expected only when each
 * of its errors carries the signature of one of those bugs.
 */
export function judgeKnownBugs(
  test: EndedTest,
  release: string | undefined,
  bugs: readonly KnownBug[],
): BugJudgement {
  if (release === undefined || test.status === 'skipped' || test.status === 'interrupted')
    return { outcome: 'plain' };
  const ofRelease = bugs.filter((bug) => bug.releases.includes(release));
  const listed = ofRelease.filter((bug) => strikes(bug, test.titlePath));
  if (test.status === 'passed') {
    const everyTime = listed.filter(
      (bug) =>
        !bug.intermittent || (bug.intermittent.certainOn === 'stand-in' && test.againstStandIn === true),
    );
    if (everyTime.length) return { outcome: 'no longer reproduces', bugs: everyTime };
    return listed.length ? { outcome: 'not struck', bugs: listed } : { outcome: 'plain' };
  }
  const concerned = [
    ...listed,
    ...ofRelease.filter((bug) => bug.strikes === 'anywhere' && !listed.includes(bug)),
  ];
  const lines = test.errors.map(firstLineOf).filter(Boolean);
  const hits: NetraBugHit[] = [];
  const unmatched: string[] = [];
  for (const line of lines) {
    const bug = concerned.find((b) => b.signatures.some((s) => matchesSignature(line, s)));
    if (bug) {
      if (!hits.some((h) => h.id === bug.id)) hits.push(hitOf(bug, release, line));
    } else unmatched.push(line);
  }
  // A timeout is no bug's signature: the test ran out of time, whatever it had seen before.
  if (test.status === 'failed' && lines.length > 0 && unmatched.length === 0)
    return { outcome: 'known bug', hits };
  return listed.length || hits.length
    ? {
        outcome: 'real failure',
        expected: listed,
        unmatched: unmatched.length ? unmatched : [`test ${test.status}`],
      }
    : { outcome: 'plain' };
}
