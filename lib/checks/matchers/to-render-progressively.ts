import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { Journey } from '../../pages/journey';
import type { CheckedRun, SentChat } from '../expect-run';
import { E2EFailure } from '../failure';
import { eventsOfType } from '../../protocol';
import { arrivalsAfter } from '../../recorder/arrivals';
import { firstAppearance, readTextTimeline } from '../../recorder/text-timeline';
import { judgeAsync } from './judge';
import { MIN_STREAM_SPREAD_MS } from './to-have-streamed';

/**
 * `await expect(journey).toRenderProgressively({ sent, run })`: the run's partial results (thinking, tools)
 * were on the page (`startTextTimeline` before the run) before its final answer, by at least the streaming
 * spread.
 */
export function toRenderProgressively(
  this: ExpectMatcherState,
  journey: Pick<Journey, 'chatPage' | 'frames'>,
  { sent, run }: { sent: SentChat; run: CheckedRun },
): Promise<MatcherReturnType> {
  return judgeAsync(this, 'toRenderProgressively', async () => {
    const log = journey.frames;
    const timeline = await readTextTimeline(journey.chatPage.page);
    const arrivals = arrivalsAfter(log, sent);
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
    if (lead >= wanted) return;
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
  });
}
