import type { APIRequestContext, APIResponse } from '@playwright/test';
import type { Redactor } from '../secrets/redact';
import { stripAnsi } from '../reporting/ansi';

type FetchOptions = NonNullable<Parameters<APIRequestContext['fetch']>[1]>;
type MethodOptions = Omit<FetchOptions, 'method'>;

/** Playwright's call log lists every request and response header as `    - name: value`. */
const HEADER_LINE = /^\s{3,}- [\w-]+: /;
const CALL_PREFIX = /^(?:Error: )?apiRequestContext\.\w+: /;

/** A request that got no answer; its message names the method and URL and never a header. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
}

/** The first line of Playwright's error and its call log without the header lines, redacted. */
function describeRequestFailure(method: string, url: string, error: unknown, redactor: Redactor): string {
  const raw = stripAnsi(error instanceof Error ? error.message : String(error));
  const [first = '', ...log] = raw.split('\n');
  const steps = log.filter((line) => line.trim() && line.trim() !== 'Call log:' && !HEADER_LINE.test(line));
  const callLog = steps.length ? `\nCall log (headers withheld):\n${steps.join('\n')}` : '';
  return redactor.text(`${method} ${url}: ${first.replace(CALL_PREFIX, '')}${callLog}`);
}

/**
 * The one way our code calls an HTTP API. Playwright's `APIRequestContext` puts its call log, every request
 * header included (`authorization: Bearer <jwt>`), into the error of a request that fails; that error would
 * land in the JSON, JUnit, HTML and blob reports and the CI log. Here a failure becomes an `ApiRequestError`
 * naming the method and URL, with the call log's steps but none of its headers, redacted, and no `cause`.
 * Same methods and options as `APIRequestContext`.
 */
export class ApiRequest {
  constructor(
    private readonly request: APIRequestContext,
    private readonly redactor: Redactor,
  ) {}

  get(url: string, options: MethodOptions = {}): Promise<APIResponse> {
    return this.fetch(url, { ...options, method: 'GET' });
  }

  post(url: string, options: MethodOptions = {}): Promise<APIResponse> {
    return this.fetch(url, { ...options, method: 'POST' });
  }

  put(url: string, options: MethodOptions = {}): Promise<APIResponse> {
    return this.fetch(url, { ...options, method: 'PUT' });
  }

  delete(url: string, options: MethodOptions = {}): Promise<APIResponse> {
    return this.fetch(url, { ...options, method: 'DELETE' });
  }

  async fetch(url: string, options: FetchOptions = {}): Promise<APIResponse> {
    try {
      return await this.request.fetch(url, options);
    } catch (error) {
      throw new ApiRequestError(describeRequestFailure(options.method ?? 'GET', url, error, this.redactor));
    }
  }
}
