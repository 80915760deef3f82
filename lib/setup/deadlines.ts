/** Named deadlines per target, in milliseconds. Every wait in the suite uses one of these names. */
export interface Deadlines {
  /** goto → `main-chat` visible (real app: ~7 s on staging, ~9 s on a 2-core runner; it waits 3 s twice). */
  appReady: number;
  /** socket opened → first server frame (the welcome). */
  welcome: number;
  /** New Chat clicked → the chat remounted on `/chat/<thread_id>`, ready for input (real app: ~3.5 s). */
  newChat: number;
  /** chat frame sent → first agent event. */
  firstEvent: number;
  /** chat frame sent → final_report. */
  runComplete: number;
  /** final_report received → answer visible in the page. */
  answerVisible: number;
  /**
   * Send clicked → the user's own message on the page (real app: the first send from an empty chat remounts
   * it on /chat/<thread_id> for ~3.5 s). Also: the answer shown → the input takes the next message.
   */
  messageShown: number;
  /** one REST or WebSocket call of the API contract. */
  apiCall: number;
  /** one health request of the preflight: is the deployment up at all? */
  preflight: number;
}

/** A deadline as waits and failure messages name it, e.g. `{ name: 'deadlines.welcome', ms: 2000 }`. */
export interface NamedDeadline {
  name: string;
  ms: number;
}

/** `deadlines.<key>` with the given length, for a wait that was handed only the milliseconds. */
export const namedDeadline = (key: keyof Deadlines, ms: number): NamedDeadline => ({
  name: `deadlines.${key}`,
  ms,
});

/** The deadline `key` of a target's deadlines (or of a part of them), named `deadlines.<key>`. */
export const deadlineOf = <K extends keyof Deadlines>(deadlines: Pick<Deadlines, K>, key: K): NamedDeadline =>
  namedDeadline(key, deadlines[key]);

/**
 * What a user should experience (P1-011), tighter than the deadlines: a deadline only stops a wait from
 * hanging, so a run inside its deadline but outside its budget is slow, not broken.
 */
export interface Budgets {
  /** socket opened → welcome. */
  welcomeMs: number;
  /** chat sent → first agent event. */
  firstEventMs: number;
  /** chat sent → final_report. */
  runCompleteMs: number;
  /** final_report received → answer on screen. */
  answerShownMs: number;
}

export const LOCAL_DEADLINES: Deadlines = {
  appReady: 5_000,
  welcome: 2_000,
  newChat: 5_000,
  firstEvent: 3_000,
  runComplete: 8_000,
  answerVisible: 4_000,
  messageShown: 2_000,
  apiCall: 3_000,
  preflight: 2_000,
};

/** The real frontend's production build against the stand-in: the app's own waits, the stand-in's speed. */
export const REAL_FRONTEND_DEADLINES: Deadlines = {
  ...LOCAL_DEADLINES,
  appReady: 25_000,
  newChat: 12_000,
  answerVisible: 5_000,
  messageShown: 8_000,
};

export const STAGING_DEADLINES: Deadlines = {
  appReady: 25_000,
  // A silent socket fails 8 s after it opened: the welcome is the server's first act, not agent work.
  welcome: 8_000,
  newChat: 15_000,
  firstEvent: 20_000,
  runComplete: 90_000,
  answerVisible: 15_000,
  messageShown: 10_000,
  apiCall: 15_000,
  preflight: 5_000,
};

export const LOCAL_BUDGETS: Budgets = {
  welcomeMs: 500,
  firstEventMs: 1_000,
  runCompleteMs: 3_000,
  answerShownMs: 2_000,
};

/** The real frontend renders an event in a few hundred ms; its stand-in spaces events 400 ms apart (2.8 s a run). */
export const REAL_FRONTEND_BUDGETS: Budgets = {
  welcomeMs: 1_000,
  firstEventMs: 1_000,
  runCompleteMs: 5_000,
  answerShownMs: 3_000,
};

export const STAGING_BUDGETS: Budgets = {
  welcomeMs: 3_000,
  firstEventMs: 10_000,
  runCompleteMs: 60_000,
  answerShownMs: 5_000,
};
