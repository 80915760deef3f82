import { percentile } from '../percentile';
import { driftSection } from './drift-summary';
import { MAX_DIAGRAMS, failureDiagrams } from './failure-diagrams';
import type { PlaywrightJsonReport, ReportAttachment, ReportTest } from './report-tests';
import { reportTests } from './report-tests';
import { trendSection } from './trend-chart';
import { isKnownBugFailure, netraBugSection, seenBugs } from './netra-bugs';
import type { TrendHistory } from './trend-history';

/** Annotation types the summary lists; issue-specific ones (latency, verdict, drift notes) show up as they come. */
const SUMMARY_ANNOTATION_TYPES = ['verdict', 'latency', 'protocol-note'] as const;
/** A per-test JSON attachment of latency figures (`{ "welcomeMs": 412, ... }`): summarised as p50/p95/max. */
const LATENCY_ATTACHMENT_NAME = 'latency.json';

export interface UpstreamJob {
  /** The Playwright project the job ran, e.g. `staging-api`. */
  project: string;
  /** The GitHub job result: success, failure, cancelled or skipped. */
  result: string;
}

export interface JobSummaryInput {
  title: string;
  /** Each report file by name; `report` undefined when its run produced none. */
  reports: { name: string; report: PlaywrightJsonReport | undefined }[];
  /** The backend contract job (no browser), run before the browser shards. */
  backend?: UpstreamJob & { defined: boolean };
  /** The browser shards' job. */
  browser?: UpstreamJob;
  /** Earlier nights (this one included): charted as a trend. */
  history?: TrendHistory;
}

export interface JobSummary {
  markdown: string;
  /** True only when every test passed (flaky counts as passed), at least one ran, and no job failed. */
  ok: boolean;
}

const MAX_LINE = 300;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const clip = (text: string): string => (text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text);

