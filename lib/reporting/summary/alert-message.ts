import type { DriftReport } from '../drift-report';
import { LATENCY_LABELS } from './failure-diagrams';
import type { JobSummaryInput } from './job-summary-markdown';
import { reportTests, type ReportTest } from './report-tests';
import { inlineJson } from './report-timeline';
import type { TrendWarning } from './trend-history';
import { seenBugs } from './netra-bugs';

/** A Slack-compatible incoming-webhook body: `text` for notifications, `blocks` for the message. */
export interface AlertPayload {
  text: string;
  blocks: (
    | { type: 'header'; text: { type: 'plain_text'; text: string } }
    | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
    | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  )[];
}

export interface AlertInput {
  title: string;
  /** The job summary's verdict: green only when every test passed and every job succeeded. */
  ok: boolean;
  summary: JobSummaryInput;
  /** The newest run's latency warnings. */
  warnings: readonly TrendWarning[];
  /** The GitHub run's page. */
  runUrl?: string;
  verdictOf: (test: ReportTest) => string;
  verdictLine: (test: ReportTest) => string;
  /** Applied to every line that goes out (tokens, secrets, the webhook's own URL). */
  redact: (text: string) => string;
}

/** Lines of each kind an alert carries at most; the run link leads to the rest. */
const ALERT_LINES = 10;
/** Slack's limit for one section's text is 3000 characters. */
const SECTION_CHARS = 2_900;

const clip = (text: string, chars: number): string =>
  text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
/** Slack's mrkdwn escaping (`&`, `<`, `>`), and no backtick to break the code span a line sits in. */
const plain = (text: string): string =>
  text.replace(/[&<>`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '`': "'" })[c] ?? c);

/** `phase: path expected X, received Y` of every drifted field of the failed tests, once each. */
function driftedFields(failed: readonly ReportTest[]): string[] {
  const lines = new Set<string>();
  for (const test of failed) {
    const report = inlineJson(test.attachments, 'protocol-drift.json') as DriftReport | undefined;
    for (const m of Array.isArray(report?.mismatches) ? report.mismatches : [])
      for (const issue of m.issues)
        lines.add(
          `${m.phase}: ${issue.path} expected ${issue.expected}, received ${issue.received === undefined ? 'undefined' : JSON.stringify(issue.received)}`,
        );
  }
  return [...lines];
}

function section(title: string, lines: readonly string[], redact: (t: string) => string) {
  const shown = lines.slice(0, ALERT_LINES).map((l) => `• \`${plain(redact(clip(l, 280)))}\``);
  if (lines.length > ALERT_LINES) shown.push(`…and ${lines.length - ALERT_LINES} more`);
  return {
    type: 'section' as const,
    text: { type: 'mrkdwn' as const, text: clip(`*${title}*\n${shown.join('\n')}`, SECTION_CHARS) },
  };
}

/**
 * The alert of a red nightly or of a trend warning: the verdict counts and lines, the drifted fields, the
 * latency warnings and the run link, every line redacted. Undefined for a green run without a warning.
 */
export function buildAlert(input: AlertInput): AlertPayload | undefined {
  if (input.ok && input.warnings.length === 0) return undefined;
  const tests = input.summary.reports.flatMap((r) => (r.report ? reportTests(r.report) : []));
  const failed = tests.filter((t) => t.outcome === 'unexpected');
  const counts = new Map<string, number>();
  for (const t of failed) counts.set(input.verdictOf(t), (counts.get(input.verdictOf(t)) ?? 0) + 1);
  const verdicts = [...counts].map(([v, n]) => `${v} ×${n}`).join(', ');
  const state = input.ok
    ? 'green, with a latency warning'
    : `red: ${failed.length} failed test(s)${verdicts ? ` (${verdicts})` : ''}`;
  const headline = input.redact(`${input.title}: ${state}`);
  const blocks: AlertPayload['blocks'] = [
    { type: 'header', text: { type: 'plain_text', text: clip(headline, 150) } },
  ];
  const missing = input.summary.reports
    .filter((r) => !r.report)
    .map((r) => `${r.name} is missing: its run produced no report`);
  const jobs = [input.summary.backend, input.summary.browser].flatMap((j) =>
    j && j.result !== 'success' && !(j === input.summary.backend && !input.summary.backend.defined)
      ? [`${j.project}: job ${j.result}`]
      : [],
  );
  if (missing.length || jobs.length) blocks.push(section('Jobs', [...jobs, ...missing], input.redact));
  if (failed.length)
    blocks.push(
      section(
        'Verdict lines',
        failed.map((t) => `${input.verdictLine(t)} (${t.id})`),
        input.redact,
      ),
    );
  const bugs = seenBugs(tests);
  if (bugs.length)
    blocks.push(
      section(
        'Known Netra bugs (expected failures, the frontend’s own)',
        bugs.map(
          ({ hit, tests: hitTests }) => `${hit.id} on ${hit.release} ×${hitTests.length}: ${hit.title}`,
        ),
        input.redact,
      ),
    );
  const drift = driftedFields(failed);
  if (drift.length) blocks.push(section('Drifted fields', drift, input.redact));
  if (input.warnings.length)
    blocks.push(
      section(
        'Latency warnings',
        input.warnings.map(
          (w) =>
            `${LATENCY_LABELS[w.metric]} p95 ${Math.round(w.p95)} ms is ${w.ratio.toFixed(2)}× the median ${Math.round(w.baseline)} ms of the runs before`,
        ),
        input.redact,
      ),
    );
  const runUrl = input.runUrl ? input.redact(input.runUrl) : undefined;
  if (runUrl)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${runUrl}|Open the run: summary, HTML report, frame timelines>` }],
    });
  return { text: clip(`${headline}${runUrl ? ` ${runUrl}` : ''}`, 500), blocks };
}
