import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { LATENCY_METRICS, summarizeLatency, type LatencyMetric } from '../latency';
import type { ReportTest } from './report-tests';
import { inlineJson } from './report-timeline';

/**
 * A small history of nightly runs, one entry per run: its latency figures (p50 and p95 of welcome, first
 * event and final_report) and its verdict counts. The nightly reads it back from its cache, adds the night's
 * run and saves it again; the job summary charts the last runs and flags a p95 that jumped.
 */
const FiguresSchema = z.object({ p50: z.number(), p95: z.number(), count: z.number() });
const RunEntrySchema = z.object({
  runId: z.string(),
  /** Shown on the chart's x axis, e.g. `#128`. */
  label: z.string(),
  startedAt: z.string(),
  url: z.string().optional(),
  outcome: z.enum(['passed', 'failed']),
  counts: z.object({ passed: z.number(), failed: z.number(), flaky: z.number(), skipped: z.number() }),
  verdicts: z.record(z.string(), z.number()),
  latency: z.partialRecord(z.enum(LATENCY_METRICS), FiguresSchema),
});
const TrendHistorySchema = z.object({ version: z.literal(1), runs: z.array(RunEntrySchema) });
export type RunEntry = z.infer<typeof RunEntrySchema>;
export type TrendHistory = z.infer<typeof TrendHistorySchema>;

/** Runs kept in the file: the chart shows 14, each point's baseline needs the 7 before it. */
const HISTORY_KEEP = 30;
export const CHART_RUNS = 14;
export const BASELINE_RUNS = 7;
/** A p95 above this many times its baseline median is a warning. */
export const WARNING_FACTOR = 1.5;
/** A baseline needs at least this many earlier runs with the figure. */
const MIN_BASELINE = 3;

const emptyHistory = (): TrendHistory => ({ version: 1, runs: [] });

/** The history file, or an empty history when it is missing or unreadable (the first night, a new cache). */
export function readHistory(file: string): TrendHistory {
  if (!existsSync(file)) return emptyHistory();
  try {
    const parsed = TrendHistorySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : emptyHistory();
  } catch {
    return emptyHistory();
  }
}

export interface RunMeta {
  runId: string;
  label: string;
  startedAt: string;
  url?: string;
}

/** The figures of one run from its report's tests: counts, verdicts of the failed tests, latency percentiles. */
export function runEntry(
  tests: readonly ReportTest[],
  verdictOf: (test: ReportTest) => string,
  meta: RunMeta,
): RunEntry {
  const count = (outcome: ReportTest['outcome']) => tests.filter((t) => t.outcome === outcome).length;
  const failed = tests.filter((t) => t.outcome === 'unexpected');
  const verdicts: Record<string, number> = {};
  for (const t of failed) verdicts[verdictOf(t)] = (verdicts[verdictOf(t)] ?? 0) + 1;
  const runs = tests.flatMap((t) => {
    const value = inlineJson(t.attachments, 'latency.json');
    return value !== null && typeof value === 'object' ? [value] : [];
  });
  const latency: RunEntry['latency'] = {};
  for (const s of summarizeLatency(runs)) latency[s.metric] = { p50: s.p50, p95: s.p95, count: s.count };
  return {
    ...meta,
    outcome: failed.length === 0 && tests.length > 0 ? 'passed' : 'failed',
    counts: {
      passed: count('expected'),
      failed: failed.length,
      flaky: count('flaky'),
      skipped: count('skipped'),
    },
    verdicts,
    latency,
  };
}

/** The history with this run added (a rerun of the same run replaces its entry), the oldest dropped. */
export function appendRun(history: TrendHistory, entry: RunEntry, keep = HISTORY_KEEP): TrendHistory {
  const runs = [...history.runs.filter((r) => r.runId !== entry.runId), entry];
  return { version: 1, runs: runs.slice(-keep) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export interface TrendWarning {
  runId: string;
  label: string;
  metric: LatencyMetric;
  p95: number;
  /** Median p95 of the up to 7 runs before. */
  baseline: number;
  ratio: number;
}

/** The warning of run `index` for `metric`: its p95 above 1.5× the median p95 of the 7 runs before it. */
function warningAt(
  runs: readonly RunEntry[],
  index: number,
  metric: LatencyMetric,
): TrendWarning | undefined {
  const run = runs[index];
  const p95 = run?.latency[metric]?.p95;
  if (!run || p95 === undefined) return undefined;
  const before = runs
    .slice(0, index)
    .flatMap((r) => (r.latency[metric] ? [r.latency[metric].p95] : []))
    .slice(-BASELINE_RUNS);
  if (before.length < MIN_BASELINE) return undefined;
  const baseline = median(before);
  if (!(baseline > 0) || p95 <= WARNING_FACTOR * baseline) return undefined;
  return { runId: run.runId, label: run.label, metric, p95, baseline, ratio: p95 / baseline };
}

/** Every warning over the last `CHART_RUNS` runs (what the chart flags), oldest first. */
export function chartWarnings(history: TrendHistory): TrendWarning[] {
  const { runs } = history;
  const from = Math.max(0, runs.length - CHART_RUNS);
  return runs
    .slice(from)
    .flatMap((_, i) => LATENCY_METRICS.flatMap((m) => warningAt(runs, from + i, m) ?? []));
}

/** The warnings of the newest run: what the alert fires on. */
export function latestWarnings(history: TrendHistory): TrendWarning[] {
  const last = history.runs.length - 1;
  return last < 0 ? [] : LATENCY_METRICS.flatMap((m) => warningAt(history.runs, last, m) ?? []);
}
