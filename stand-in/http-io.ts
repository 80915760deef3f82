import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;
/** An oversized body is read and dropped up to this much, so the client gets its 413; past it, the socket goes. */
const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/** A request the stand-in refuses with this status (e.g. 413 for an oversized body). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('vary', 'origin');
  }
  res.setHeader('access-control-allow-headers', 'authorization, content-type');
  res.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
}

/** The request target as a URL, or undefined when it is not one (`GET http://a:99999/`). */
export function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://stand-in');
  } catch {
    return undefined;
  }
}

/** The declared body size, when the client declared one. */
export function declaredBodyBytes(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

export const bodyTooLarge = () => new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);

/**
 * Answers with the error once the client has finished sending (what it sends is dropped, up to a bound): a
 * client still writing its body when the socket closes would see a reset instead of the answer.
 */
export function refuseAfterBody(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
  const answer = () => sendJson(res, error.status, { detail: error.message }, { connection: 'close' });
  if (req.complete) return answer();
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAINED_BYTES) req.destroy();
  });
  req.once('end', answer);
  req.once('error', () => res.destroy());
  return undefined;
}

/**
 * Reads a JSON body (bounded); undefined for an empty body, an Error for bad JSON. An oversized body throws an
 * `HttpError(413)` once it has been read to its end (dropped past the limit), so the answer is a 413, not a reset.
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_DRAINED_BYTES) req.destroy();
    else if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  if (size > MAX_BODY_BYTES) throw bodyTooLarge();
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return new Error('body is not JSON');
  }
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
