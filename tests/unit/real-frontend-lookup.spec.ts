import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadRealFrontendTarget } from '../../lib/setup/config';
import {
  defaultBuildPlace,
  describeRelease,
  lookUpRealFrontend,
  realFrontendSource,
} from '../../lib/setup/real-frontend';

/** A machine of its own per test: an empty cache folder, nothing beside the clone. */
let home: string;
const secret = { NETRA_STANDIN_SECRET: 'x'.repeat(32) };
const machine = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ HOME: home, ...secret, ...extra });

function standaloneBuild(folder: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'server.js'), '');
  return folder;
}

test.beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'netra-home-'));
});

test.afterEach(() => rmSync(home, { recursive: true, force: true }));

test.describe('where the real frontend is found', () => {
  test('the default place is ~/.cache/netra-e2e/frontend, or under XDG_CACHE_HOME', () => {
    expect(defaultBuildPlace({ HOME: '/home/qa' })).toBe('/home/qa/.cache/netra-e2e/frontend');
    expect(defaultBuildPlace({ HOME: '/home/qa', XDG_CACHE_HOME: '/var/cache/qa' })).toBe(
      '/var/cache/qa/netra-e2e/frontend',
    );
  });

  test('no build named and none at the default place: missing, and asked for it is one error naming the variable and the place', () => {
    const place = join(home, '.cache/netra-e2e/frontend');
    expect(lookUpRealFrontend(machine(), home)).toEqual({
      missing: `not set, and no build at ${place}`,
      place,
    });
    expect(() => realFrontendSource(machine(), home)).toThrow(
      new RegExp(
        `^Netra E2E configuration is invalid for the real-frontend project:\\n {2}- NETRA_REAL_FRONTEND: not set, and no build at ${place}\\. Set NETRA_REAL_FRONTEND to`,
      ),
    );
    expect(() => loadRealFrontendTarget(machine())).toThrow(/NETRA_REAL_FRONTEND: not set, and no build at/);
  });

  test('an empty folder at the default place is not a build, and says why', () => {
    mkdirSync(join(home, '.cache/netra-e2e/frontend'), { recursive: true });
    const lookup = lookUpRealFrontend(machine(), home);
    expect(lookup).toMatchObject({
      missing: expect.stringMatching(/holds no server\.js of a Next\.js standalone build/),
    });
  });

  test('a build one level down in the default place is found; its folder names the release', () => {
    const build = standaloneBuild(join(home, '.cache/netra-e2e/frontend/netra-frontend-beta-15'));
    expect(lookUpRealFrontend(machine(), home)).toEqual({
      found: { kind: 'folder', path: join(home, '.cache/netra-e2e/frontend') },
      named: false,
    });
    const target = loadRealFrontendTarget(machine());
    expect(target.release).toEqual({ tag: 'beta-15', from: `the build’s name, ${build}` });
    expect(describeRelease(target.release ?? { tag: undefined, from: '' })).toMatch(
      /^release beta-15 \(from the build’s name, .*netra-frontend-beta-15\): its known bugs are expected failures$/,
    );
  });

  test('a link at the default place names the release of the build it points to', () => {
    const build = standaloneBuild(join(home, 'builds/netra-frontend-beta-17'));
    mkdirSync(join(home, '.cache/netra-e2e'), { recursive: true });
    symlinkSync(build, join(home, '.cache/netra-e2e/frontend'));
    expect(loadRealFrontendTarget(machine()).release?.tag).toBe('beta-17');
  });

  test('NETRA_FRONTEND_TAG names the release over the build’s name; a build with no tag is judged as an unknown release', () => {
    standaloneBuild(join(home, '.cache/netra-e2e/frontend/netra-frontend-beta-15'));
    expect(loadRealFrontendTarget(machine({ NETRA_FRONTEND_TAG: 'beta-16' })).release).toEqual({
      tag: 'beta-16',
      from: 'NETRA_FRONTEND_TAG',
    });
    const mine = standaloneBuild(join(home, 'zen/frontend/.next/standalone'));
    const unknown = loadRealFrontendTarget(machine({ NETRA_REAL_FRONTEND: mine })).release;
    expect(unknown?.tag).toBeUndefined();
    expect(describeRelease(unknown ?? { tag: undefined, from: '' })).toMatch(
      /^release unknown \(no NETRA_FRONTEND_TAG, and no tag in the build’s name, .*standalone\): every check is plain, no expected failure$/,
    );
  });

  test('a NETRA_REAL_FRONTEND that names nothing usable is an error naming the variable', () => {
    expect(() => lookUpRealFrontend(machine({ NETRA_REAL_FRONTEND: join(home, 'nope') }), home)).toThrow(
      /NETRA_REAL_FRONTEND: .*nope does not exist/,
    );
    writeFileSync(join(home, 'build.zip'), '');
    expect(() => lookUpRealFrontend(machine({ NETRA_REAL_FRONTEND: join(home, 'build.zip') }), home)).toThrow(
      /NETRA_REAL_FRONTEND: .*build\.zip is a file but not a \.tar\.gz bundle/,
    );
    expect(lookUpRealFrontend(machine({ NETRA_REAL_FRONTEND: 'http://localhost:3000/chat' }), home)).toEqual({
      found: { kind: 'url', url: 'http://localhost:3000' },
      named: true,
    });
  });
});
