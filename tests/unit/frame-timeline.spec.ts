import { expect, test } from '@playwright/test';
import { driftRecord } from '../../lib/reporting/drift-report';
import { FrameLog } from '../../lib/recorder/frame-log';
import { Redactor } from '../../lib/secrets/redact';
import { buildTimeline, shortId, type FrameTimeline } from '../../lib/reporting/timeline/model';
import { TIMELINE_COLOURS, timelineSvg } from '../../lib/reporting/timeline/svg';
import { mermaidText, sequenceMermaid } from '../../lib/reporting/summary/sequence-mermaid';

/** A JWT-shaped string built at run time, so no token-looking literal sits in the source. */
const TOKEN = [
  'eyJhbGciOiJIUzI1NiJ9',
  'eyJzdWIiOiJzdGFnaW5nLWUyZS11c2VyLTAwMSJ9',
  'c2lnbmF0dXJlLXZhbHVl',
].join('.');
const RUN = 'run_be450722f3f4';
const THREAD = 'thread_495acedd-f0a4-42a6-97c3-175b51cc6633';

/** A recorded conversation: welcome, chat, two events, then a final_report out of order. */
function recordedLog(extraFrames = 0): FrameLog {
  const log = new FrameLog(new Redactor([TOKEN]));
  const socket = log.openSocket(`ws://127.0.0.1:4510/ws?ticket=${TOKEN}`);
  for (let i = 0; i < extraFrames; i++)
    log.record(socket, 'received', JSON.stringify({ type: 'heartbeat', n: i }));
  log.record(socket, 'received', JSON.stringify({ type: 'system_message', data: { token: TOKEN } }));
  log.record(
    socket,
    'sent',
    JSON.stringify({ type: 'start_agent', payload: { user_request: 'hi', thread_id: THREAD } }),
  );
  for (const type of ['agent_started', 'agent_thinking', 'final_report'])
    log.record(socket, 'received', JSON.stringify({ type, run_id: RUN, thread_id: THREAD }));
  const bad = log.frames.at(-1);
  if (!bad) throw new Error('no frame recorded');
  log.drift.push(
    driftRecord(log, 'waiter', {
      phase: 'agent run',
      summary: "final_report breaks the run's event order",
      issues: [{ path: 'type', expected: 'agent_completed', received: 'final_report', message: 'order' }],
      frame: bad,
    }),
  );
  return log;
}

function timelineOf(log: FrameLog, pending = false): FrameTimeline {
  return buildTimeline({
    title: 'agent-events.spec.ts › a chat streams the five critical events',
    headline: `protocol-drift: [protocol-drift] phase "agent run": final_report breaks the run's order ${TOKEN}`,
    startedAt: log.startedAt,
    frames: log.frames,
    sockets: log.sockets,
    drift: log.drift,
    ...(pending
      ? {
          pending: {
            phase: 'welcome',
            waitingFor: 'the welcome frame',
            deadline: { name: 'deadlines.welcome', ms: 2000 },
            since: log.startedAt + 10,
          },
        }
      : {}),
    endedAt: log.startedAt + 830,
    redact: (text) => log.redactor.text(text),
  });
}

test.describe('frame timeline model', () => {
  test('each frame has its type, offset and shortened run and thread ids; the bad frame carries its schema path', () => {
    const timeline = timelineOf(recordedLog());
    const frames = timeline.rows.filter((r) => r.kind === 'frame');
    expect(frames.map((r) => `${r.direction} ${r.type}`)).toEqual([
      'received system_message',
      'sent start_agent',
      'received agent_started',
      'received agent_thinking',
      'received final_report',
    ]);
    expect(frames[1]?.ids).toBe(`thread ${shortId(THREAD)}`);
    expect(frames[2]?.ids).toBe(`run ${shortId(RUN)} · thread ${shortId(THREAD)}`);
    expect(shortId(THREAD)).toBe('thread_4…6633');
    expect(frames.filter((r) => r.broke).map((r) => r.type)).toEqual(['final_report']);
    expect(frames.at(-1)?.broke?.paths).toEqual([
      { path: 'type', expected: 'agent_completed', received: '"final_report"' },
    ]);
    expect(timeline.rows[0]).toMatchObject({ kind: 'socket', event: 'opened', socket: 1 });
  });

  test('long logs keep the last frames and the bad one, with a gap row for what is left out', () => {
    const timeline = buildTimeline({ ...sourceOf(recordedLog(40)) }, 6);
    expect(timeline.frameCount).toBe(45);
    expect(timeline.omitted).toBe(39);
    expect(timeline.rows.filter((r) => r.kind === 'gap')).toEqual([{ kind: 'gap', frames: 39 }]);
    expect(timeline.rows.some((r) => r.kind === 'frame' && r.broke !== undefined)).toBe(true);
  });

  test('a timeout keeps the pending deadline and how long it was waited for', () => {
    const timeline = timelineOf(recordedLog(), true);
    expect(timeline.pending).toEqual({
      phase: 'welcome',
      waitingFor: 'the welcome frame',
      deadline: { name: 'deadlines.welcome', ms: 2000 },
      sinceMs: 10,
      waitedMs: 820,
    });
  });

  test('tokens are redacted before anything is drawn: model, SVG and Mermaid', () => {
    const timeline = timelineOf(recordedLog(), true);
    const { svg } = timelineSvg(timeline);
    const mermaid = sequenceMermaid(timeline);
    for (const text of [JSON.stringify(timeline), svg, mermaid]) expect(text).not.toContain(TOKEN);
    expect(JSON.stringify(timeline)).toContain('[redacted]');
  });

  test('the SVG marks the bad frame red with its path, and the pending deadline', () => {
    const { svg, width, height } = timelineSvg(timelineOf(recordedLog(), true));
    expect(width).toBe(1100);
    expect(height).toBeGreaterThan(200);
    expect(svg).toContain(`fill="${TIMELINE_COLOURS.BROKE_BAND}" data-broke="true"`);
    expect(svg).toContain('✖ #1 final_report');
    expect(svg).toContain('type: expected agent_completed, received &quot;final_report&quot;');
    expect(svg).toContain('deadline deadlines.welcome (2000 ms) was still pending when the test ended');
    // Well-formed XML: the in-page renderer decodes it as an image, which refuses malformed SVG.
    expect(svg).not.toMatch(/<text[^>]*\sfont-size="[^"]*"[^>]*\sfont-size=/);
  });

  test('the Mermaid diagram crosses the bad frame in a red box with its schema path', () => {
    const mermaid = sequenceMermaid(timelineOf(recordedLog(), true));
    expect(mermaid).toMatch(
      /^%%\{init: .*\}%%\nsequenceDiagram\n {4}participant P as page\n {4}participant B as backend/,
    );
    expect(mermaid).toContain('P->>B: +');
    expect(mermaid).toMatch(
      /rect rgb\(255, 205, 210\)\n {4}B-xP: ✖ \+\d\.\d{3}s #35;1 final_report · run run_be45…f3f4/,
    );
    expect(mermaid).toContain('Note over P,B: type: expected agent_completed, received "final_report"');
    expect(mermaid).toContain(
      'Note over P,B: deadline deadlines.welcome (2000 ms) still pending when the test ended',
    );
    expect(mermaidText('a;b #1 <x> 100%')).toBe('a#59;b #35;1 #lt;x#gt; 100#37;');
  });
});

function sourceOf(log: FrameLog) {
  return {
    title: 't',
    startedAt: log.startedAt,
    frames: log.frames,
    sockets: log.sockets,
    drift: log.drift,
    redact: (text: string) => log.redactor.text(text),
  };
}
