/** How a webhook post went: never the URL, which is the credential of an incoming webhook. */
export interface PostOutcome {
  delivered: boolean;
  attempts: number;
  /** The last HTTP status, when an answer came. */
  status?: number;
  /** Why the last attempt failed, without the URL. */
  reason?: string;
}

export interface PostOptions {
  /** Attempts in all (first try plus retries). */
  attempts?: number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Wait before retry n (the last value repeats). */
  backoffMs?: readonly number[];
}

const DEFAULTS = { attempts: 3, timeoutMs: 10_000, backoffMs: [1_000, 3_000] } as const;

/** 429 and 5xx are worth another try; any other status is the receiver's final word. */
const retriable = (status: number): boolean => status === 429 || status >= 500;

/** An error message with the URL and its host taken out (fetch errors can name both). */
function reasonOf(error: unknown, url: string): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    // not a URL: nothing more to hide than the string itself
  }
  const words = `${message}${typeof cause === 'string' ? ` (${cause})` : ''}`;
  return [url, host].filter(Boolean).reduce((text, secret) => text.split(secret).join('[webhook]'), words);
}

/**
 * POSTs a JSON body to a webhook with bounded retries (network errors, timeouts, 429 and 5xx), each attempt
 * with its own timeout. Resolves with what happened; never throws and never reveals the URL.
 */
export async function postWebhook(
  url: string,
  body: unknown,
  options: PostOptions = {},
): Promise<PostOutcome> {
  const attempts = Math.max(1, options.attempts ?? DEFAULTS.attempts);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const backoff = options.backoffMs ?? DEFAULTS.backoffMs;
  let outcome: PostOutcome = { delivered: false, attempts: 0 };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const wait = backoff[Math.min(attempt - 2, backoff.length - 1)] ?? 0;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      await response.arrayBuffer().catch(() => undefined);
      outcome = { delivered: response.ok, attempts: attempt, status: response.status };
      if (response.ok || !retriable(response.status)) return outcome;
      outcome.reason = `HTTP ${response.status}`;
    } catch (error) {
      outcome = { delivered: false, attempts: attempt, reason: reasonOf(error, url) };
    }
  }
  return outcome;
}
