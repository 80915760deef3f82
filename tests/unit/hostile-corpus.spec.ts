import { expect, test } from '@playwright/test';
import {
  describeIssue,
  parseJsonFrame,
  parseServerFrame,
  parseWelcome,
  type ParsedServerFrame,
} from '../../lib/protocol';
import { WELCOME_CONFIG } from '../../stand-in/frames';
import { hostileCorpus } from '../../stand-in/hostile-corpus';

/**
 * Every malformed or hostile server frame yields either a precise schema issue (a path plus expected and
 * received) or, for well-formed frames of an unknown type or a later system message, a documented note —
 * never a throw.
 */
/** How the suite answers a frame: a precise schema issue, an ignored unknown type, or the run's size check. */
function classify(
  parsed: ParsedServerFrame,
  bytes: number,
): 'schema-error' | 'ignored-unknown-type' | 'later-system-message' | 'oversized' | 'accepted' {
  if (!parsed.ok) {
    return parsed.issues.length > 0 && parsed.issues.every((i) => i.path.length > 0 && i.expected.length > 0)
      ? 'schema-error'
      : 'accepted';
  }
  if (parsed.kind === 'unknown') return 'ignored-unknown-type';
  // A system_message that is no welcome (no data.event) is a later notice (e.g. disconnect_acknowledged):
  // as a socket's first frame the welcome check refuses it (the next test).
  if (parsed.kind === 'system_message') return 'later-system-message';
  return bytes > WELCOME_CONFIG.max_message_size ? 'oversized' : 'accepted';
}

test.describe('hostile frame corpus', () => {
  const corpus = hostileCorpus();

  test('holds at least 200 frames of every kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(corpus.filter((f) => typeof f.payload !== 'string').length).toBeGreaterThanOrEqual(20);
  });

  test('each frame is rejected with a precise issue or noted as an unknown type, without throwing', () => {
    const started = performance.now();
    const outcomes = corpus.map((frame) => {
      const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8');
      return { name: frame.name, bytes: Buffer.byteLength(text), parsed: parseServerFrame(text) };
    });
    const elapsedMs = performance.now() - started;
    for (const { name, bytes, parsed } of outcomes) {
      const outcome = classify(parsed, bytes);
      const detail = parsed.ok ? `accepted as ${parsed.kind}` : parsed.issues.map(describeIssue).join('; ');
      expect(outcome, `${name}: ${detail}`).not.toBe('accepted');
    }
    test.info().annotations.push({
      type: 'corpus',
      description: `${corpus.length} frames parsed in ${elapsedMs.toFixed(0)} ms`,
    });
    expect(elapsedMs, 'the whole corpus parses in well under a second per frame').toBeLessThan(
      corpus.length * 100,
    );
  });

  test('the welcome check is just as precise on the same corpus', () => {
    for (const frame of corpus) {
      const json = parseJsonFrame(
        typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8'),
      );
      const welcome = json.ok ? parseWelcome(json.value) : undefined;
      expect(
        json.ok ? welcome?.ok === false || welcome?.kind === 'welcome' : json.issue.path === '(frame)',
      ).toBe(true);
    }
  });
});
