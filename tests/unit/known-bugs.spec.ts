import { expect, test } from '@playwright/test';
import { loadRealFrontendTarget, loadStagingTarget } from '../../lib/setup/config';
import { netraBugAnnotation, parseNetraBug } from '../../lib/known-bugs/annotation';
import { judgeKnownBugs, matchesSignature, type EndedTest } from '../../lib/known-bugs/judge';
import type { BugSignature, KnownBug } from '../../lib/known-bugs/known-bug';
import { KNOWN_FRONTEND_BUGS } from '../../lib/known-bugs/list';
import { tagInName } from '../../lib/setup/real-frontend';
import { GOOD_STAGING_ENV as staging } from './fixtures/staging-env';

/** Two bugs of a made-up release, one that strikes its tests and one that strikes anywhere. */
const WENT_BACK: BugSignature = {
  verdict: 'ui-broken',
  phase: /^switch to /,
  line: /went back to \/chat\/\S+, the thread the user left/,
};
const SWITCH_BACK: KnownBug = {
  id: 'BX',
  title: 'switch-back',
  releases: ['beta-15'],
  suffers: 'the page goes back.',
  source: 'app/chat/page.tsx:1',
  strikes: 'in its tests',
  tests: [/^P1-014 /],
  signatures: [WENT_BACK],
};
const LOST_EVENT: KnownBug = {
  ...SWITCH_BACK,
  id: 'BY',
  strikes: 'anywhere',
  tests: [/back to back/],
  signatures: [
    {
      verdict: 'ui-broken',
      phase: /./,
      line: /\(1?[0-9] ms after the frame before it; stamped \d+ ms after it\), but the page never showed/,
    },
  ],
};
const BUGS = [SWITCH_BACK, LOST_EVENT];

const switchBack =
  'E2EFailure: [ui-broken] phase "switch to thread_a (from /chat/thread_b)": the page never showed "one" of thread thread_a within deadlines.appReady (25000 ms); it went back to /chat/thread_b, the thread the user left\nlast frames seen: …';
const lostAnswer =
  '[ui-broken] phase "answer": final_report reached the page +3.210s (1 ms after the frame before it; stamped 310 ms after it), but the page never showed its executive_summary';
const ended = (title: string, status: EndedTest['status'], errors: string[] = []): EndedTest => ({
  titlePath: ['e2e/p1/messaging.spec.ts', 'P1 Messaging', title],
  status,
  errors,
});
const P1_014 = 'P1-014 switching threads from the sidebar shows each thread’s own history';

