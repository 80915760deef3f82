/**
 * The order of a matrix's release columns, oldest first: `beta-N` by N, then `vX.Y.Z` by version, then any other
 * tag in the order given. (Netra tags betas before versions; a tag of neither kind says nothing of its age.)
 */
const BETA = /^beta-(\d+)$/;
const SEMVER = /^v(\d+)\.(\d+)\.(\d+)$/;

/** [family, numbers…]: betas (0), versions (1), anything else (2, kept in the given order). */
function sortKey(tag: string): number[] {
  const beta = BETA.exec(tag);
  if (beta) return [0, Number(beta[1])];
  const semver = SEMVER.exec(tag);
  if (semver) return [1, Number(semver[1]), Number(semver[2]), Number(semver[3])];
  return [2];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The items sorted oldest release first; items of equal key (other tags) keep the order they came in. */
export function oldestFirst<T>(items: readonly T[], tagOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, key: sortKey(tagOf(item)) }))
    .sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index)
    .map(({ item }) => item);
}
