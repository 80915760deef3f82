import { expect, test } from '../fixtures';
import type { Journey } from '../lib/pages/journey';
import { expectRunStopped, type StoppedRun } from '../lib/checks/expect-stopped';
import { deadlineOf } from '../lib/setup/deadlines';

/**
 * The user stops the run the page is working on, from the UI: the page offers a stop control (Netra bug B4
 * fails here), the click sends `stop_agent`, the backend ends the run with `agent_stopped`, and the page stops
 * saying the agent works.
 */
export async function stopRun(journey: Journey, run: { runId: string; socket: number }): Promise<StoppedRun> {
  const { chatPage, frames, target } = journey;
  return test.step('the user stops the run from the UI', async () => {
    await expect(journey).toOfferStop({ phase: 'stop' });
    const fromSeq = frames.frames.length;
    await chatPage.clickStop();
    const stopped = await expectRunStopped(frames, {
      ...run,
      fromSeq,
      phase: 'stop',
      deadline: deadlineOf(target.deadlines, 'firstEvent'),
    });
    await expect(chatPage.processing, 'stop: agent-processing is gone once the run stopped').toBeHidden({
      timeout: target.deadlines.messageShown,
    });
    return stopped;
  });
}
