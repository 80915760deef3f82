import { TOKEN_REJECTED_STATUSES, TokenRejectedBodySchema } from '../protocol';
import type { ContractClient } from '../clients/rest-contract';

/**
 * Token validation must refuse a bad token: HTTP 401/403, or a 2xx body with `valid: false`. Any other answer
 * fails naming the endpoint, the token presented and the field that gave it away (`body.valid`).
 */
export async function expectTokenRejected(
  api: ContractClient,
  check: { url: string; token: string; presented: string },
): Promise<void> {
  const answer = await api.send({ method: 'POST', url: check.url, data: { token: check.token } });
  if ((TOKEN_REJECTED_STATUSES as readonly number[]).includes(answer.status)) return;
  const isSuccess = answer.status >= 200 && answer.status < 300;
  if (isSuccess && TokenRejectedBodySchema.safeParse(answer.body).success) return;
  const valid = (answer.body as { valid?: unknown } | undefined)?.valid;
  throw api.failure(
    'protocol-drift',
    answer.endpoint,
    `accepted ${check.presented} (HTTP ${answer.status}); body: ${answer.preview || '(empty)'}`,
    [
      {
        path: isSuccess ? 'body.valid' : '(status)',
        expected: isSuccess ? 'false' : `${TOKEN_REJECTED_STATUSES.join(' or ')}, or 2xx with valid: false`,
        received: isSuccess ? valid : answer.status,
        message: 'a bad token must be refused',
      },
    ],
  );
}
