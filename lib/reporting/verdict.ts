import type { Verdict } from '../checks/failure';
import type { PendingWait } from '../recorder/frame-log';
import { stripAnsi } from './ansi';

/** A verdict, or `unclassified` when the error is none of ours (a plain assertion of the spec, a bug). */
export type VerdictName = Verdict | 'unclassified';

export const VERDICT_ANNOTATION = 'verdict';

const VERDICTS: readonly Verdict[] = [
  'staging-unreachable',
  'auth-rejected',
  'protocol-drift',
  'staging-broke-contract',
  'staging-broke-invariant',
  'test-is-stale',
  'agent-timeout',
  'connection-lost',
  'agent-error',
  'ui-broken',
];

const TAGGED = new RegExp(`\\[(${VERDICTS.join('|')})\\] phase "[^"]*":.*`);
/** Playwright's words for a locator action or web-first assertion that gave up. */
const LOCATOR_ERROR = /expect\(locator\)|\blocator\.\w+:|^Locator: |waiting for (get|locator)/m;
const NETWORK_UNREACHABLE =
  /net::ERR_(CONNECTION_REFUSED|NAME_NOT_RESOLVED|CONNECTION_TIMED_OUT|ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED)|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/;

export interface VerdictInput {
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  /** The test's error messages so far, in order. */
  errors: readonly string[];
  /** Frame waits still pending when the test ended. */
  pendingWaits?: readonly PendingWait[];
  /** True when a frame of the test failed its schema (waiters or teardown audit). */
  driftFound?: boolean;
  /** The test's timeout, for the timeout message. */
  timeoutMs?: number;
  /**
   * True for a line that is a known Netra bug's failure on the release under test: another tagged error, when
   * there is one, is what the reader must see first (the bug is named apart, in its `netra-bug` annotation).
   */
  isKnownBug?: (line: string) => boolean;
  now?: number;
}

export interface VerdictFinding {
  verdict: VerdictName;
  /** One line a 7 am reader can act on, starting with `[verdict]` when the suite wrote it. */
  firstLine: string;
}

const firstLineOf = (message: string) =>
  stripAnsi(message)
    .trim()
    .split('\n')[0]
    ?.replace(/^\w*(Error|Failure): /, '') ?? '';

/** What a test was waiting for when its timeout ran out: the phase and a summary naming the deadline. */
export function describePendingWait(
  wait: PendingWait,
  timeoutMs: number | undefined,
  now: number,
): { phase: string; summary: string } {
  const budget = timeoutMs === undefined ? 'the test timeout' : `the test timeout (${timeoutMs} ms)`;
  return {
    phase: wait.phase,
    summary: `${budget} ran out after ${now - wait.since} ms of waiting for ${wait.waitingFor}; ${wait.deadline.name} (${wait.deadline.ms} ms) had not passed yet`,
  };
}

/** The most recent wait still pending, the one the test was blocked on. */
export const latestPendingWait = (waits: Iterable<PendingWait>): PendingWait | undefined =>
  [...waits].sort((a, b) => b.since - a.since)[0];

/**
 * Reads a failed test's errors and frame state and says who to call: the suite's own `[verdict]` tag when an
 * error carries one, else a timeout with a pending frame wait (agent-timeout, naming the phase), a locator
 * failure while the frames were fine (ui-broken), a refused connection (staging-unreachable), or drift.
 */
export function deriveVerdict(input: VerdictInput): VerdictFinding {
  const messages = input.errors.map(stripAnsi);
  const tagged = messages.flatMap((message) => {
    const match = TAGGED.exec(message);
    const verdict = match?.[1] as Verdict | undefined;
    return match && verdict ? [{ verdict, firstLine: match[0] }] : [];
  });
  const finding = tagged.find((t) => !input.isKnownBug?.(t.firstLine)) ?? tagged[0];
  if (finding) return finding;
  const first = firstLineOf(messages[0] ?? '') || `test ${input.status}`;
  const pending = latestPendingWait(input.pendingWaits ?? []);
  if (input.status === 'timedOut' && pending) {
    const { phase, summary } = describePendingWait(pending, input.timeoutMs, input.now ?? Date.now());
    return { verdict: 'agent-timeout', firstLine: `[agent-timeout] phase "${phase}": ${summary}` };
  }
  const unreachable = messages.find((m) => NETWORK_UNREACHABLE.test(m));
  if (unreachable) return { verdict: 'staging-unreachable', firstLine: firstLineOf(unreachable) };
  if (input.driftFound) return { verdict: 'protocol-drift', firstLine: first };
  if (messages.some((m) => LOCATOR_ERROR.test(m))) return { verdict: 'ui-broken', firstLine: first };
  if (input.status === 'timedOut') return { verdict: 'agent-timeout', firstLine: first };
  return { verdict: 'unclassified', firstLine: first };
}

/** The annotation's text: `<verdict>: <first line>`. */
export const verdictDescription = (finding: VerdictFinding) => `${finding.verdict}: ${finding.firstLine}`;
