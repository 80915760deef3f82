import { defineFaults } from './hooks';

/**
 * Faults of the page: the suite injects them into whichever frontend a test drives (fixtures/page-faults.ts),
 * so the checks that judge the page are proven on the real app too. The stand-in has no hook for them.
 */
export const PAGE_FAULTS = defineFaults({
  'chat-before-thread': {
    description: 'the page sends start_agent without the thread POST /api/threads created (thread_id null)',
    actsIn: 'page',
  },
  'hidden-status': {
    description: 'the page never shows agent-processing (a stylesheet hides it)',
    actsIn: 'page',
  },
  'ignore-tool-events': {
    description: 'the page drops tool_executing and tool_completed before the app sees them',
    actsIn: 'page',
  },
  'hidden-character-count': {
    description: 'the page never shows character-count (a stylesheet hides it)',
    actsIn: 'page',
  },
  'buffered-rendering': {
    description: 'the page holds a run’s events and renders them only once final_report is there',
    actsIn: 'page',
  },
  'ignore-thinking-events': {
    description: 'the page drops agent_thinking before the app sees it',
    actsIn: 'page',
  },
  'drop-same-tick-frame': {
    description: 'the page loses a frame that reaches it in the same tick as the one before (Netra bug B2)',
    actsIn: 'page',
  },
  'hide-sent-message': {
    description: 'the page hides the user’s own message once it is sent (Netra bug B3)',
    actsIn: 'page',
  },
  'input-stays-disabled': {
    description: 'the chat input stays disabled once a message was sent (Netra bug B1)',
    actsIn: 'page',
  },
  'no-stop-control': {
    description: 'the page never shows a stop control (Netra bug B4)',
    actsIn: 'page',
  },
  'new-chat-goes-back': {
    description: 'New Chat from an open thread goes back to that thread (Netra bug B6)',
    actsIn: 'page',
  },
});
