import { expect, test } from '@playwright/test';
import { FrameLog, type Direction } from '../../lib/recorder/frame-log';
import { measureLatency, summarizeLatency } from '../../lib/reporting/latency';
import { percentile } from '../../lib/reporting/percentile';

const event = (type: string, payload: object) =>
  JSON.stringify({ type, run_id: 'run_1', agent_name: 'a', timestamp: '2025-09-08T20:26:57.648Z', payload });

/** Records a frame as if it arrived `ms` after its socket opened. */
function recordAt(log: FrameLog, socket: number, direction: Direction, text: string, ms: number): void {
  log.record(socket, direction, text);
  const frame = log.frames.at(-1);
  const opened = log.sockets[socket - 1]?.openedAt ?? 0;
  if (frame) frame.at = opened + ms;
}

test.describe('latency figures', () => {
  test('nearest-rank p50/p95 over a run', () => {
    const values = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000];
    expect(percentile(values, 50)).toBe(500);
    expect(percentile(values, 95)).toBe(1_000);
    expect(percentile([42], 95)).toBe(42);
    expect(summarizeLatency([{ welcomeMs: 10 }, { welcomeMs: 30, firstEventMs: 5 }, {}])).toEqual([
      { metric: 'welcomeMs', count: 2, p50: 10, p95: 30, max: 30 },
      { metric: 'firstEventMs', count: 1, p50: 5, p95: 5, max: 5 },
    ]);
  });

  test('welcome from socket open, first event and completion from the chat frame', () => {
    const log = new FrameLog();
    const socket = log.openSocket('ws://127.0.0.1/ws');
    recordAt(log, socket, 'received', JSON.stringify({ type: 'system_message', data: {} }), 40);
    const chat = { type: 'start_agent', payload: { user_request: 'hello', thread_id: 't1' } };
    recordAt(log, socket, 'sent', JSON.stringify(chat), 100);
    recordAt(
      log,
      socket,
      'received',
      event('agent_started', { status: 'started', context: {}, message: '' }),
      350,
    );
    recordAt(log, socket, 'received', event('final_report', { executive_summary: 'done' }), 1_100);
    expect(measureLatency(log)).toEqual({ welcomeMs: 40, firstEventMs: 250, completionMs: 1_000 });
  });
});
