import { formatOffset, type FrameTimeline, type TimelineIssue, type TimelineRow } from './model';

/** Colours of the picture; `BROKE` is what a test looks for to find the red frame. */
export const TIMELINE_COLOURS = {
  BROKE: '#d7263d',
  BROKE_BAND: '#fde2e4',
  PENDING: '#c2410c',
  PENDING_BAND: '#ffedd5',
  SENT: '#1d4ed8',
  RECEIVED: '#047857',
  MUTED: '#6b7280',
  TEXT: '#111827',
} as const;

const WIDTH = 1100;
const PAGE_X = 190;
const BACKEND_X = 930;
const ROW = 30;
const LINE = 17;
const CHAR = 7.3; // DejaVu Sans Mono at 12 px
const FONT = `font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" xml:space="preserve"`;
const MAX_TEXT = Math.floor((WIDTH - 40) / CHAR);

const escapeXml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const clip = (text: string, chars: number): string =>
  text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text;

interface Drawn {
  height: number;
  svg: string;
}

function text(x: number, y: number, value: string, attrs = '', chars = MAX_TEXT): string {
  const size = attrs.includes('font-size=') ? '' : ' font-size="12"';
  return `<text x="${x}" y="${y}" ${FONT}${size} ${attrs}>${escapeXml(clip(value, chars))}</text>`;
}

/** Wraps a line at `chars`, continuation lines indented; long paths and values stay readable. */
function wrap(line: string, chars: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > chars) {
    const cut = rest.lastIndexOf(' ', chars);
    const at = cut > chars / 2 ? cut : chars;
    out.push(rest.slice(0, at));
    rest = `    ${rest.slice(at).trimStart()}`;
  }
  out.push(rest);
  return out;
}

const ISSUE_LINES = 8;

function issueLines(issue: TimelineIssue): string[] {
  const lines = [`✖ phase "${issue.phase}": ${issue.summary}`];
  for (const p of issue.paths) lines.push(`${p.path}: expected ${p.expected}, received ${p.received}`);
  const wrapped = lines.flatMap((line) => wrap(line, MAX_TEXT - 4));
  return wrapped.length > ISSUE_LINES
    ? [
        ...wrapped.slice(0, ISSUE_LINES - 1),
        `… ${wrapped.length - ISSUE_LINES + 1} more line(s) in protocol-drift.json`,
      ]
    : wrapped;
}

/** A box of red lines under the frame that broke a check (schema path, expected, received). */
function issueBox(y: number, issue: TimelineIssue, colour: string, band: string): Drawn {
  const lines = issueLines(issue);
  const height = lines.length * LINE + 10;
  const body = lines
    .map((line, i) =>
      text(24, y + 16 + i * LINE, line, `fill="${colour}"${i === 0 ? ' font-weight="bold"' : ''}`),
    )
    .join('');
  return {
    height: height + 6,
    svg: `<rect x="12" y="${y}" width="${WIDTH - 24}" height="${height}" rx="4" fill="${band}" stroke="${colour}" stroke-width="1.5"/>${body}`,
  };
}

