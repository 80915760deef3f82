import { test, expect } from '@playwright/test';
import { importCircles, importGraph } from './import-graph';

/**
 * The folders are the architecture (CONVENTIONS.md): these checks keep it from eroding. Each names the
 * offending imports, so a red run says which line to move.
 */
const graph = importGraph(process.cwd());
const imports = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
const under =
  (...folders: string[]) =>
  (file: string) =>
    folders.some((folder) => file.startsWith(folder));
const standInInternals = (file: string): boolean =>
  file.startsWith('stand-in/') && file !== 'stand-in/contract.ts';
const offending = (from: (file: string) => boolean, to: (file: string) => boolean): string[] =>
  imports.filter((edge) => from(edge.from) && to(edge.to)).map((edge) => `${edge.from} → ${edge.to}`);

test.describe('architecture', () => {
  test('the import graph is read (the checks below see the real files)', () => {
    expect(graph.get('fixtures/index.ts')?.length ?? 0).toBeGreaterThan(0);
    expect(graph.get('stand-in/main.ts')?.length ?? 0).toBeGreaterThan(0);
  });

  test('a circle is found, however long', () => {
    const withCircle = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(importCircles(withCircle)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(
      importCircles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  test('no import circles', () => {
    expect(importCircles(graph).map((circle) => circle.join(', '))).toEqual([]);
  });

  test('the suite knows its stand-in only through stand-in/contract.ts', () => {
    const suite = under('lib/', 'fixtures/', 'flows/', 'e2e/', 'api/', 'scripts/', 'playwright.config.ts');
    expect(offending(suite, standInInternals)).toEqual([]);
  });

  test('lib/ is below the fixtures, flows and specs: it imports none of them', () => {
    const above = under('fixtures/', 'flows/', 'e2e/', 'api/', 'tests/', 'scripts/', 'bench/');
    expect(offending(under('lib/'), above)).toEqual([]);
  });

  test('fixtures are below the flows and specs', () => {
    expect(offending(under('fixtures/'), under('flows/', 'e2e/', 'api/', 'tests/'))).toEqual([]);
  });

  test('the stand-in shares only the protocol and the token format with the suite', () => {
    const shared = under('stand-in/', 'lib/protocol/', 'lib/secrets/tokens.ts');
    expect(offending(under('stand-in/'), (file) => !shared(file))).toEqual([]);
  });

  test('the protocol module depends on nothing else of the suite', () => {
    expect(offending(under('lib/protocol/'), (file) => !file.startsWith('lib/protocol/'))).toEqual([]);
  });
});
