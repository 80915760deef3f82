import type { Verdict } from '../checks/failure';

/**
 * The failure a known bug causes, down to its first line `[verdict] phase "<phase>": <rest>`: a failure of the
 * same test with another verdict, phase or wording is not this bug, and stays a real failure.
 */
export interface BugSignature {
  verdict: Verdict;
  phase: RegExp;
  /** Matched against the rest of the first line, after `phase "…": `. */
  line: RegExp;
}

/**
 * A bug of Netra's own frontend, as a TestExpectations line: the releases that have it, what the user suffers,
 * where in Netra's source it comes from, the tests it strikes and the failure it causes there.
 */
export interface KnownBug {
  id: string;
  /** A few words, e.g. `no second message without a reload`. */
  title: string;
  /** Release tags that have it (`beta-15`). */
  releases: readonly string[];
  /** One line: what the user suffers. */
  suffers: string;
  /** The source location that causes it, in netra-systems/zen. */
  source: string;
  /**
   * `in its tests`: the tests in `tests` fail with the signature on a listed release. `anywhere`: it may strike
   * any test (at random, or every test of a release), and is named wherever its signature shows; the tests in
   * `tests` are its focused checks.
   */
  strikes: 'in its tests' | 'anywhere';
  /**
   * Absent: its tests fail every time on a listed release, and a pass there means the bug is gone. Present: a race
   * that shows in some runs only (how often, as measured): a pass of its tests is noted, not a failure, because
   * one run cannot tell gone from not struck this time. `certainOn: 'stand-in'`: its focused check makes it
   * certain against the stand-in (it asks for the delivery that causes it), so there a pass means gone; against
   * another backend (staging) the backend's own timing decides, and a pass is noted.
   */
  intermittent?: { measured: string; certainOn?: 'stand-in' };
  /** Titles (any part of the title path) of the tests it strikes every time; its focused check first. */
  tests: readonly RegExp[];
  /** The failures it causes; a test hit by the bug fails with one of them. */
  signatures: readonly BugSignature[];
}
