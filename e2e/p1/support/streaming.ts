import { E2EFailure } from '../../../helpers/failure';
import type { CheckedRun } from '../../../helpers/expect-run';
import type { FrameLog } from '../../../helpers/frame-log';
import { eventsOfType, timestampMs } from '../../../helpers/protocol';
import type { Arrival } from './arrivals';
import { firstAppearance, type TextAppearance } from './timeline';

/**
 * A buffered run is stamped and delivered in one go, its events a few milliseconds apart; a streaming agent's
 * first and last events are at least one event gap apart (120 ms on the fast stand-in, seconds on staging).
 */
export const MIN_STREAM_SPREAD_MS = 50;

/** The run's events were emitted (server timestamps) and received spread over the run, not in one batch. */
export function expectStreamed(
  log: FrameLog,
  arrivals: readonly Arrival[],
): { emittedMs: number; arrivedMs: number } {
  const stamps = arrivals.map((a) => timestampMs(a.event.timestamp));
  const emittedMs = (stamps.at(-1) ?? 0) - (stamps[0] ?? 0);
  const arrivedMs = (arrivals.at(-1)?.at ?? 0) - (arrivals[0]?.at ?? 0);
  if (emittedMs >= MIN_STREAM_SPREAD_MS && arrivedMs >= MIN_STREAM_SPREAD_MS) return { emittedMs, arrivedMs };
  throw new E2EFailure(
    {
      verdict: 'protocol-drift',
      phase: 'streaming',
      summary: `the ${arrivals.length} events of the run were stamped within ${emittedMs} ms and arrived within ${arrivedMs} ms: the run was buffered, not streamed`,
      issues: [
        {
          path: 'timestamp',
          expected: `first event at least ${MIN_STREAM_SPREAD_MS} ms before final_report, as stamped and as received`,
          received: arrivals.map(
            (a) => `${a.event.type} ${a.event.timestamp} (received ${log.relative(a.at)})`,
          ),
          message: 'no streaming',
        },
      ],
    },
    log,
  );
}

/**
 * The run's partial results (thinking, tools) were on the page before its final answer, by at least the
 * streaming spread; returns how long before.
 */
export function expectProgressive(
  log: FrameLog,
  timeline: readonly TextAppearance[],
  run: CheckedRun,
  arrivals: readonly Arrival[],
): number {
  const answer = firstAppearance(timeline, run.finalReport.payload.executive_summary);
  const partials = [
    ...eventsOfType(run.events, 'agent_thinking').map((e) => e.payload.reasoning),
    ...eventsOfType(run.events, 'tool_executing').map((e) => e.payload.tool_name),
  ].map((text) => ({ text, shown: firstAppearance(timeline, text) }));
  const first = Math.min(...partials.map((p) => p.shown?.at ?? Infinity));
  const lead = (answer?.at ?? -Infinity) - first;
  // The page is judged against what reached it: partials that arrived well ahead of final_report must be
  // on screen well ahead of the answer (half that lead), not rendered with it in one go.
  const partialTypes = new Set(['agent_thinking', 'tool_executing']);
  const firstPartial = arrivals.find((a) => partialTypes.has(a.event.type))?.at ?? 0;
  const reportAt = arrivals.find((a) => a.event.type === 'final_report')?.at ?? 0;
  const wanted = Math.max(MIN_STREAM_SPREAD_MS, Math.round((reportAt - firstPartial) / 2));
  if (lead >= wanted) return lead;
  throw new E2EFailure(
    {
      verdict: 'ui-broken',
      phase: 'progressive rendering',
      summary: answer
        ? `the first partial result was on the page only ${lead} ms before the final answer, though it reached the page ${reportAt - firstPartial} ms before final_report: nothing rendered progressively`
        : 'the final answer never rendered',
      issues: [
        {
          path: '(render times)',
          expected: `a partial result at least ${wanted} ms before the answer`,
          received: partials.map((p) => `"${p.text}" ${p.shown ? log.relative(p.shown.at) : 'never'}`),
          message: 'batched rendering',
        },
      ],
    },
    log,
  );
}

/**
 * Each text (a tool name, a thinking line) was on the page at some moment of the run: what the user saw while
 * the agent worked, whatever the page keeps once the run is over. Fails as `ui-broken` naming what never showed.
 */
export function expectShownWhileRunning(
  log: FrameLog,
  timeline: readonly TextAppearance[],
  options: { phase: string; texts: readonly string[]; what: string },
): TextAppearance[] {
  const shown = options.texts.map((text) => ({ text, seen: firstAppearance(timeline, text) }));
  const missing = shown.filter((s) => !s.seen).map((s) => s.text);
  if (missing.length === 0) return shown.flatMap((s) => (s.seen ? [s.seen] : []));
  throw new E2EFailure(
    {
      verdict: 'ui-broken',
      phase: options.phase,
      summary: `the page never showed ${options.what} ${missing.map((t) => `"${t}"`).join(', ')} while the run worked`,
      issues: missing.map((text) => ({
        path: '(page text)',
        expected: `${options.what} "${text}" on the page during the run`,
        received: 'never shown',
        message: `${options.what} not shown`,
      })),
    },
    log,
  );
}
