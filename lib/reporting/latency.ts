import { chatTextOf, parseClientFrame, parseServerFrame } from '../protocol';
import { percentile } from './percentile';
import type { FrameLog, RecordedFrame } from '../recorder/frame-log';

/** One test's timings from its frame log, in milliseconds; a figure is absent when its frames never came. */
export interface RunLatency {
  /** socket opened → first server frame (the welcome). */
  welcomeMs?: number;
  /** chat frame sent → first agent event. */
  firstEventMs?: number;
  /** chat frame sent → final_report (the run the user sees finish). */
  completionMs?: number;
}

export const LATENCY_ATTACHMENT = 'latency.json';
export const LATENCY_METRICS = ['welcomeMs', 'firstEventMs', 'completionMs'] as const;
export type LatencyMetric = (typeof LATENCY_METRICS)[number];

function isChatFrame(frame: RecordedFrame): boolean {
  if (frame.direction !== 'sent') return false;
  const parsed = parseClientFrame(frame.text);
  return parsed !== undefined && chatTextOf(parsed) !== undefined;
}

function eventType(frame: RecordedFrame): string | undefined {
  const parsed = parseServerFrame(frame.text);
  return parsed.ok && parsed.kind === 'agent_event' ? parsed.frame.type : undefined;
}

/** Measures the first socket's welcome and the first chat run of a test from its recorded frames. */
export function measureLatency(log: FrameLog): RunLatency {
  const latency: RunLatency = {};
  const firstReceived = log.frames.find((f) => f.direction === 'received');
  const socket = firstReceived ? log.sockets[firstReceived.socket - 1] : undefined;
  if (firstReceived && socket) latency.welcomeMs = firstReceived.at - socket.openedAt;
  const sent = log.frames.find(isChatFrame);
  if (!sent) return latency;
  const after = log.received(sent.socket).filter((f) => f.seq > sent.seq);
  const firstEvent = after.find((f) => eventType(f) !== undefined);
  if (firstEvent) latency.firstEventMs = firstEvent.at - sent.at;
  const report = after.find((f) => eventType(f) === 'final_report');
  if (report) latency.completionMs = report.at - sent.at;
  return latency;
}

export const hasLatency = (latency: RunLatency) => LATENCY_METRICS.some((m) => latency[m] !== undefined);

export interface LatencySummary {
  metric: LatencyMetric;
  count: number;
  p50: number;
  p95: number;
  max: number;
}

/** p50/p95/max per metric over a run's tests (metrics nobody measured are left out). */
export function summarizeLatency(runs: readonly RunLatency[]): LatencySummary[] {
  return LATENCY_METRICS.flatMap((metric) => {
    const values = runs.map((r) => r[metric]).filter((v): v is number => typeof v === 'number');
    if (values.length === 0) return [];
    return [
      {
        metric,
        count: values.length,
        p50: percentile(values, 50),
        p95: percentile(values, 95),
        max: Math.max(...values),
      },
    ];
  });
}
