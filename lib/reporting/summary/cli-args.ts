/**
 * Splits a script's arguments into its own `--name=value` options and the rest, which it hands on to
 * Playwright (`npm run test:sharded -- --workers=1` passes `--workers=1` through).
 */
export function splitArgs(
  argv: readonly string[],
  own: readonly string[],
): { options: Map<string, string>; rest: string[] } {
  const options = new Map<string, string>();
  const rest: string[] = [];
  for (const arg of argv) {
    const match = /^--([\w-]+)=(.*)$/s.exec(arg);
    const name = match?.[1];
    if (name !== undefined && own.includes(name)) options.set(name, match?.[2] ?? '');
    else rest.push(arg);
  }
  return { options, rest };
}
