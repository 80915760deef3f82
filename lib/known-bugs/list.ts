import type { KnownBug } from './known-bug';

/** Netra's frontend releases that share the code of each beta-15 bug below (read in netra-systems/zen). */
const BETA_14_TO_17 = ['beta-14', 'beta-15', 'beta-17'] as const;

/** "…, the thread the user left": how the app going back to the previous thread reads in a failure. */
const WENT_BACK = /went back to \/chat\/\S+, the thread the user left/;

/**
 * The known bugs of Netra's own frontend releases, one entry each, like a line of Chromium's TestExpectations:
 * the releases that have it, what the user suffers, where in Netra's source it comes from, the tests it strikes
 * and the failure it causes there. On a listed release a test it strikes is an expected failure only when each
 * of its errors is one of these failures; a pass there turns red ("no longer reproduces"). Paths are in
 * netra-systems/zen at the first release listed; `tests` name the focused check first.
 */
export const KNOWN_FRONTEND_BUGS: readonly KnownBug[] = [
  {
    id: 'B1',
    title: 'no second message without a reload',
    releases: BETA_14_TO_17,
    suffers:
      'after an answer the chat input stays disabled ("Sending..."): the user cannot ask again until they reload the page.',
    source:
      'frontend/components/chat/hooks/useMessageSending.ts:340-397 (handleSend returns on success before setIsSending(false); reset() runs only from the error’s Dismiss button, MessageInput.tsx:210-214)',
    strikes: 'in its tests',
    tests: [
      /after the answer, the user sends a second message in the same page/,
      /^P1-007 /,
      /^P1-009 /,
      /^P1-022 /,
      /^P1-025 /,
    ],
    signatures: [
      {
        verdict: 'ui-broken',
        phase: /./,
        line: /^the chat input did not take a message within \d+ ms after the answer: it stays disabled/,
      },
    ],
  },
  {
    id: 'B2',
    title: 'an event arriving in the same tick as the one before is lost',
    releases: BETA_14_TO_17,
    suffers:
      'when two agent events reach the page back to back, the second is never shown: a lost final_report leaves the run "Processing" with no answer.',
    source:
      'frontend/components/chat/MainChat.tsx:138-147 (a new inline config for useEventProcessor on every render) → hooks/useEventProcessor.ts:82-109 (the effect destroys and rebuilds the EventQueue) → lib/event-queue.ts:121-158, 257-280 (the rest of a batch waits behind an await; destroy() empties it)',
    // Elsewhere it strikes when a busy page queues frames, and is named by its signature.
    strikes: 'anywhere',
    intermittent: {
      measured:
        'its focused check against the stand-in, through beta-15: 14 of 14 runs with both bursts in one write each (stand-in/delivery.ts: the tool lost in 8 of 10, the final_report in 10 of 10), 35 of 36 with the last burst alone; against another backend, whenever it sends events together or a busy page queues them',
      certainOn: 'stand-in',
    },
    tests: [/frames delivered back to back in one write are all shown/],
    signatures: [
      {
        verdict: 'ui-broken',
        phase: /./,
        // Back to back, as heard or as sent: the frame reached the page under 20 ms after the one before (however
        // far apart stamped: a busy page queued them), or was stamped under 20 ms after it (the backend sent them
        // together; the test process may hear them further apart than the page did).
        line: /reached the page \S+ \((?:1?[0-9] ms after the frame before it; stamped \d+|\d+ ms after the frame before it; stamped 1?[0-9]) ms after it\), but the page never showed/,
      },
    ],
  },
  {
    id: 'B3',
    title: 'the user’s own message vanishes on Send',
    releases: BETA_14_TO_17,
    suffers:
      'the message the user just sent is not shown while the agent works; it shows only after a reload.',
    source:
      'frontend/components/chat/hooks/useMessageSending.ts:412-423 (the optimistic copy goes to optimisticMessages, store/unified-chat.ts:330-339) and components/chat/OptimisticMessage.tsx (OptimisticMessageList, mounted nowhere)',
    strikes: 'in its tests',
    tests: [/the message the user sends is shown on Send/, /^P1-003 /, /^P1-007 /],
    signatures: [
      {
        verdict: 'ui-broken',
        phase: /./,
        line: /^the user’s message ".*" was not on the page \d+ ms after Send/,
      },
    ],
  },
  {
    id: 'B4',
    title: 'no stop control',
    releases: BETA_14_TO_17,
    suffers: 'a user cannot stop a run from the UI: there is no stop control while the agent works.',
    source: 'frontend/components/chat/StopButton.tsx (defined, mounted nowhere)',
    strikes: 'in its tests',
    tests: [/the user stops a run from the UI/, /^P1-022 /],
    signatures: [
      { verdict: 'ui-broken', phase: /./, line: /^no stop control on the page while the agent works/ },
    ],
  },
  {
    id: 'B6',
    title: 'New Chat from an open thread goes back to that thread',
    releases: BETA_14_TO_17,
    suffers:
      'from an open conversation, New Chat creates a thread but the page goes back to the conversation the user left.',
    source:
      'frontend/components/chat/ChatSidebar.tsx:130-217 (New Chat → switchToThread) → hooks/useThreadSwitching.ts:384-385, 468-470 (the active thread is set before the URL) → app/chat/[threadId]/page.tsx:65-69, 102-114 (the route page switches back to its own thread)',
    strikes: 'in its tests',
    tests: [/New Chat from an open thread routes to the new thread/],
    signatures: [{ verdict: 'ui-broken', phase: /^new chat from an open thread$/, line: WENT_BACK }],
  },
  {
    id: 'B7',
    title: 'the sidebar switches back to the open thread',
    releases: BETA_14_TO_17,
    suffers:
      'on an open conversation, clicking another thread in the sidebar loads it, then the page goes back to the conversation the user left.',
    source:
      'frontend/hooks/useThreadSwitching.ts:384-385, 468-470 (the active thread is set before the URL) → app/chat/[threadId]/page.tsx:65-69, 102-114 (the route page switches back to its own thread); the same cause as B6',
    strikes: 'in its tests',
    tests: [/^P1-014 /],
    signatures: [{ verdict: 'ui-broken', phase: /^switch to \S+ \(from \/chat\/\S+\)$/, line: WENT_BACK }],
  },
  {
    id: 'B8',
    title: 'no chat: the WebSocket ticket is asked of the frontend’s own origin',
    releases: ['beta-17'],
    suffers:
      'the chat never connects: the app asks its own origin for a WebSocket ticket (POST /api/websocket/ticket), a production build serves no such route, and no socket is opened.',
    source:
      'frontend/services/websocketTicketService.ts:309-320 (getTicketEndpoint: a same-origin /api/websocket/ticket; app/api has no such route, the /api rewrite exists only in development) and services/webSocketService.ts:1598-1608 (no fallback when the ticket fails)',
    strikes: 'anywhere',
    tests: [/^P1-001 /],
    signatures: [
      {
        verdict: 'ui-broken',
        phase: /^connect$/,
        line: /waiting for the page to open its WebSocket; the page opened no WebSocket at all/,
      },
    ],
  },
];