/** The first line of a test's error, the verdict line when there is one: `[protocol-drift] phase "welcome": ...`. */
function firstErrorLine(test: ReportTest): string {
  const line = test.errors.flatMap((e) => e.split('\n')).find((l) => l.trim() !== '') ?? `(${test.status})`;
  return clip(line.trim().replace(/^\w+: (?=\[)/, ''));
}

/** The test's `verdict` annotation (`ui-broken: expect(locator)…`), test- or result-level, if any. */
const verdictAnnotation = (test: ReportTest): string | undefined =>
  test.annotations.find((a) => a.type === 'verdict' && a.description)?.description;

/**
 * The verdict of a failure: the first word of its `verdict` annotation (every red test of ours has one, also
 * when its error is a plain locator or assertion error: `ui-broken`, `unclassified`), else the `[verdict]` its
 * first error line starts with.
 */
export function verdictOf(test: ReportTest): string | undefined {
  return (
    /^([a-z][\w-]*)(?=:|\s|$)/.exec(verdictAnnotation(test) ?? '')?.[1] ??
    /^\[([\w-]+)\]/.exec(firstErrorLine(test))?.[1]
  );
}

/** The line a reader acts on: the error's first line when it names a verdict, else the verdict annotation's. */
export function verdictLine(test: ReportTest): string {
  const line = firstErrorLine(test);
  const annotation = verdictAnnotation(test);
  if (/^\[[\w-]+\]/.test(line) || !annotation) return line;
  return clip(annotation.replace(/^([\w-]+): (?=\[\1\])/, ''));
}

function latencyFigures(attachment: ReportAttachment): [string, number][] {
  if (attachment.name !== LATENCY_ATTACHMENT_NAME || attachment.body === undefined) return [];
  try {
    const value: unknown = JSON.parse(Buffer.from(attachment.body, 'base64').toString('utf8'));
    if (typeof value !== 'object' || value === null) return [];
    return Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number');
  } catch {
    return [];
  }
}

function latencyTable(tests: readonly ReportTest[]): string[] {
  const byMetric = new Map<string, number[]>();
  for (const [metric, value] of tests.flatMap((t) => t.attachments.flatMap(latencyFigures)))
    byMetric.set(metric, [...(byMetric.get(metric) ?? []), value]);
  if (byMetric.size === 0) return [];
  const rows = [...byMetric].map(([metric, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const ms = (n: number): string => `${Math.round(n)} ms`;
    return `| ${cell(metric)} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(sorted.at(-1) ?? Number.NaN)} |`;
  });
  return [
    '### Latency',
    '',
    '| figure | tests | p50 | p95 | max |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

function upstreamLines(input: JobSummaryInput): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  let ok = true;
  const { backend, browser } = input;
  if (backend) {
    if (!backend.defined)
      lines.push(
        `- Backend contract: project ${code(backend.project)} is not defined in this suite, skipped.`,
      );
    else if (backend.result === 'success')
      lines.push(`- ✅ Backend contract (${code(backend.project)}): passed.`);
    else {
      ok = false;
      lines.push(`- ❌ Backend contract (${code(backend.project)}): ${backend.result}.`);
    }
  }
  if (browser) {
    if (backend?.defined && backend.result === 'failure' && browser.result === 'skipped')
      lines.push(`- ⛔ Browser tests (${code(browser.project)}): **blocked by backend drift**, not run.`);
    else if (browser.result === 'success')
      lines.push(`- ✅ Browser tests (${code(browser.project)}): passed.`);
    else lines.push(`- ❌ Browser tests (${code(browser.project)}): ${browser.result}.`);
    if (browser.result !== 'success') ok = false;
  }
  return { lines, ok };
}

/** Markdown for `$GITHUB_STEP_SUMMARY` from one or more Playwright JSON reports (a merged one, typically). */
export function renderJobSummary(input: JobSummaryInput): JobSummary {
  const tests = input.reports.flatMap((r) => (r.report ? reportTests(r.report) : []));
  const count = (outcome: ReportTest['outcome']): number => tests.filter((t) => t.outcome === outcome).length;
  const failed = tests.filter((t) => t.outcome === 'unexpected');
  const missing = input.reports.filter((r) => !r.report).map((r) => r.name);
  const runErrors = input.reports.flatMap((r) => (r.report?.errors ?? []).map((e) => e.message ?? ''));
  const upstream = upstreamLines(input);
  const ok =
    upstream.ok && failed.length === 0 && missing.length === 0 && runErrors.length === 0 && tests.length > 0;
  const duration = Math.max(0, ...input.reports.map((r) => r.report?.stats.duration ?? 0));

  const out = [`## ${input.title}: ${ok ? '✅ passed' : '❌ failed'}`, ''];
  out.push(
    '| passed | failed | known Netra bug | flaky | skipped | total | duration |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  const knownBug = tests.filter(isKnownBugFailure).length;
  out.push(
    `| ${count('expected') - knownBug} | ${failed.length} | ${knownBug} | ${count('flaky')} | ${count('skipped')} | ${tests.length} | ${(duration / 1000).toFixed(1)} s |`,
    '',
  );
  if (upstream.lines.length) out.push(...upstream.lines, '');
  for (const name of missing) out.push(`- ❌ ${code(name)} is missing: its run produced no report.`);
  for (const message of runErrors) out.push(`- ❌ run error: ${code(clip(message.split('\n')[0] ?? ''))}`);
  if (tests.length === 0 && missing.length === 0) out.push('- ❌ no test ran.');
  if (missing.length || runErrors.length || tests.length === 0) out.push('');

  if (failed.length) {
    const verdicts = new Map<string, number>();
    for (const t of failed) {
      const verdict = verdictOf(t) ?? '(none)';
      verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
    }
    out.push('### Verdicts', '', '| verdict | failed tests |', '| --- | --- |');
    for (const [verdict, n] of verdicts) out.push(`| ${cell(verdict)} | ${n} |`);
    out.push('', '### Failed tests', '');
    for (const t of failed) out.push(`- ${cell(t.id)}`, `  ${code(verdictLine(t))}`);
    out.push('');
    out.push(...driftSection(failed));
    out.push(...failureDiagrams(failed, verdictLine));
  }
  const flaky = tests.filter((t) => t.outcome === 'flaky');
  if (flaky.length) out.push('### Flaky (passed on retry)', '', ...flaky.map((t) => `- ${t.id}`), '');

  out.push(...netraBugSection(tests));
  out.push(
    ...failureDiagrams(
      seenBugs(tests).flatMap((bug) => bug.tests.slice(0, 1)),
      verdictLine,
      MAX_DIAGRAMS,
      { title: 'Frame timelines of known Netra bugs (one test each)', mark: '🐞' },
    ),
  );
  out.push(...latencyTable(tests));
  if (input.history) out.push(...trendSection(input.history));
  for (const type of SUMMARY_ANNOTATION_TYPES) {
    const rows = tests.flatMap((t) =>
      t.annotations
        .filter((a) => a.type === type)
        .map((a) => `| ${cell(t.id)} | ${cell(clip(a.description ?? ''))} |`),
    );
    if (rows.length)
      out.push(`### ${type} annotations`, '', '| test | ' + type + ' |', '| --- | --- |', ...rows, '');
  }

  const slowest = tests
    .filter((t) => t.outcome !== 'skipped')
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 5);
  if (slowest.length) {
    out.push('### Slowest tests', '', '| test | duration |', '| --- | --- |');
    for (const t of slowest) out.push(`| ${cell(t.id)} | ${(t.durationMs / 1000).toFixed(1)} s |`);
    out.push('');
  }
  return { markdown: out.join('\n'), ok };
}
