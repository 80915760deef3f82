import { parseNetraBug } from '../../lib/known-bugs/annotation';
import type { FaultMode } from '../../stand-in/contract';
import type { ChildTestResult } from './run-suite';

/** The focused checks of e2e/user-needs.spec.ts: what a chat user needs, each the check of a known Netra bug. */
export const USER_NEEDS = 'e2e/user-needs.spec.ts';

export interface FocusedCheck {
  /** The test's title, or a unique part of it, for --grep. */
  grep: string;
  /** The bug it is the focused check of (none: a check without a known bug). */
  bug?: string;
  /** The faults that make our page fail it, and the words each failure must say. */
  onOurPage: {
    fault: FaultMode;
    message: RegExp[];
    within?: { ms: number; why: string };
    afterFrame?: { ms: number; why: string };
  }[];
  /** The bug's failure through the real frontend, where it has the bug. */
  signature?: RegExp;
}

export const FOCUSED_CHECKS: FocusedCheck[] = [
  {
    grep: 'the message the user sends is shown on Send',
    bug: 'B3',
    onOurPage: [
      {
        fault: 'hide-sent-message',
        message: [
          /\[ui-broken\] phase "message sent": the user’s message ".*" was not on the page \d+ ms after Send/,
        ],
      },
    ],
    signature:
      /\[ui-broken\] phase "message sent": the user’s message ".*" was not on the page \d+ ms after Send/,
  },
  {
    grep: 'after the answer, the user sends a second message in the same page',
    bug: 'B1',
    onOurPage: [
      {
        fault: 'input-stays-disabled',
        message: [
          /\[ui-broken\] phase "send": the chat input did not take a message within \d+ ms after the answer: it stays disabled/,
        ],
        within: { ms: 8_000, why: 'a first run and its answer come before the second message' },
      },
    ],
    signature:
      /\[ui-broken\] phase "send": the chat input did not take a message within \d+ ms after the answer: it stays disabled \(send button: "Sending/,
  },
  {
    grep: 'the user stops a run from the UI',
    bug: 'B4',
    onOurPage: [
      {
        fault: 'no-stop-control',
        message: [/\[ui-broken\] phase "stop": no stop control on the page while the agent works/],
        within: { ms: 8_000, why: 'the run starts, then deadlines.messageShown (2 s) for a stop control' },
      },
      {
        fault: 'ignore-stop',
        message: [
          /\[protocol-drift\] phase "stop": the run run_\w+ went on to (agent_completed|final_report) after the user’s stop_agent .*: it was not stopped/,
          /type: expected agent_stopped of run_\w+/,
        ],
      },
    ],
    signature: /\[ui-broken\] phase "stop": no stop control on the page while the agent works/,
  },
  {
    grep: 'New Chat from an open thread routes to the new thread',
    bug: 'B6',
    onOurPage: [
      {
        fault: 'new-chat-goes-back',
        message: [
          /\[ui-broken\] phase "new chat from an open thread": New Chat created thread_[\w-]+, but it went back to \/chat\/thread_[\w-]+, the thread the user left/,
        ],
        within: { ms: 12_000, why: 'a first conversation, then deadlines.newChat (5 s) for the new route' },
      },
    ],
    signature:
      /\[ui-broken\] phase "new chat from an open thread": New Chat created \S+, but it went back to \/chat\/\S+, the thread the user left/,
  },
  {
    grep: 'frames delivered back to back in one write are all shown',
    bug: 'B2',
    onOurPage: [
      {
        fault: 'drop-same-tick-frame',
        message: [
          /\[ui-broken\] phase "(back to back: the first step|answer)": (agent_thinking|tool_executing|final_report) reached the page \S+ \(\d+ ms after the frame before it; stamped \d ms after it\), but the page never showed/,
        ],
        within: {
          ms: 9_000,
          why: 'the whole run (about 3 s), then deadlines.answerVisible (4 s) for the lost answer',
        },
        afterFrame: { ms: 4_500, why: 'the page is given deadlines.answerVisible (4 s) to show the answer' },
      },
    ],
    signature:
      /\[ui-broken\] phase "[^"]+": \w+ reached the page \S+ \((?:1?[0-9] ms after the frame before it; stamped \d+|\d+ ms after the frame before it; stamped 1?[0-9]) ms after it\), but the page never showed/,
  },
  {
    grep: 'thinking lines are shown while the agent works',
    onOurPage: [
      {
        fault: 'ignore-thinking-events',
        within: { ms: 8_000, why: 'the run goes on to its answer before what the page showed is judged' },
        message: [
          /\[ui-broken\] phase "thinking": agent_thinking reached the page .*, but the page never showed the thinking line/,
        ],
      },
    ],
  },
];

/** The netra-bug annotations of a child result, by id. */
export const bugIds = (result: ChildTestResult | undefined): string[] =>
  (result?.annotations ?? []).flatMap(
    (a) => parseNetraBug({ type: a.type, description: a.description ?? '' })?.id ?? [],
  );
