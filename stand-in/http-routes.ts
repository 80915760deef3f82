import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  AuthConfigSchema,
  CreateThreadRequestSchema,
  HealthReadySchema,
  McpConfigSchema,
  McpToolsSchema,
  REST_PATHS,
  RefreshResponseSchema,
  ThreadListSchema,
  ThreadMessagesSchema,
  ThreadSchema,
  UpdateThreadRequestSchema,
  ValidateTokenResponseSchema,
  WebSocketTicketResponseSchema,
  type Thread,
} from '../lib/protocol';
import { mintAccessToken } from '../lib/secrets/tokens';
import { sendContract } from './contract-response';
import type { StandInContext } from './context';
import { FAULT_CLAIM, type FaultHooks, type ReplaceableRoute } from './faults';
import { bearerToken, readJson, sendJson } from './http-io';
import { IDENTITY_PATH, secretFingerprint } from './identity';

type Handler = (
  ctx: StandInContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: string[],
) => Promise<void>;

/** The hooks of the fault named by the caller's Bearer token, for REST faults on endpoints that need no sign-in. */
const callerHooks = async (ctx: StandInContext, req: IncomingMessage): Promise<FaultHooks> =>
  ctx.faults.forClaims(await ctx.authenticate(bearerToken(req)));

/**
 * Sends the answer the caller's fault puts in place of this route's (on routes that need no sign-in: from the
 * Bearer token, if any); false when there is none.
 */
async function sentReplacement(
  ctx: StandInContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: ReplaceableRoute,
): Promise<boolean> {
  const answer = (await callerHooks(ctx, req)).answers?.[route];
  if (answer) sendJson(res, answer.status, answer.body);
  return answer !== undefined;
}

async function requireUser(ctx: StandInContext, req: IncomingMessage, res: ServerResponse) {
  const claims = await ctx.authenticate(bearerToken(req));
  if (!claims) sendJson(res, 401, { detail: 'Invalid or missing token' });
  return claims;
}

/** The JSON body (none reads as `{}`) when the schema accepts it; else answers 422 with the issues. */
async function readBody<T>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  const body = schema.safeParse((await readJson(req)) ?? {});
  if (body.success) return body.data;
  sendJson(res, 422, { detail: body.error.issues });
  return undefined;
}

/** Thread answers pass through here: a fault may send another body. */
function sendThread(res: ServerResponse, thread: Thread, hooks: FaultHooks): void {
  if (hooks.threadBody) return sendJson(res, 200, hooks.threadBody(thread));
  return sendContract(res, ThreadSchema, thread);
}

const health: Handler = async (ctx, req, res) => {
  if (await sentReplacement(ctx, req, res, 'health')) return;
  sendContract(res, HealthReadySchema, { status: 'ready' });
};

const GOOGLE_CLIENT_ID = 'stand-in-0000000000-netra-e2e-local-client.apps.googleusercontent.com';

const authConfig: Handler = async (ctx, req, res) => {
  if (await sentReplacement(ctx, req, res, 'authConfig')) return;
  sendContract(res, AuthConfigSchema, {
    development_mode: false,
    oauth_enabled: true,
    google_client_id: GOOGLE_CLIENT_ID,
  });
};

const validateToken: Handler = async (ctx, req, res) => {
  const body = await readJson(req);
  const fromBody = body && typeof body === 'object' && 'token' in body ? body.token : undefined;
  const token = typeof fromBody === 'string' ? fromBody : bearerToken(req);
  const claims = await ctx.authenticate(token);
  if (!claims || ctx.faults.forClaims(claims).refuseValidation?.(claims.jti)) {
    sendJson(res, 401, { valid: false, error: 'invalid token' });
    return;
  }
  sendContract(res, ValidateTokenResponseSchema, {
    valid: true,
    user_id: claims.sub,
    user: { id: claims.sub, email: claims.email, full_name: 'Netra E2E User' },
  });
};

const refresh: Handler = async (ctx, req, res) => {
  const body = await readJson(req);
  const token = body && typeof body === 'object' && 'refresh_token' in body ? body.refresh_token : undefined;
  const claims = await ctx.authenticateRefresh(typeof token === 'string' ? token : undefined);
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
  sendContract(res, RefreshResponseSchema.loose(), { access_token: access, token_type: 'Bearer' });
};

const listThreads: Handler = async (ctx, req, res, url) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 20) || 20, 100);
  const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
  const { threadListScope, threadBody } = ctx.faults.forClaims(user);
  const threads = ctx.threads.list(user.sub, limit, offset, threadListScope === 'everyone');
  if (threadBody) {
    sendJson(res, 200, threads.map(threadBody));
    return;
  }
  sendContract(res, ThreadListSchema, threads);
};

const createThread: Handler = async (ctx, req, res) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const body = await readBody(req, res, CreateThreadRequestSchema);
  if (!body) return;
  sendThread(res, ctx.threads.create(user.sub, body.title), ctx.faults.forClaims(user));
};

const getThread: Handler = async (ctx, req, res, _url, [id]) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const thread = ctx.threads.get(user.sub, id ?? '');
  if (thread) sendThread(res, thread, ctx.faults.forClaims(user));
  else sendJson(res, 404, { detail: 'Thread not found' });
};

const updateThread: Handler = async (ctx, req, res, _url, [id]) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const body = await readBody(req, res, UpdateThreadRequestSchema);
  if (!body) return;
  const thread = ctx.threads.update(user.sub, id ?? '', body);
  if (thread) sendThread(res, thread, ctx.faults.forClaims(user));
  else sendJson(res, 404, { detail: 'Thread not found' });
};

const threadMessages: Handler = async (ctx, req, res, url, [id]) => {
  const user = await requireUser(ctx, req, res);
  if (!user) return;
  const hooks = ctx.faults.forClaims(user);
  const stored = ctx.threads.messages(user.sub, id ?? '', hooks.historyScope === 'anyone');
  const messages = stored && (hooks.history?.(stored) ?? stored);
  if (!messages) {
    sendJson(res, 404, { detail: 'Thread not found' });
    return;
  }
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, 200);
  const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
  sendContract(res, ThreadMessagesSchema, {
    thread_id: id ?? '',
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
  const ticket = ctx.tickets.issue(token, ctx.faults.forClaims(user).reusableTickets === true);
  sendContract(res, WebSocketTicketResponseSchema, {
    ...ticket,
    websocket_url: ctx.frontendEnv.NEXT_PUBLIC_WS_URL,
  });
};

const mcpConfig: Handler = async (_ctx, _req, res) => {
  sendContract(res, McpConfigSchema, { enabled: false, servers: [] });
};
const mcpTools: Handler = async (ctx, req, res) => {
  if (await sentReplacement(ctx, req, res, 'mcpTools')) return;
  sendContract(res, McpToolsSchema, []);
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
  { method: 'GET', pattern: /^\/api\/mcp\/servers$/, handler: emptyList },
  { method: 'GET', pattern: /^\/api\/mcp\/tools$/, handler: mcpTools },
  { method: 'GET', pattern: new RegExp(`^${REST_PATHS.discoveryServices}$`), handler: notFound },
];
