import type { WebSocket } from 'ws';
import { hostileCorpus } from './hostile-corpus';

/**
 * Benchmark behaviours, picked by the JWT claim `standin_bench` (never by a spec): `burst:<n>` sends n
 * realistic stream_chunk frames right after the welcome, then stream_complete; `corpus` sends the hostile corpus.
 */
export const BENCH_CLAIM = 'standin_bench';

export function playBenchScript(ws: WebSocket, claim: unknown): void {
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
