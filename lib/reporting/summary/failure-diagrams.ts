import { LATENCY_METRICS, type LatencyMetric } from '../latency';
import type { ReportTest } from './report-tests';
import { inlineJson, timelineOf } from './report-timeline';
import { sequenceMermaid } from './sequence-mermaid';

/** Failed tests the summary draws; the rest are listed by name (their pictures are in the HTML report). */
export const MAX_DIAGRAMS = 5;

export const LATENCY_LABELS: Record<LatencyMetric, string> = {
  welcomeMs: 'welcome',
  firstEventMs: 'first event',
  completionMs: 'final_report',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** One test's latency figures as a one-row table; `—` for a figure its frames never reached. */
function latencyRow(test: ReportTest): string[] {
  const figures = inlineJson(test.attachments, 'latency.json') as
    Partial<Record<LatencyMetric, unknown>> | undefined;
  const value = (m: LatencyMetric) =>
    typeof figures?.[m] === 'number' ? `${Math.round(figures[m])} ms` : '—';
  return [
    `| ${LATENCY_METRICS.map((m) => LATENCY_LABELS[m]).join(' | ')} |`,
    `| ${LATENCY_METRICS.map(() => '---').join(' | ')} |`,
    `| ${LATENCY_METRICS.map(value).join(' | ')} |`,
  ];
}

/**
 * For each failed test (up to `max`): its verdict line, its latency figures and a Mermaid sequence diagram of
 * its last frames with the frame that broke a check highlighted. Tests without a frame log get the line only.
 */
export function failureDiagrams(
  failed: readonly ReportTest[],
  verdictLine: (test: ReportTest) => string,
  max = MAX_DIAGRAMS,
  heading: { title: string; mark: string } = { title: 'Frame timelines of failed tests', mark: '❌' },
): string[] {
  const drawable = failed.filter((t) => timelineOf(t) !== undefined);
  if (drawable.length === 0) return [];
  const out = [`### ${heading.title}`, ''];
  for (const test of drawable.slice(0, max)) {
    const line = verdictLine(test);
    const timeline = timelineOf(test, line);
    if (!timeline) continue;
    out.push(
      `#### ${heading.mark} ${cell(test.id)}`,
      '',
      `\`${line.replace(/`/g, "'")}\``,
      '',
      ...latencyRow(test),
      '',
      '```mermaid',
      sequenceMermaid(timeline),
      '```',
      '',
    );
  }
  if (drawable.length > max)
    out.push(
      `${drawable.length - max} more failed test(s) with a frame log: their \`frame-timeline.png\` is in the HTML report.`,
      '',
    );
  return out;
}
