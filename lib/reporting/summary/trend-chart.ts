import { LATENCY_METRICS } from '../latency';
import { LATENCY_LABELS } from './failure-diagrams';
import { CHART_RUNS, WARNING_FACTOR, BASELINE_RUNS, chartWarnings, type TrendHistory } from './trend-history';

/** The first line is p95 (red), the second p50 (blue): Mermaid's default palette draws p95 almost white. */
const CHART_INIT = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#d7263d, #1d4ed8"}}}}%%';

const ms = (n: number): string => `${Math.round(n)} ms`;
const quoted = (text: string): string => `"${text.replace(/"/g, "'")}"`;

/**
 * The trend section of the job summary: for welcome, first event and final_report a Mermaid `xychart-beta`
 * of p95 (upper line) and p50 (lower line) over the last 14 runs, runs with a warning marked ⚠ on the x axis,
 * a table of the warnings, and the verdict counts per run. Nothing when the history has no run yet.
 */
export function trendSection(history: TrendHistory): string[] {
  const runs = history.runs.slice(-CHART_RUNS);
  if (runs.length === 0) return [];
  const warnings = chartWarnings(history);
  const out = [`### Trend over the last ${runs.length} run(s)`, ''];
  for (const metric of LATENCY_METRICS) {
    const points = runs.flatMap((r) => (r.latency[metric] ? [{ run: r, figures: r.latency[metric] }] : []));
    if (points.length === 0) continue;
    const flagged = new Set(warnings.filter((w) => w.metric === metric).map((w) => w.runId));
    const top = Math.max(...points.map((p) => p.figures.p95));
    out.push(
      '```mermaid',
      CHART_INIT,
      'xychart-beta',
      `    title ${quoted(`${LATENCY_LABELS[metric]}: p95 (red, upper) and p50 (blue, lower), ms`)}`,
      `    x-axis [${points.map((p) => quoted(`${p.run.label}${flagged.has(p.run.runId) ? ' ⚠' : ''}`)).join(', ')}]`,
      `    y-axis "ms" 0 --> ${Math.ceil((top * 1.15) / 10) * 10}`,
      `    line [${points.map((p) => Math.round(p.figures.p95)).join(', ')}]`,
      `    line [${points.map((p) => Math.round(p.figures.p50)).join(', ')}]`,
      '```',
      '',
    );
  }
  if (warnings.length) {
    out.push(
      `**⚠ Latency warnings** (a p95 above ${WARNING_FACTOR}× the median p95 of the ${BASELINE_RUNS} runs before it):`,
      '',
      '| run | figure | p95 | baseline median | ratio |',
      '| --- | --- | --- | --- | --- |',
      ...warnings.map(
        (w) =>
          `| ${w.label} | ${LATENCY_LABELS[w.metric]} | ${ms(w.p95)} | ${ms(w.baseline)} | ${w.ratio.toFixed(2)}× |`,
      ),
      '',
    );
  } else
    out.push(
      `No latency warning: no p95 above ${WARNING_FACTOR}× the median of the ${BASELINE_RUNS} runs before it.`,
      '',
    );
  const verdictNames = [...new Set(runs.flatMap((r) => Object.keys(r.verdicts)))].sort();
  out.push(
    `| ${['run', 'result', 'passed', 'failed', ...verdictNames].join(' | ')} |`,
    `|${[0, 1, 2, 3, ...verdictNames].map(() => ' --- |').join('')}`,
    ...runs.map((r) => {
      const name = r.url ? `[${r.label}](${r.url})` : r.label;
      const verdicts = verdictNames.map((v) => ` ${r.verdicts[v] ?? 0} |`).join('');
      return `| ${name} | ${r.outcome === 'passed' ? '✅' : '❌'} | ${r.counts.passed} | ${r.counts.failed} |${verdicts}`;
    }),
    '',
  );
  return out;
}
