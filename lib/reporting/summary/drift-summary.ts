import { DRIFT_ATTACHMENT, type DriftReport } from '../drift-report';
import type { ReportAttachment, ReportTest } from './report-tests';

const ACCEPT = 'npm run protocol:accept-drift -- reports/protocol-drift.json';
const MAX_LINE = 300;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const clip = (text: string): string => (text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text);

function driftOf(attachment: ReportAttachment): DriftReport | undefined {
  if (attachment.name !== DRIFT_ATTACHMENT || attachment.body === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(attachment.body, 'base64').toString('utf8')) as DriftReport;
  } catch {
    return undefined;
  }
}

/**
 * Who is at fault for each drifted frame a page judged, and the fix for the stale ones: the unified diff to
 * lib/protocol/, once per distinct patch, with the command that applies it. Nothing when no drift was judged.
 */
export function driftSection(tests: readonly ReportTest[]): string[] {
  const judged = tests.flatMap((test) =>
    test.attachments
      .map(driftOf)
      .flatMap((report) => report?.mismatches ?? [])
      .filter((m) => m.verdict !== undefined)
      .map((m) => ({ test, record: m })),
  );
  if (judged.length === 0) return [];
  const out = [
    '### Protocol drift: staging or the test?',
    '',
    '| test | verdict | what the user got |',
    '| --- | --- | --- |',
    ...judged.map(
      ({ test, record }) =>
        `| ${cell(test.id)} | ${record.verdict ?? ''} | ${cell(clip(record.userView?.detail ?? ''))} |`,
    ),
    '',
  ];
  const diffs = [...new Set(judged.flatMap(({ record }) => (record.patch?.diff ? [record.patch.diff] : [])))];
  if (diffs.length) {
    out.push(
      `#### The fix: only the form changed, the schema is stale (\`${ACCEPT}\`)`,
      '',
      ...diffs.flatMap((diff) => ['```diff', diff.trimEnd(), '```', '']),
    );
  }
  const broke = judged.filter(({ record }) => record.verdict !== 'test-is-stale');
  if (broke.length)
    out.push(
      "#### Staging's fault: no patch",
      '',
      ...broke.map(({ record }) => `- \`${clip(record.verdictLine ?? record.summary).replace(/`/g, "'")}\``),
      '',
    );
  return out;
}