test.describe('known Netra bugs: a failure is expected only when it is the bug’s own', () => {
  test('a failure with the signature, on a listed release, is the bug, named with its release and failure', () => {
    const judged = judgeKnownBugs(ended(P1_014, 'failed', [switchBack]), 'beta-15', BUGS);
    expect(judged).toEqual({
      outcome: 'known bug',
      hits: [
        {
          id: 'BX',
          release: 'beta-15',
          title: 'switch-back',
          suffers: 'the page goes back.',
          source: 'app/chat/page.tsx:1',
          failure: switchBack.split('\n')[0]?.replace('E2EFailure: ', ''),
        },
      ],
    });
  });

  test('another failure of the same test is a real failure, naming the bug that was expected', () => {
    const history =
      '[protocol-drift] phase "switch to thread_a (from /chat/thread_b)": GET /api/threads/thread_a/messages returned a history that "one" is missing';
    expect(judgeKnownBugs(ended(P1_014, 'failed', [history]), 'beta-15', BUGS)).toEqual({
      outcome: 'real failure',
      expected: [SWITCH_BACK],
      unmatched: [history],
    });
    const locator = 'Error: expect(locator).toBeVisible() failed';
    expect(judgeKnownBugs(ended(P1_014, 'failed', [switchBack, locator]), 'beta-15', BUGS)).toMatchObject({
      outcome: 'real failure',
      unmatched: ['expect(locator).toBeVisible() failed'],
    });
    expect(judgeKnownBugs(ended(P1_014, 'timedOut', [switchBack]), 'beta-15', BUGS)).toMatchObject({
      outcome: 'real failure',
    });
  });

  test('a pass where the bug strikes every time says it no longer reproduces', () => {
    expect(judgeKnownBugs(ended(P1_014, 'passed'), 'beta-15', BUGS)).toEqual({
      outcome: 'no longer reproduces',
      bugs: [SWITCH_BACK],
    });
  });

  test('a bug that strikes anywhere is named in any test; only its focused check must reproduce it', () => {
    const journey = ended('P1-016 two users', 'failed', [lostAnswer]);
    expect(judgeKnownBugs(journey, 'beta-15', BUGS)).toMatchObject({
      outcome: 'known bug',
      hits: [{ id: 'BY' }],
    });
    expect(judgeKnownBugs(ended('P1-016 two users', 'passed'), 'beta-15', BUGS)).toEqual({
      outcome: 'plain',
    });
    expect(judgeKnownBugs(ended('frames delivered back to back', 'passed'), 'beta-15', BUGS)).toMatchObject({
      outcome: 'no longer reproduces',
      bugs: [LOST_EVENT],
    });
    const slow = lostAnswer.replace('(1 ms after the frame', '(400 ms after the frame');
    expect(judgeKnownBugs(ended('P1-016 two users', 'failed', [slow]), 'beta-15', BUGS).outcome).toBe(
      'plain',
    );
  });

  test('a pass of an intermittent bug’s check is noted as not struck, never as gone', () => {
    const race: KnownBug = { ...LOST_EVENT, intermittent: { measured: '1 of 6 runs' } };
    expect(judgeKnownBugs(ended('frames delivered back to back', 'passed'), 'beta-15', [race])).toEqual({
      outcome: 'not struck',
      bugs: [race],
    });
    expect(
      judgeKnownBugs(ended('frames delivered back to back', 'failed', [lostAnswer]), 'beta-15', [race]),
    ).toMatchObject({ outcome: 'known bug', hits: [{ id: 'BY' }] });
    const both = judgeKnownBugs(ended('frames delivered back to back', 'passed'), 'beta-15', [
      race,
      { ...SWITCH_BACK, tests: [/back to back/] },
    ]);
    expect(both, 'a bug of every run still turns the pass red').toMatchObject({
      outcome: 'no longer reproduces',
      bugs: [{ id: 'BX' }],
    });
  });

  test('a race its check makes certain on the stand-in: a pass there is gone, a pass against staging is noted', () => {
    const race: KnownBug = { ...LOST_EVENT, intermittent: { measured: 'every run', certainOn: 'stand-in' } };
    const passed = ended('frames delivered back to back', 'passed');
    expect(judgeKnownBugs({ ...passed, againstStandIn: true }, 'beta-15', [race])).toEqual({
      outcome: 'no longer reproduces',
      bugs: [race],
    });
    expect(judgeKnownBugs({ ...passed, againstStandIn: false }, 'beta-15', [race])).toEqual({
      outcome: 'not struck',
      bugs: [race],
    });
  });

  test('an unlisted or unknown release judges every check plainly', () => {
    for (const release of ['beta-99', undefined]) {
      expect(judgeKnownBugs(ended(P1_014, 'failed', [switchBack]), release, BUGS)).toEqual({
        outcome: 'plain',
      });
      expect(judgeKnownBugs(ended(P1_014, 'passed'), release, BUGS)).toEqual({ outcome: 'plain' });
    }
  });

  test('a signature holds the verdict, the phase and the line', () => {
    const signature = WENT_BACK;
    const line = switchBack.split('\n')[0]?.replace('E2EFailure: ', '') ?? '';
    expect(matchesSignature(line, signature)).toBe(true);
    expect(matchesSignature(line.replace('[ui-broken]', '[protocol-drift]'), signature)).toBe(false);
    expect(matchesSignature(line.replace('phase "switch to', 'phase "open'), signature)).toBe(false);
    expect(matchesSignature(line.replace('went back to', 'is on'), signature)).toBe(false);
  });

  test('the annotation reads back as the hit it was made from', () => {
    const hit = {
      id: 'B1',
      release: 'beta-15',
      title: 't',
      suffers: 'the user waits.',
      source: 'a.ts:1',
      failure: '[ui-broken] phase "x": y. z',
    };
    expect(parseNetraBug(netraBugAnnotation(hit))).toEqual(hit);
    expect(parseNetraBug({ type: 'verdict', description: 'x' })).toBeUndefined();
  });
});

test.describe('the known-bug list', () => {
  test('every entry names its releases, what the user suffers, its source, its tests and a signature', () => {
    const ids = KNOWN_FRONTEND_BUGS.map((bug) => bug.id);
    expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['B1', 'B2', 'B3', 'B4', 'B6', 'B7']));
    for (const bug of KNOWN_FRONTEND_BUGS) {
      expect(bug.releases.length, `${bug.id} releases`).toBeGreaterThan(0);
      expect(bug.suffers, `${bug.id} suffers`).toMatch(/\.$/);
      expect(bug.source, `${bug.id} source`).toMatch(/^frontend\/\S+\.tsx?/);
      expect(bug.tests.length, `${bug.id} has a focused check`).toBeGreaterThan(0);
      expect(bug.signatures.length, `${bug.id} signature`).toBeGreaterThan(0);
    }
  });

  test('the release comes from NETRA_FRONTEND_TAG or the build’s name; staging without a tag is unknown', () => {
    expect(tagInName('/builds/netra-frontend-beta-15.tar.gz')).toBe('beta-15');
    expect(tagInName('/builds/zen-v1.4.2/standalone')).toBe('v1.4.2');
    expect(tagInName('/builds/my-frontend/.next/standalone')).toBeUndefined();
    // A URL: nothing on disk is looked at, so the test holds on a clone with nothing beside it.
    const real = { NETRA_STANDIN_SECRET: 'x'.repeat(32), NETRA_REAL_FRONTEND: 'http://localhost:3000' };
    expect(loadRealFrontendTarget({ ...real, NETRA_FRONTEND_TAG: 'beta-15' }).release?.tag).toBe('beta-15');
    expect(loadRealFrontendTarget(real).release?.tag).toBeUndefined();
    expect(() => loadRealFrontendTarget({ ...real, NETRA_FRONTEND_TAG: 'beta 15' })).toThrow(
      /real-frontend project:\n {2}- NETRA_FRONTEND_TAG: expected a release tag such as beta-15; received "beta 15"/,
    );
    expect(loadStagingTarget(staging).release?.tag).toBeUndefined();
    expect(loadStagingTarget({ ...staging, NETRA_FRONTEND_TAG: 'beta-15' }).release?.tag).toBe('beta-15');
    expect(() => loadStagingTarget({ ...staging, NETRA_FRONTEND_TAG: 'beta 15; rm' })).toThrow(
      /NETRA_FRONTEND_TAG: expected a release tag such as beta-15/,
    );
  });
});
