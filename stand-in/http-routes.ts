import type { IncomingMessage, ServerResponse } from 'node:http';
import { CreateThreadRequestSchema, REST_PATHS, UpdateThreadRequestSchema } from '../helpers/protocol';
import { mintAccessToken } from '../helpers/tokens';
import type { StandInContext } from './context';
import { FAULT_CLAIM } from './faults';
import { bearerToken, readJson, sendJson } from './http-io';
import { IDENTITY_PATH, secretFingerprint } from './identity';

type Handler = (
  ctx: StandInContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: string[],
) => Promise<void>;

async function requireUser(ctx: StandInContext, req: IncomingMessage, res: ServerResponse) {
  const claims = await ctx.authenticate(bearerToken(req));
  if (!claims) sendJson(res, 401, { detail: 'Invalid or missing token' });
  return claims;
}

const health: Handler = async (_ctx, _req, res) => {
  sendJson(res, 200, { status: 'ready' });
};

const authConfig: Handler = async (_ctx, _req, res) => {
  sendJson(res, 200, {
    development_mode: false,
    oauth_enabled: true,
    google_client_id: 'stand-in-0000000000-netra-e2e-local-client.apps.googleusercontent.com',
  });
};

const validateToken: Handler = async (ctx, req, res) => {
  const body = await readJson(req);
  const fromBody = body && typeof body === 'object' && 'token' in body ? body.token : undefined;
  const token = typeof fromBody === 'string' ? fromBody : bearerToken(req);
  const claims = await ctx.authenticate(token);
  if (!claims) {
    sendJson(res, 401, { valid: false, error: 'invalid token' });
    return;
  }
  sendJson(res, 200, {
    valid: true,
    user_id: claims.sub,
    user: { id: claims.sub, email: claims.email, full_name: 'Netra E2E User' },
  });
};

const refresh: Handler = async (ctx, req, res) => {
  const body = await readJson(req);
  const token = body && typeof body === 'object' && 'refresh_token' in body ? body.refresh_token : undefined;
  const claims = await ctx.authenticate(typeof token === 'string' ? token : undefined);
  if (!claims) {
    sendJson(res, 401, { detail: 'Invalid refresh token' });
    return;
  }
  const fault = claims[FAULT_CLAIM];
  const access = await mintAccessToken({
    secret: ctx.secret,
    userId: claims.sub,
    email: claims.email,
    ...(fault ? { extraClaims: { [FAULT_CLAIM]: fault } } : {}),
  });
  sendJson(res, 200, { access_token: access, token_type: 'Bearer' });
};

const listThreads: Handler = async (ctx, req, res, url) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 20) || 20, 100);
  const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
  sendJson(res, 200, ctx.threads.list(user.sub, limit, offset));
};

const createThread: Handler = async (ctx, req, res) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const body = CreateThreadRequestSchema.safeParse((await readJson(req)) ?? {});
  if (!body.success) {
    sendJson(res, 422, { detail: body.error.issues });
    return;
  }
  sendJson(res, 200, ctx.threads.create(user.sub, body.data.title));
};

const getThread: Handler = async (ctx, req, res, _url, [id]) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const thread = ctx.threads.get(user.sub, id ?? '');
  if (thread) sendJson(res, 200, thread);
  else sendJson(res, 404, { detail: 'Thread not found' });
};

const updateThread: Handler = async (ctx, req, res, _url, [id]) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const body = UpdateThreadRequestSchema.safeParse((await readJson(req)) ?? {});
  if (!body.success) {
    sendJson(res, 422, { detail: body.error.issues });
    return;
  }
  const thread = ctx.threads.update(user.sub, id ?? '', body.data);
  if (thread) sendJson(res, 200, thread);
  else sendJson(res, 404, { detail: 'Thread not found' });
};

const threadMessages: Handler = async (ctx, req, res, url, [id]) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const messages = ctx.threads.messages(user.sub, id ?? '');
  if (!messages) {
    sendJson(res, 404, { detail: 'Thread not found' });
    return;
  }
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, 200);
  const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
  sendJson(res, 200, {
    thread_id: id,
    messages: messages.slice(offset, offset + limit),
    total: messages.length,
    limit,
    offset,
  });
};

const websocketTicket: Handler = async (ctx, req, res) => {
  const token = bearerToken(req);
  const user = await requireUser(ctx, req, res);
  if (!user || !token) return;
  sendJson(res, 200, { ...ctx.tickets.issue(token), websocket_url: ctx.frontendEnv.NEXT_PUBLIC_WS_URL });
};

const mcpConfig: Handler = async (_ctx, _req, res) => {
  sendJson(res, 200, { enabled: false, servers: [] });
};
const emptyList: Handler = async (_ctx, _req, res) => {
  sendJson(res, 200, []);
};
const identity: Handler = async (ctx, _req, res) => {
  sendJson(res, 200, { fingerprint: secretFingerprint(ctx.secret) });
};

const notFound: Handler = async (_ctx, _req, res) => {
  sendJson(res, 404, { detail: 'Not Found' });
};

/** Method + path pattern → handler. Capture groups become params. */
export const API_ROUTES: { method: string; pattern: RegExp; handler: Handler }[] = [
  { method: 'GET', pattern: /^\/health(?:\/ready)?$/, handler: health },
  { method: 'GET', pattern: new RegExp(`^${IDENTITY_PATH}$`), handler: identity },
  { method: 'GET', pattern: new RegExp(`^${REST_PATHS.authConfig}$`), handler: authConfig },
  { method: 'POST', pattern: new RegExp(`^${REST_PATHS.validateToken}$`), handler: validateToken },
  { method: 'POST', pattern: new RegExp(`^${REST_PATHS.refresh}$`), handler: refresh },
  { method: 'GET', pattern: /^\/api\/threads$/, handler: listThreads },
  { method: 'POST', pattern: /^\/api\/threads$/, handler: createThread },
  { method: 'GET', pattern: /^\/api\/threads\/([\w-]+)$/, handler: getThread },
  { method: 'PUT', pattern: /^\/api\/threads\/([\w-]+)$/, handler: updateThread },
  { method: 'GET', pattern: /^\/api\/threads\/([\w-]+)\/messages$/, handler: threadMessages },
  { method: 'POST', pattern: new RegExp(`^${REST_PATHS.websocketTicket}$`), handler: websocketTicket },
  { method: 'GET', pattern: new RegExp(`^${REST_PATHS.mcpConfig}$`), handler: mcpConfig },
  { method: 'GET', pattern: /^\/api\/mcp\/(?:servers|tools)$/, handler: emptyList },
  { method: 'GET', pattern: new RegExp(`^${REST_PATHS.discoveryServices}$`), handler: notFound },
];
