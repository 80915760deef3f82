import type { TargetConfig } from './config';
import { E2EFailure } from '../checks/failure';
import { REST_PATHS } from '../protocol';

export interface EndpointProbe {
  name: string;
  url: string;
  ok: boolean;
  /** `200 in 12 ms`, `connection refused (ECONNREFUSED) after 3 ms`, `no answer within 5000 ms`. */
  outcome: string;
}

/** The health endpoints a chat journey needs before anything else: the backend, auth and the frontend. */
function preflightEndpoints(target: TargetConfig): { name: string; url: string }[] {
  return [
    { name: 'API health', url: `${target.apiUrl}${REST_PATHS.healthReady}` },
    { name: 'auth config', url: `${target.authUrl}${REST_PATHS.authConfig}` },
    { name: 'frontend', url: `${target.frontendUrl}/` },
  ];
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const code = cause?.code ?? (error instanceof Error ? error.message : String(error));
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed',
    ECONNRESET: 'connection reset',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
  };
  return `${words[code] ?? cause?.message ?? 'request failed'} (${code})`;
}

/** GETs one endpoint with a short timeout; a 2xx (after redirects) is reachable. */
async function probeEndpoint(name: string, url: string, timeoutMs: number): Promise<EndpointProbe> {
  const started = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    await response.body?.cancel();
    const took = `${Date.now() - started} ms`;
    return {
      name,
      url,
      ok: response.ok,
      outcome: `${response.status} ${response.statusText} in ${took}`.trim(),
    };
  } catch (error) {
    return {
      name,
      url,
      ok: false,
      outcome: `${describeFetchError(error, timeoutMs)} after ${Date.now() - started} ms`,
    };
  }
}

/**
 * Is the deployment there at all? Probes every health endpoint at once with `deadlines.preflight` and fails
 * with one `[staging-unreachable]` error naming each endpoint that did not answer 2xx; the projects that
 * depend on the preflight are then skipped instead of timing out one by one.
 */
export async function expectReachable(target: TargetConfig): Promise<EndpointProbe[]> {
  const timeoutMs = target.deadlines.preflight;
  const probes = await Promise.all(
    preflightEndpoints(target).map(({ name, url }) => probeEndpoint(name, url, timeoutMs)),
  );
  const down = probes.filter((p) => !p.ok);
  if (down.length === 0) return probes;
  throw new E2EFailure({
    verdict: 'staging-unreachable',
    phase: 'preflight',
    summary: `${down.map((p) => p.name).join(', ')} did not answer (${down.length} of ${probes.length} endpoints); the tests that need ${target.name} are skipped`,
    issues: probes.map((p) => ({
      path: `${p.name} GET ${p.url}`,
      expected: `2xx within ${timeoutMs} ms`,
      received: p.outcome,
      message: p.ok ? 'reachable' : 'unreachable',
    })),
  });
}
