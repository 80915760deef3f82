import { formatOffset, type FrameTimeline, type TimelineIssue } from '../timeline/model';

/** Wide lifelines and wrapped notes: a schema path with expected and received stays inside its box. */
const SEQUENCE_INIT = '%%{init: {"sequence": {"wrap": true, "actorMargin": 380}}}%%';

/** Frames a summary diagram shows: the last ones of the picture (the frame that broke a check is kept). */
const SUMMARY_DIAGRAM_ROWS = 12;
const TEXT_CHARS = 110;

/**
 * Text safe inside a Mermaid message or note: `#` and `;` start entity codes and statement breaks, angle
 * brackets would be read as HTML; newlines end the statement.
 */
export function mermaidText(text: string, chars = TEXT_CHARS): string {
  const clipped = text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
  const codes: Record<string, string> = { '#': '#35;', ';': '#59;', '<': '#lt;', '>': '#gt;', '%': '#37;' };
  return clipped.replace(/\r?\n/g, ' ').replace(/[#;<>%]/g, (c) => codes[c] ?? c);
}

function issueNotes(issue: TimelineIssue): string[] {
  const lines = [`✖ phase "${issue.phase}": ${issue.summary}`];
  for (const p of issue.paths.slice(0, 3))
    lines.push(`${p.path}: expected ${p.expected}, received ${p.received}`);
  return lines.map((line) => `    Note over P,B: ${mermaidText(line)}`);
}

/** The rows a diagram keeps: the last `max`, plus any that broke a check before them. */
function lastRows(timeline: FrameTimeline, max: number): { rows: FrameTimeline['rows']; hidden: number } {
  const rows = timeline.rows.filter((r) => r.kind !== 'gap');
  const tail = rows.slice(-max);
  const broken = rows.slice(0, -max).filter((r) => r.kind === 'frame' && r.broke);
  const kept = [...broken, ...tail];
  const hiddenFrames = rows.filter((r) => r.kind === 'frame' && !kept.includes(r)).length;
  return { rows: kept, hidden: hiddenFrames + timeline.omitted };
}

/**
 * A Mermaid `sequenceDiagram` of a failed test's last frames: page and backend, one arrow per frame
 * (offset, socket, type, shortened ids), the frame that broke a check crossed and in a red box with its
 * schema paths, and for a timeout the deadline that was still pending. GitHub draws it in the job summary.
 */
export function sequenceMermaid(timeline: FrameTimeline, max = SUMMARY_DIAGRAM_ROWS): string {
  const { rows, hidden } = lastRows(timeline, max);
  const client = mermaidText(timeline.client ?? 'page');
  const out = [
    SEQUENCE_INIT,
    'sequenceDiagram',
    `    participant P as ${client}`,
    '    participant B as backend',
  ];
  if (hidden > 0)
    out.push(`    Note over P,B: ${hidden} earlier frame(s) not shown, see websocket-frames.txt`);
  if (rows.length === 0) out.push('    Note over P,B: no frames recorded');
  for (const row of rows) {
    if (row.kind === 'gap') continue;
    if (row.kind === 'socket') {
      const words = `${formatOffset(row.offsetMs)} socket #${row.socket} ${row.event}${row.detail ? ` ${row.detail}` : ''}`;
      if (row.broke)
        out.push('    rect rgb(255, 205, 210)', `    Note over P,B: ✖ ${mermaidText(words)}`, '    end');
      else out.push(`    Note over P,B: ${mermaidText(words)}`);
      continue;
    }
    const label = mermaidText(
      `${formatOffset(row.offsetMs)} #${row.socket} ${row.type}${row.ids ? ` · ${row.ids}` : ''}`,
    );
    const [from, to] = row.direction === 'sent' ? ['P', 'B'] : ['B', 'P'];
    if (!row.broke) {
      out.push(`    ${from}->>${to}: ${label}`);
      continue;
    }
    out.push(
      '    rect rgb(255, 205, 210)',
      `    ${from}-x${to}: ✖ ${label}`,
      ...issueNotes(row.broke),
      '    end',
    );
  }
  for (const note of timeline.notes) out.push('    rect rgb(255, 205, 210)', ...issueNotes(note), '    end');
  const p = timeline.pending;
  if (p)
    out.push(
      '    rect rgb(255, 237, 213)',
      `    Note over P,B: ${mermaidText(`⚠ phase "${p.phase}": waited ${p.waitedMs} ms for ${p.waitingFor}`)}`,
      `    Note over P,B: ${mermaidText(`deadline ${p.deadline.name} (${p.deadline.ms} ms) still pending when the test ended`)}`,
      '    end',
    );
  return out.join('\n');
}
