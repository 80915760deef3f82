/** The id a welcome announces: fresh per connection, or under `fixed-connection-id` one id per token. */
export function connectionIdFor(
  claims: Record<string, unknown>,
  fault: string | undefined,
  fresh: () => string,
): string {
  if (fault !== 'fixed-connection-id') return fresh();
  const tokenId = typeof claims.jti === 'string' ? claims.jti : 'token';
  return `ws_standin_fixed_${tokenId.replace(/[^\w-]/g, '').slice(0, 8)}`;
}