function frameRow(row: Extract<TimelineRow, { kind: 'frame' }>, y: number): Drawn {
  const c = TIMELINE_COLOURS;
  const sent = row.direction === 'sent';
  const colour = row.broke ? c.BROKE : sent ? c.SENT : c.RECEIVED;
  const [from, to] = sent ? [PAGE_X, BACKEND_X] : [BACKEND_X, PAGE_X];
  const arrowY = y + 20;
  const head = sent
    ? `${to - 9},${arrowY - 5} ${to},${arrowY} ${to - 9},${arrowY + 5}`
    : `${to + 9},${arrowY - 5} ${to},${arrowY} ${to + 9},${arrowY + 5}`;
  const label = `${row.broke ? '✖ ' : ''}#${row.socket} ${row.type}${row.ids ? `  ${row.ids}` : ''}`;
  const labelChars = Math.floor((BACKEND_X - PAGE_X - 20) / CHAR);
  const parts = [
    row.broke
      ? `<rect x="4" y="${y + 1}" width="${WIDTH - 8}" height="${ROW - 2}" fill="${c.BROKE_BAND}" data-broke="true"/>`
      : '',
    text(12, arrowY + 4, formatOffset(row.offsetMs), `fill="${c.MUTED}"`, 12),
    `<line x1="${from}" y1="${arrowY}" x2="${to}" y2="${arrowY}" stroke="${colour}" stroke-width="${row.broke ? 3 : 1.6}"/>`,
    `<polygon points="${head}" fill="${colour}"/>`,
    text(
      PAGE_X + 12,
      arrowY - 5,
      label,
      `fill="${row.broke ? c.BROKE : c.TEXT}"${row.broke ? ' font-weight="bold"' : ''}`,
      labelChars,
    ),
    text(BACKEND_X + 12, arrowY + 4, `${row.bytes} B`, `fill="${c.MUTED}"`, 20),
  ];
  let height = ROW;
  if (row.broke) {
    const box = issueBox(y + ROW, row.broke, c.BROKE, c.BROKE_BAND);
    parts.push(box.svg);
    height += box.height;
  }
  return { height, svg: parts.join('') };
}

function socketRow(row: Extract<TimelineRow, { kind: 'socket' }>, y: number): Drawn {
  const c = TIMELINE_COLOURS;
  const colour = row.broke ? c.BROKE : c.MUTED;
  const words = `${row.broke ? '✖ ' : ''}socket #${row.socket} ${row.event}${row.detail ? ` ${row.detail}` : ''}`;
  const mid = (PAGE_X + BACKEND_X) / 2;
  return {
    height: ROW - 6,
    svg: [
      row.broke
        ? `<rect x="4" y="${y}" width="${WIDTH - 8}" height="${ROW - 6}" fill="${c.BROKE_BAND}" data-broke="true"/>`
        : '',
      text(12, y + 16, formatOffset(row.offsetMs), `fill="${c.MUTED}"`, 12),
      `<line x1="${PAGE_X}" y1="${y + 12}" x2="${BACKEND_X}" y2="${y + 12}" stroke="${colour}" stroke-dasharray="2 4"${row.broke ? ' stroke-width="2"' : ''}/>`,
      `<rect x="${mid - (words.length * CHAR) / 2 - 8}" y="${y + 3}" width="${words.length * CHAR + 16}" height="18" rx="9" fill="${row.broke ? c.BROKE_BAND : '#f3f4f6'}" stroke="${colour}"/>`,
      text(
        mid,
        y + 16,
        words,
        `fill="${colour}" text-anchor="middle"${row.broke ? ' font-weight="bold"' : ''}`,
      ),
    ].join(''),
  };
}

function gapRow(row: Extract<TimelineRow, { kind: 'gap' }>, y: number): Drawn {
  return {
    height: ROW - 8,
    svg: text(
      (PAGE_X + BACKEND_X) / 2,
      y + 14,
      `⋯ ${row.frames} earlier frame${row.frames === 1 ? '' : 's'} not drawn (see websocket-frames.txt) ⋯`,
      `fill="${TIMELINE_COLOURS.MUTED}" text-anchor="middle" font-style="italic"`,
    ),
  };
}

function pendingBox(timeline: FrameTimeline, y: number): Drawn {
  const p = timeline.pending;
  if (!p) return { height: 0, svg: '' };
  const c = TIMELINE_COLOURS;
  const lines = [
    ...wrap(
      `⚠ phase "${p.phase}": waited ${p.waitedMs} ms (since ${formatOffset(p.sinceMs)}) for ${p.waitingFor}`,
      MAX_TEXT - 4,
    ),
    `deadline ${p.deadline.name} (${p.deadline.ms} ms) was still pending when the test ended`,
  ];
  const height = lines.length * LINE + 12;
  return {
    height: height + 8,
    svg:
      `<rect x="12" y="${y + 2}" width="${WIDTH - 24}" height="${height}" rx="4" fill="${c.PENDING_BAND}" stroke="${c.PENDING}" stroke-width="1.5" stroke-dasharray="6 3"/>` +
      lines
        .map((line, i) =>
          text(24, y + 18 + i * LINE, line, `fill="${c.PENDING}"${i === 0 ? ' font-weight="bold"' : ''}`),
        )
        .join(''),
  };
}

