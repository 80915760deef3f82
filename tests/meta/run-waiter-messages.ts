/**
 * What the run waiter (lib/checks/expect-run.ts) says for the stand-in's run-order faults, the same words whichever
 * spec (browser, P1 or backend contract) meets the fault.
 */
export const RUN_WAITER_MESSAGES = {
  'missing-completed': [/expected agent_completed or agent_error before final_report/],
  'out-of-order': [/payload\.tool_name: expected a tool_executing before its tool_completed/],
} satisfies Record<string, RegExp[]>;
