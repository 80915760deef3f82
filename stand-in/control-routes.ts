import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StandInContext } from './context';
import { bearerToken, sendJson } from './http-io';

/** Close code of a server-side drop: 1012, "service restart", as a deploy would close it. */
export const DROP_CLOSE_CODE = 1012;

/** `POST` here (Bearer: the socket owner's token) makes the stand-in drop that socket, as a restart would. */
export const dropConnectionPath = (connectionId: string): string =>
  `/__standin/connections/${encodeURIComponent(connectionId)}/drop`;
export const DROP_CONNECTION_PATTERN = /^\/__standin\/connections\/([\w-]+)\/drop$/;

export async function dropConnection(
  ctx: StandInContext,
  req: IncomingMessage,
  res: ServerResponse,
  _url: URL,
  [id]: string[],
): Promise<void> {
  const claims = await ctx.authenticate(bearerToken(req));
  if (!claims) return sendJson(res, 401, { detail: 'Invalid or missing token' });
  const dropped = ctx.connections.drop(id ?? '', claims.sub, DROP_CLOSE_CODE, 'stand-in: server restart');
  if (dropped) sendJson(res, 200, { dropped: id });
  else sendJson(res, 404, { detail: `no open connection ${id ?? ''} of this user` });
}
