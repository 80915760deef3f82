import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { ApiRequest } from './api-request';
import { E2EFailure, type Verdict } from '../checks/failure';
import { toSchemaIssues, type SchemaIssue } from '../protocol';
import type { Redactor } from '../secrets/redact';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface EndpointRequest {
  method: HttpMethod;
  /** Full URL: the target's API, auth or frontend origin plus the path. */
  url: string;
  /** The endpoint as the contract names it, e.g. `GET /api/threads/<id>` (default: method and path). */
  endpoint?: string;
  data?: unknown;
  /** Replaces the context's headers for this call (e.g. another user's Bearer). */
  headers?: Record<string, string>;
}

export interface EndpointCall<S extends z.ZodType> extends EndpointRequest {
  schema: S;
  /** Statuses that are the documented answer (default: any 2xx). */
  statuses?: readonly number[];
}

export interface RawAnswer {
  endpoint: string;
  status: number;
  /** The JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
  /** The body as text, redacted and cut short, for messages. */
  preview: string;
}

const PREVIEW_CHARS = 300;

function verdictFor(status: number): Verdict {
  if (status === 401 || status === 403) return 'auth-rejected';
  return status >= 500 ? 'staging-unreachable' : 'protocol-drift';
}

/**
 * Calls one endpoint of the backend contract and checks the answer against the protocol module's schema.
 * Every failure is an `E2EFailure` whose phase is `REST <endpoint>` and whose issues name the status or the
 * body field (`body.updated_at: expected string, received undefined`).
 */
export class ContractClient {
  constructor(
    private readonly request: ApiRequest,
    private readonly redactor: Redactor,
    private readonly timeoutMs: number,
  ) {}

  endpointOf(call: EndpointRequest): string {
    return call.endpoint ?? `${call.method} ${new URL(call.url).pathname}`;
  }

  /** Sends the request and returns status and JSON body without judging them (for answers with alternatives). */
  async send(call: EndpointRequest): Promise<RawAnswer> {
    const endpoint = this.endpointOf(call);
    const response = await this.request
      .fetch(call.url, {
        method: call.method,
        timeout: this.timeoutMs,
        ...(call.data === undefined ? {} : { data: call.data }),
        ...(call.headers ? { headers: call.headers } : {}),
      })
      .catch((error: unknown) => {
        throw new E2EFailure({
          verdict: 'staging-unreachable',
          phase: `REST ${endpoint}`,
          // ApiRequest's message: method, URL, Playwright's first line and the call log without headers.
          summary: `no answer within deadlines.apiCall (${this.timeoutMs} ms): ${error instanceof Error ? error.message : String(error)}`,
        });
      });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    const redacted = this.redactor.text(text);
    const preview = redacted.length > PREVIEW_CHARS ? `${redacted.slice(0, PREVIEW_CHARS)}…` : redacted;
    return { endpoint, status: response.status(), body, preview };
  }

  /** Calls the endpoint; fails on an undocumented status, a non-JSON body or a body that fails the schema. */
  async call<S extends z.ZodType>(call: EndpointCall<S>): Promise<{ status: number; body: z.infer<S> }> {
    const answer = await this.send(call);
    const { endpoint, status, preview } = answer;
    const statusOk = call.statuses ? call.statuses.includes(status) : status >= 200 && status < 300;
    if (!statusOk) {
      const expected = call.statuses ? call.statuses.join(' or ') : '2xx';
      throw this.failure(
        verdictFor(status),
        endpoint,
        `answered HTTP ${status}, expected ${expected}; body: ${preview || '(empty)'}`,
        [{ path: '(status)', expected, received: status, message: 'unexpected status' }],
      );
    }
    const parsed = call.schema.safeParse(answer.body);
    if (!parsed.success) {
      throw this.failure(
        'protocol-drift',
        endpoint,
        `HTTP ${status} body does not match the contract schema; body: ${preview || '(empty)'}`,
        toSchemaIssues(parsed.error, answer.body, ['body']),
      );
    }
    return { status, body: parsed.data };
  }

  /** A value the schema cannot pin down (e.g. `body.user_id` is the token's sub), failing like a schema issue. */
  expectValue(
    endpoint: string,
    check: { path: string; expected: unknown; received: unknown; meaning?: string },
  ): void {
    if (isDeepStrictEqual(check.expected, check.received)) return;
    const expected = check.meaning ?? JSON.stringify(check.expected);
    throw this.failure('protocol-drift', endpoint, 'the answer has the right shape but a wrong value', [
      { path: check.path, expected, received: check.received, message: 'value check' },
    ]);
  }

  failure(verdict: Verdict, endpoint: string, summary: string, issues: SchemaIssue[] = []): E2EFailure {
    return new E2EFailure({ verdict, phase: `REST ${endpoint}`, summary, issues });
  }
}
