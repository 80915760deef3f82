import { existsSync } from 'node:fs';
import { splitArgs } from './cli-args';
import type { JobSummaryInput, UpstreamJob } from './job-summary-markdown';
import { readReport } from './report-tests';
import { readHistory } from './trend-history';

/** The options the job summary and the alert share (the report files are the other arguments). */
const SUMMARY_OPTIONS = [
  'title',
  'backend-project',
  'backend-result',
  'backend-defined',
  'browser-project',
  'browser-result',
  'history',
];

/**
 * `--title=… --backend-project=… --backend-result=… --backend-defined=… --browser-project=…
 * --browser-result=… --history=trend-history/history.json reports/nightly.json …` as the summary's input.
 * `extra` names further options of the calling script, returned in `options`.
 */
export function summaryInputFromArgs(
  argv: readonly string[],
  extra: readonly string[] = [],
): { input: JobSummaryInput; options: Map<string, string> } {
  const { options, rest: files } = splitArgs(argv, [...SUMMARY_OPTIONS, ...extra]);
  const upstream = (prefix: 'backend' | 'browser'): UpstreamJob | undefined => {
    const project = options.get(`${prefix}-project`);
    const result = options.get(`${prefix}-result`);
    return project && result ? { project, result } : undefined;
  };
  const backend = upstream('backend');
  const browser = upstream('browser');
  const historyFile = options.get('history');
  const input: JobSummaryInput = {
    title: options.get('title') ?? 'Playwright',
    reports: files.map((name) => ({ name, report: existsSync(name) ? readReport(name) : undefined })),
    ...(backend ? { backend: { ...backend, defined: options.get('backend-defined') !== 'false' } } : {}),
    ...(browser ? { browser } : {}),
    ...(historyFile ? { history: readHistory(historyFile) } : {}),
  };
  return { input, options };
}
