import { FrameLog } from '../lib/recorder/frame-log';
import { waitOnFrames } from '../lib/recorder/frame-waiter';
import { tokenSubprotocols } from '../lib/secrets/tokens';
import { BENCH_CLAIM } from './stand-in-scripts';
import { percentile } from '../lib/reporting/percentile';
import { launchChromium, machine, printTable, startStandIn } from './lib';

/**
 * Frame recorder under load: the stand-in bursts N realistic frames right after the welcome; the page counts
 * them. Compares the page's wall time with and without `page.on('websocket')` recording, and checks the
 * recorder captured every frame in order.  Usage: npx tsx bench/recorder-overhead.ts [frames] [rounds]
 */
const FRAMES = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 5);

async function main(): Promise<void> {
  const standIn = await startStandIn();
  const browser = await launchChromium();
  const timings: Record<'without' | 'with', number[]> = { without: [], with: [] };
  let captured = { count: 0, inOrder: true };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
      for (const mode of order) {
        const page = await browser.newPage();
        const log = new FrameLog();
        if (mode === 'with') log.attach(page);
        await page.goto(`${standIn.origin}/login`);
        const token = await standIn.token({ [BENCH_CLAIM]: `burst:${FRAMES}` });
        const elapsed = await page.evaluate(
          ({ url, protocols, expected }) =>
            new Promise<number>((resolve, reject) => {
              const started = performance.now();
              const socket = new WebSocket(url, protocols);
              let seen = 0;
              socket.onmessage = (event: MessageEvent<string>) => {
                if (event.data.includes('"stream_complete"')) {
                  if (seen === expected) resolve(performance.now() - started);
                  else reject(new Error(`page saw ${seen} of ${expected} frames`));
                  socket.close();
                } else if (event.data.includes('"stream_chunk"')) seen += 1;
              };
              socket.onerror = () => reject(new Error('socket error'));
            }),
          { url: standIn.wsUrl, protocols: tokenSubprotocols(token), expected: FRAMES },
        );
        timings[mode].push(elapsed);
        if (mode === 'with') {
          await waitOnFrames(log, {
            phase: 'burst',
            waitingFor: 'stream_complete in the recorder',
            deadline: { name: 'bench', ms: 30_000 },
            onFrame: (f) => (f.text.includes('"stream_complete"') ? { done: f } : undefined),
          });
          const chunks = log.received().filter((f) => f.text.includes('"stream_chunk"'));
          const indices = chunks.map(
            (f) => (JSON.parse(f.text) as { payload: { index: number } }).payload.index,
          );
          captured = { count: chunks.length, inOrder: indices.every((v, i) => v === i) };
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await standIn.stop();
  }
  const p50Without = percentile(timings.without, 50);
  const p50With = percentile(timings.with, 50);
  printTable(`Frame recorder under a ${FRAMES}-frame burst (${ROUNDS} rounds, ${machine()})`, [
    {
      'page wall time without recorder (p50 ms)': p50Without.toFixed(0),
      'with recorder (p50 ms)': p50With.toFixed(0),
      'ratio (target ≤ 1.10)': (p50With / p50Without).toFixed(2),
      'frames captured': `${captured.count}/${FRAMES}`,
      'in order': captured.inOrder ? 'yes' : 'NO',
    },
  ]);
  if (captured.count !== FRAMES || !captured.inOrder) process.exitCode = 1;
}

void main();
