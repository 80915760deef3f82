import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { renderJobSummary, verdictOf } from '../../lib/reporting/summary/job-summary-markdown';
import { readReport, reportTests } from '../../lib/reporting/summary/report-tests';
import {
  appendRun,
  chartWarnings,
  latestWarnings,
  readHistory,
  runEntry,
  type TrendHistory,
} from '../../lib/reporting/summary/trend-history';

const RECORDED = 'tests/unit/fixtures/recorded';
/** 14 nights; the last one's first event and final_report p95 jumped (1.6× their 7-run median). */
const HISTORY = `${RECORDED}/history-14.json`;
const red = readReport(`${RECORDED}/red-run.json`);
const meta = { runId: '42', label: '#42', startedAt: '2026-12-02T04:17:00Z' };

test.describe('trend history across nights', () => {
  test("a run's entry holds its counts, verdicts and latency percentiles", () => {
    const entry = runEntry(reportTests(red), (t) => verdictOf(t) ?? '(none)', meta);
    expect(entry).toMatchObject({
      ...meta,
      outcome: 'failed',
      counts: { passed: 0, failed: 4, flaky: 0, skipped: 0 },
      verdicts: { 'protocol-drift': 2, 'connection-lost': 1, 'ui-broken': 1 },
    });
    expect(Object.keys(entry.latency)).toEqual(['welcomeMs', 'firstEventMs', 'completionMs']);
    expect(entry.latency.welcomeMs?.count).toBe(4);
    expect(entry.latency.welcomeMs?.p95).toBeGreaterThanOrEqual(entry.latency.welcomeMs?.p50 ?? Infinity);
  });

  test('the history keeps the last 30 runs and a rerun replaces its own entry', () => {
    let history: TrendHistory = { version: 1, runs: [] };
    const entry = runEntry(reportTests(red), () => 'x', meta);
    for (let i = 0; i < 35; i++) history = appendRun(history, { ...entry, runId: String(i), label: `#${i}` });
    expect(history.runs).toHaveLength(30);
    expect(history.runs[0]?.runId).toBe('5');
    history = appendRun(history, { ...entry, runId: '34', label: 'rerun' });
    expect(history.runs.filter((r) => r.runId === '34').map((r) => r.label)).toEqual(['rerun']);
    expect(readHistory(join(tmpdir(), 'no-such-history.json'))).toEqual({ version: 1, runs: [] });
  });

  test('a p95 above 1.5× the median of the 7 runs before it warns; steady nights do not', () => {
    const history = readHistory(HISTORY);
    expect(history.runs).toHaveLength(14);
    expect(latestWarnings(history).map((w) => [w.label, w.metric, w.p95, w.baseline])).toEqual([
      ['#114', 'firstEventMs', 2950, 1840],
      ['#114', 'completionMs', 11800, 7200],
    ]);
    expect(chartWarnings(history).every((w) => w.label === '#114')).toBe(true);
    const steady = { ...history, runs: history.runs.slice(0, 13) };
    expect(latestWarnings(steady)).toEqual([]);
    // Too few earlier runs for a baseline: no warning, however high.
    expect(latestWarnings({ ...history, runs: history.runs.slice(11) })).toEqual([]);
  });

  test('the summary charts the last 14 runs with xychart-beta and flags the warnings', () => {
    const { markdown } = renderJobSummary({
      title: 'Nightly',
      reports: [{ name: 'nightly.json', report: red }],
      history: readHistory(HISTORY),
    });
    expect(markdown).toContain('### Trend over the last 14 run(s)');
    const charts = markdown.match(/```mermaid\n%%.*%%\nxychart-beta\n[\s\S]*?```/g) ?? [];
    expect(charts).toHaveLength(3);
    expect(charts[2]).toContain('title "final_report: p95 (red, upper) and p50 (blue, lower), ms"');
    expect(charts[2]).toContain('"#113", "#114 ⚠"]');
    expect(charts[2]).toContain(
      'line [6800, 7100, 6700, 7300, 6900, 7050, 8100, 7000, 7150, 6950, 7400, 7200, 7600, 11800]',
    );
    expect(charts[0]).not.toContain('⚠');
    expect(markdown).toContain('| #114 | final_report | 11800 ms | 7200 ms | 1.64× |');
    expect(markdown).toMatch(/\| \[#110\]\([^)]+\) \| ❌ \| 27 \| 4 \| 0 \| 3 \| 1 \|/);
  });

  test('scripts/trend-history.ts adds a run to the file the nightly caches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-trend-'));
    try {
      const file = join(dir, 'history.json');
      copyFileSync(HISTORY, file);
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/trend-history.ts',
          `${RECORDED}/red-run.json`,
          file,
          '--run-id=777',
          '--label=#115',
        ],
        { encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('trend history: 15 run(s)');
      const history = JSON.parse(readFileSync(file, 'utf8')) as TrendHistory;
      expect(history.runs.at(-1)).toMatchObject({ runId: '777', label: '#115', outcome: 'failed' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
