import { expect, test } from '@playwright/test';
import { planBackToBack } from '../../stand-in/delivery';

const run = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_thinking',
  'agent_completed',
  'final_report',
].map((type) => ({ type }));

const types = (frames: readonly object[]) => frames.map((f) => (f as { type: string }).type);

test.describe('back-to-back delivery', () => {
  test('sends the first step in one write and ends the run in one burst', () => {
    const plan = planBackToBack(run, 400);
    expect(plan.map((send) => types(send.frames))).toEqual([
      ['agent_started', 'agent_thinking', 'tool_executing'],
      ['tool_completed', 'agent_thinking', 'agent_completed', 'final_report'],
    ]);
    expect(plan.map((send) => send.delayMs)).toEqual([400, 800]);
  });

  test('frames outside a burst go one gap apart, and none is lost', () => {
    const plan = planBackToBack(run.slice(1, 6), 250);
    expect(plan.flatMap((send) => types(send.frames))).toEqual(types(run.slice(1, 6)));
    expect(plan.map((send) => send.frames.length)).toEqual([1, 1, 1, 1, 1]);
    expect(plan.map((send) => send.delayMs)).toEqual([250, 500, 750, 1000, 1250]);
  });
});
