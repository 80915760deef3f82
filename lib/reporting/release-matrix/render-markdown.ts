import {
  cellDetail,
  cellHeadline,
  countsText,
  findingText,
  markText,
  minutes,
  releaseVerdicts,
  specTitle,
} from './cell-text';
import type { ColumnFinding, MatrixCell, ReleaseMatrix } from './model';

/** The matrix as GitHub-flavoured Markdown, for the job summary: a verdict per release, then one table. */
const ICON: Record<MatrixCell['kind'], string> = {
  passed: '✅',
  'bug gone': '✅',
  'known bug': '🐞',
  failed: '❌',
  skipped: '⏭️',
  absent: '·',
  'not run': '⛔',
};

const escape = (text: string): string =>
  text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');

function cellMarkdown(cell: MatrixCell, finding: ColumnFinding | undefined): string {
  const headline = `${ICON[cell.kind]} ${escape(cellHeadline(cell))}`;
  const linked = cell.href ? `[${headline}](${cell.href})` : headline;
  const marks = cell.marks.map((m) => `**${m.kind === 'regression' ? '🔺' : '✨'} ${escape(markText(m))}**`);
  const detail = cellDetail(cell, finding).map((line) => `<sub>${escape(line)}</sub>`);
  return [linked, ...marks, ...detail].join('<br>');
}

export function renderMarkdown(
  matrix: ReleaseMatrix,
  title = 'Netra frontend releases, side by side',
): string {
  const { columns, rows } = matrix;
  const lines = [`## ${title}`, ''];
  for (const verdict of releaseVerdicts(columns)) lines.push(`- ${escape(verdict)}`);
  if (lines.length > 2) lines.push('');
  for (const column of columns) {
    const took = column.durationMs === undefined ? '' : `, ${minutes(column.durationMs)}`;
    const head = column.notRun
      ? `⛔ run failed: ${escape(column.notRun)}`
      : `${escape(countsText(column))}${took}`;
    const report = column.report ? ` ([report](${column.report}))` : '';
    lines.push(`- **${escape(column.label)}**${report}: ${head}`);
    if (column.finding) lines.push(`  - finding: ${escape(findingText(column.finding))}`);
    for (const field of column.finding?.drift ?? [])
      lines.push(
        `  - drift (${field.tests} tests): \`${field.phase}\` \`${field.path}\` expected ${escape(field.expected)}, received ${escape(field.received)}`,
      );
  }
  lines.push('', `| P1 | spec | ${columns.map((c) => escape(c.label)).join(' | ')} |`);
  lines.push(`| --- | --- | ${columns.map(() => '---').join(' | ')} |`);
  for (const row of rows)
    lines.push(
      `| ${row.p1 ?? ''} | ${escape(specTitle(row))} <sub>${escape(row.file)}</sub> | ${row.cells.map((cell, i) => cellMarkdown(cell, columns[i]?.finding)).join(' | ')} |`,
    );
  return `${lines.join('\n')}\n`;
}
