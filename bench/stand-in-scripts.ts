import type { WebSocket } from 'ws';
import { hostileCorpus } from '../stand-in/hostile-corpus';
import type { StandInPlugins } from '../stand-in/ws-server';

/**
 * Benchmark behaviours of the in-process stand-in (`startStandIn`, bench/lib.ts), picked by the JWT claim
 * `standin_bench`: `burst:<n>` sends n realistic stream_chunk frames right after the welcome, then
 * stream_complete; `corpus` sends the hostile corpus. The stand-in started for the suite has none of them.
 */
export const BENCH_CLAIM = 'standin_bench';

function playBenchScript(ws: WebSocket, claim: unknown): void {
  if (typeof claim !== 'string') return;
  const burst = /^burst:(\d+)$/.exec(claim);
  if (burst) {
    const count = Number(burst[1]);
    const filler = 'Comparing model costs for the workload and collecting token usage per route. '.repeat(3);
    for (let i = 0; i < count; i += 1) {
      ws.send(
        JSON.stringify({
          type: 'stream_chunk',
          run_id: 'run_burst',
          timestamp: new Date().toISOString(),
          payload: { index: i, text: filler },
        }),
      );
    }
    ws.send(JSON.stringify({ type: 'stream_complete', run_id: 'run_burst', payload: { count } }));
  } else if (claim === 'corpus') {
    for (const frame of hostileCorpus())
      ws.send(frame.payload, { binary: typeof frame.payload !== 'string' });
    ws.send(
      JSON.stringify({
        type: 'stream_complete',
        run_id: 'run_corpus',
        payload: { count: hostileCorpus().length },
      }),
    );
  }
}

/** Plugs the benchmark scripts into a stand-in: each socket plays the script its token's claim names. */
export const BENCH_PLUGINS: StandInPlugins = {
  afterWelcome: (ws, claims) => playBenchScript(ws, claims[BENCH_CLAIM]),
};
