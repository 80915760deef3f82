import { randomBytes } from 'node:crypto';
import { isoNow } from '../clock';
import { WELCOME_CONFIG, errorFrame } from '../frames';
import { planRun } from '../run-plan';
import { defineFaults, type SocketView } from './hooks';

/** How long `slow-agent` holds a run back: far beyond any first-event deadline. */
const SLOW_AGENT_DELAY_MS = 30_000;
/** How long `sluggish-agent` holds a run back: inside deadlines.firstEvent, past the budget. */
const SLUGGISH_AGENT_DELAY_MS = 1_500;

/** `ghost-run`: the start of a run nobody asked for, sent after a real run's final_report; it never ends. */
function ghostRunStart(threadId: string | undefined): object {
  return {
    type: 'agent_started',
    run_id: `run_ghost_${randomBytes(4).toString('hex')}`,
    agent_name: 'supervisor',
    timestamp: isoNow(),
    ...(threadId ? { thread_id: threadId } : {}),
    payload: { status: 'started', context: {}, message: 'Starting supervisor...' },
  };
}

/** Faults of an agent run: its frames, their timing, where they go, and what follows the run. */
export const RUN_FAULTS = defineFaults({
  'missing-completed': {
    description: 'run skips agent_completed and goes straight to final_report',
    hooks: {
      runFrames: ({ started, thinking1, executing, completedTool, report }) => [
        started,
        thinking1,
        executing,
        completedTool,
        report,
      ],
    },
  },
  'out-of-order': {
    description: 'tool_completed arrives before its tool_executing',
    hooks: {
      runFrames: ({ started, thinking1, executing, completedTool, completed, report }) => [
        started,
        thinking1,
        completedTool,
        executing,
        completed,
        report,
      ],
    },
  },
  'foreign-run': {
    description: "an event of another user's run is delivered mid-run",
    hooks: {
      runFrames: ({ started, thinking, completed, report }) => [
        started,
        { ...thinking(1, 'another user’s private reasoning', 10), run_id: 'run_other_user_0001' },
        completed,
        report,
      ],
    },
  },
  'close-early': {
    description: 'server closes the socket right after agent_started',
    hooks: {
      runFrames: ({ started }) => [started],
      afterRun: (socket) => socket.close(1011, 'stand-in fault: close-early'),
    },
  },
  oversized: {
    description: 'a frame larger than the welcome max_message_size',
    hooks: {
      runFrames: ({ started, thinking, completed, report }) => [
        started,
        thinking(1, 'x'.repeat(WELCOME_CONFIG.max_message_size * 2), 20),
        completed,
        report,
      ],
    },
  },
  'no-agent-started': {
    description: 'a run begins with agent_thinking: agent_started is never sent',
    hooks: {
      runFrames: ({ thinking1, executing, completedTool, completed, report }) => [
        thinking1,
        executing,
        completedTool,
        completed,
        report,
      ],
    },
  },
  'no-tools': {
    description: 'a run uses no tool: no tool_executing, no tool_completed',
    hooks: {
      runFrames: ({ started, thinking1, thinking2, completed, report }) => [
        started,
        thinking1,
        thinking2,
        completed,
        report,
      ],
    },
  },
  'skip-thinking-later-runs': {
    description: 'from the second run of a connection on, agent_thinking is not sent',
    hooks: {
      runFrames: ({ started, executing, completedTool, completed, report }, index) =>
        index > 0 ? [started, executing, completedTool, completed, report] : undefined,
    },
  },
  'slow-agent': {
    description: 'every agent run starts 30 s late (no acknowledgement, no first event in time)',
    hooks: { runPlan: (frames, gapMs) => planRun(frames, gapMs, SLOW_AGENT_DELAY_MS) },
  },
  'sluggish-agent': {
    description: 'every run starts 1.5 s late: inside deadlines.firstEvent, outside the first-event budget',
    hooks: { runPlan: (frames, gapMs) => planRun(frames, gapMs, SLUGGISH_AGENT_DELAY_MS) },
  },
  'batched-run': {
    description: 'a run is buffered and all its events are sent at once at the end (no streaming)',
    hooks: { runPlan: (frames, gapMs) => [{ delayMs: gapMs * frames.length, frames: [...frames] }] },
  },
  'ghost-run': {
    description: 'after final_report an agent_started of a run nobody asked for, which never ends',
    hooks: { afterRun: (socket, threadId) => socket.send(ghostRunStart(threadId)) },
  },
  'busy-under-load': {
    description: 'a chat is refused with error SERVICE_BUSY while another faulted connection runs',
    perStandIn: () => {
      /** Runs in flight on the sockets that carry this fault. */
      let busyRuns = 0;
      return {
        admitRun: () => {
          if (busyRuns > 0)
            return {
              refusal: errorFrame('SERVICE_BUSY', 'the agent service is at capacity, try again shortly'),
            };
          busyRuns += 1;
          return {
            release: () => {
              busyRuns -= 1;
            },
          };
        },
      };
    },
  },
  'orphan-run': {
    description: "a run outlives its socket: what is left of it goes to the user's next socket",
    hooks: {
      keepsRunsAfterClose: true,
      // To the user's newest open socket, or held until the user's next socket opens.
      deliverAfterClose: (frame, from, server) => {
        let next: SocketView | undefined;
        for (const socket of server.sockets())
          if (socket.userId === from.userId && socket.open) next = socket;
        if (next) next.send(frame);
        else server.onNextSocket(from.userId, (socket) => socket.send(frame));
      },
    },
  },
  'event-leak': {
    description: "a run's events are also delivered to another user's socket",
    // To the other users' sockets that carry this fault too.
    hooks: {
      delivered: (frame, from, server) => {
        for (const other of server.sockets())
          if (other.fault === from.fault && other.userId !== from.userId) other.send(frame);
      },
    },
  },
  // A tolerated variant, not a fault: the suite must pass and say so in the drift report.
  'float-timestamps': {
    description: 'agent events carry Unix float timestamps (the message model’s form), as staging may',
    hooks: { timestamp: (nowMs) => nowMs / 1000 },
  },
});
