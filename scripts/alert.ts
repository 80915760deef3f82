import { SECRET_VARIABLES, STAND_IN_ENV } from '../lib/setup/config';
import { Redactor } from '../lib/secrets/redact';
import { buildAlert } from '../lib/reporting/summary/alert-message';
import { renderJobSummary, verdictLine, verdictOf } from '../lib/reporting/summary/job-summary-markdown';
import { summaryInputFromArgs } from '../lib/reporting/summary/summary-args';
import { latestWarnings } from '../lib/reporting/summary/trend-history';
import { postWebhook } from '../lib/reporting/summary/webhook';

/**
 * Posts the nightly's alert to `NETRA_ALERT_WEBHOOK` (Slack-compatible JSON) when the run is red or its
 * latency trend warns; nothing for a green run, nothing without the variable. Same arguments as the job
 * summary, plus `--run-url=`:
 *
 *   NETRA_ALERT_WEBHOOK=… npx tsx scripts/alert.ts --title=Nightly --history=trend-history/history.json \
 *     --run-url="$RUN_URL" reports/nightly.json
 *
 * Every line is redacted (tokens, the secrets of the environment, the webhook URL itself); the URL is never
 * printed. A webhook that keeps failing after the bounded retries is a warning: the summary step already
 * fails a red run.
 */
const WEBHOOK_ENV = 'NETRA_ALERT_WEBHOOK';

async function main(): Promise<void> {
  const { input, options } = summaryInputFromArgs(process.argv.slice(2), ['run-url', 'attempts']);
  const webhook = process.env[WEBHOOK_ENV]?.trim() ?? '';
  const redactor = new Redactor([
    webhook,
    process.env[STAND_IN_ENV.secret],
    ...SECRET_VARIABLES.map((name) => process.env[name]),
  ]);
  const summary = renderJobSummary(input);
  const warnings = input.history ? latestWarnings(input.history) : [];
  const runUrl = options.get('run-url');
  const payload = buildAlert({
    title: input.title,
    ok: summary.ok,
    summary: input,
    warnings,
    ...(runUrl ? { runUrl } : {}),
    verdictOf: (t) => verdictOf(t) ?? '(none)',
    verdictLine,
    redact: (text) => redactor.text(text),
  });
  if (!payload) {
    console.log('alert: the run is green and no latency trend warns: nothing to send');
    return;
  }
  if (!webhook) {
    console.log(`alert: ${WEBHOOK_ENV} is not set: the alert is not sent`);
    return;
  }
  const attempts = Number(options.get('attempts') ?? 3);
  const outcome = await postWebhook(webhook, payload, { attempts });
  if (outcome.delivered) console.log(`alert: sent to ${WEBHOOK_ENV} (HTTP ${outcome.status ?? '?'})`);
  else
    console.log(
      `::warning::alert: ${WEBHOOK_ENV} did not take the alert after ${outcome.attempts} attempt(s): ${outcome.reason ?? `HTTP ${outcome.status ?? '?'}`}`,
    );
}

void main();
