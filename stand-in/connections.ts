/** Open WebSocket connections by connection_id, so a test can have the server drop its own socket. */
export interface RegisteredConnection {
  userId: string;
  drop(code: number, reason: string): void;
}

export class ConnectionRegistry {
  private readonly byId = new Map<string, RegisteredConnection>();

  add(id: string, connection: RegisteredConnection): void {
    this.byId.set(id, connection);
  }

  remove(id: string, connection: RegisteredConnection): void {
    if (this.byId.get(id) === connection) this.byId.delete(id);
  }

  /** Drops the connection when it belongs to this user; false when there is no such connection of theirs. */
  drop(id: string, userId: string, code: number, reason: string): boolean {
    const connection = this.byId.get(id);
    if (!connection || connection.userId !== userId) return false;
    connection.drop(code, reason);
    return true;
  }
}

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
