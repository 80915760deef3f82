import {
  cellDetail,
  cellHeadline,
  countsText,
  driftText,
  findingText,
  markText,
  minutes,
  releaseVerdicts,
  specTitle,
} from './cell-text';
import type { MatrixCell, MatrixColumn, ReleaseMatrix } from './model';

/**
 * The matrix as one self-contained HTML page (inline CSS, no script, no server): opened from disk beside the
 * runs' HTML reports, each cell links to its test in the report of its release.
 */
const CSS = `
body{font:13px/1.4 -apple-system,"Segoe UI","Liberation Sans",sans-serif;color:#1f2328;margin:16px;background:#fff}
h1{font-size:20px;margin:0 0 4px}p.meta{color:#59636e;margin:0 0 10px}
ul.verdicts{margin:6px 0 10px;padding-left:18px;font-weight:600}
ul.verdicts li.bad{color:#b3261e}ul.verdicts li.good{color:#1a7f37}
.legend span{display:inline-block;margin-right:10px;padding:1px 6px;border-radius:3px}
table{border-collapse:collapse;margin-top:10px;table-layout:fixed}
th,td{border:1px solid #d1d9e0;padding:5px 7px;vertical-align:top;text-align:left}
th{background:#f6f8fa;font-weight:600}
th.col{width:230px}th.p1{width:58px}td.p1{white-space:nowrap}th.spec{width:300px}
td.spec{font-size:12px}td.spec small{color:#59636e;display:block}
td a{color:inherit;text-decoration:none;font-weight:600}td a:hover{text-decoration:underline}
.detail{font:11px/1.35 "DejaVu Sans Mono",monospace;color:#3d444d;margin-top:3px;word-break:break-word}
.passed,.bug-gone{background:#dafbe1}.known-bug{background:#fff1c2}.failed{background:#ffd8d3}
.skipped,.absent{background:#f6f8fa;color:#6e7781}.not-run{background:#e6e6e6;color:#59636e}
.reference{border-right:3px solid #8c959f}
.mark{display:inline-block;margin-top:3px;padding:0 5px;border-radius:3px;font-size:11px;font-weight:700;color:#fff}
.mark.regression{background:#cf222e}.mark.fixed{background:#1f6feb}
.colhead small{display:block;font-weight:400;color:#59636e}
.finding{margin-top:4px;padding:4px;border-radius:3px;background:#fff8c5;font-weight:400;font-size:11px}
.finding code,.colhead code{font-size:11px}
`;

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const kindClass = (kind: MatrixCell['kind']): string => kind.replace(' ', '-');

function columnHead(column: MatrixColumn): string {
  const build = column.build
    ? `<small title="${escape(column.build)}">${escape(column.build.replace(/^.*\//, ''))}</small>`
    : '';
  const report = column.report ? ` <small><a href="${escape(column.report)}">HTML report</a></small>` : '';
  const took = column.durationMs === undefined ? '' : `<small>${minutes(column.durationMs)}</small>`;
  const status = column.notRun
    ? `<div class="finding">run failed: ${escape(column.notRun)}</div>`
    : `<small>${escape(countsText(column))}</small>`;
  const finding = column.finding
    ? `<div class="finding">${escape(findingText(column.finding))}${column.finding.drift
        .map((field) => `<br>drift (${field.tests}): <code>${escape(driftText(field))}</code>`)
        .join('')}</div>`
    : '';
  return `<th class="col colhead${column.kind === 'reference' ? ' reference' : ''}">${escape(column.label)}${report}${build}${took}${status}${finding}</th>`;
}

function cellHtml(cell: MatrixCell, column: MatrixColumn | undefined): string {
  const headline = escape(cellHeadline(cell));
  const linked = cell.href ? `<a href="${escape(cell.href)}">${headline}</a>` : headline;
  const marks = cell.marks
    .map((mark) => `<div class="mark ${mark.kind}">${escape(markText(mark))}</div>`)
    .join('');
  const detail = cellDetail(cell, column?.finding)
    .map((line) => `<div class="detail">${escape(line)}</div>`)
    .join('');
  const reference = column?.kind === 'reference' ? ' reference' : '';
  return `<td class="${kindClass(cell.kind)}${reference}">${linked}${marks}${detail}</td>`;
}

export function renderHtml(
  matrix: ReleaseMatrix,
  options: { title?: string; generatedAt?: string } = {},
): string {
  const title = options.title ?? 'Netra frontend releases, side by side';
  const { columns, rows } = matrix;
  const verdicts = releaseVerdicts(columns)
    .map((v) => `<li class="${/no regressions/.test(v) ? 'good' : 'bad'}">${escape(v)}</li>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr><td class="p1">${escape(row.p1 ?? '')}</td><td class="spec">${escape(specTitle(row))}<small>${escape(row.file)}</small></td>${row.cells
          .map((cell, index) => cellHtml(cell, columns[index]))
          .join('')}</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${CSS}</style></head>
<body>
<h1>${escape(title)}</h1>
<p class="meta">Every e2e spec through each Netra frontend release against the stand-in backend, oldest first, and through our own chat page (the reference).${options.generatedAt ? ` Generated ${escape(options.generatedAt)}.` : ''} Each cell links to its test in that run’s HTML report.</p>
${verdicts ? `<ul class="verdicts">${verdicts}</ul>` : ''}
<p class="legend"><span class="passed">passed</span><span class="known-bug">known bug: an expected failure of the release</span><span class="failed">failed: verdict and first line</span><span class="mark regression">regression</span> passed in the older release <span class="mark fixed">fixed</span> red in the older release, passes here</p>
<table>
<thead><tr><th class="p1">P1</th><th class="spec">spec</th>${columns.map(columnHead).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
}