/**
 * The timeline as a sequence diagram in SVG: the page on the left, the backend on the right, one arrow per
 * frame (offset, socket, type, shortened run and thread ids, size), the frame that broke a check in red with
 * its schema paths, and the pending deadline of a timed-out test. Self-contained: no script, no web font.
 */
export function timelineSvg(timeline: FrameTimeline): { svg: string; width: number; height: number } {
  const c = TIMELINE_COLOURS;
  const titleLines = wrap(timeline.title, MAX_TEXT - 6).slice(0, 2);
  const header: string[] = titleLines.map((line, i) =>
    text(12, 22 + i * 18, line, `fill="${c.TEXT}" font-weight="bold" font-size="13"`),
  );
  let y = 30 + (titleLines.length - 1) * 18;
  if (timeline.headline) {
    // `agent-timeout: [agent-timeout] phase …` reads better without the repeated verdict.
    const headline = timeline.headline.replace(/^([\w-]+): (?=\[\1\])/, '');
    for (const line of wrap(headline, MAX_TEXT - 4).slice(0, 2)) {
      header.push(text(12, y + 14, line, `fill="${c.BROKE}" font-weight="bold"`));
      y += 18;
    }
    y += 2;
  }
  const shown = timeline.frameCount - timeline.omitted;
  header.push(
    text(
      12,
      y + 14,
      `frame log started ${timeline.startedAt} · ${timeline.frameCount} frame(s) recorded, ${shown} drawn · tokens redacted`,
      `fill="${c.MUTED}"`,
    ),
  );
  y += 28;
  const lanesTop = y;
  header.push(
    `<rect x="${PAGE_X - 60}" y="${y}" width="120" height="26" rx="4" fill="#eef2ff" stroke="${c.SENT}"/>`,
    text(
      PAGE_X,
      y + 17,
      timeline.client ?? 'page',
      `fill="${c.SENT}" text-anchor="middle" font-weight="bold"`,
    ),
    `<rect x="${BACKEND_X - 60}" y="${y}" width="120" height="26" rx="4" fill="#ecfdf5" stroke="${c.RECEIVED}"/>`,
    text(BACKEND_X, y + 17, 'backend', `fill="${c.RECEIVED}" text-anchor="middle" font-weight="bold"`),
  );
  y += 32;
  const body: string[] = [];
  if (timeline.rows.length === 0) {
    body.push(
      text(
        (PAGE_X + BACKEND_X) / 2,
        y + 18,
        '(no frames recorded)',
        `fill="${c.MUTED}" text-anchor="middle"`,
      ),
    );
    y += ROW;
  }
  for (const row of timeline.rows) {
    const drawn =
      row.kind === 'frame' ? frameRow(row, y) : row.kind === 'socket' ? socketRow(row, y) : gapRow(row, y);
    body.push(drawn.svg);
    y += drawn.height;
  }
  const lifelinesEnd = y + 4;
  for (const note of timeline.notes) {
    const box = issueBox(y + 4, note, c.BROKE, c.BROKE_BAND);
    body.push(box.svg);
    y += box.height + 4;
  }
  const pending = pendingBox(timeline, y + 2);
  body.push(pending.svg);
  y += pending.height + 12;
  const lifelines = [PAGE_X, BACKEND_X]
    .map(
      (x) =>
        `<line x1="${x}" y1="${lanesTop + 26}" x2="${x}" y2="${lifelinesEnd}" stroke="#9ca3af" stroke-dasharray="4 4"/>`,
    )
    .join('');
  const height = Math.ceil(y);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}"><rect width="100%" height="100%" fill="#ffffff"/>${header.join('')}${lifelines}${body.join('')}</svg>`;
  return { svg, width: WIDTH, height };
}
