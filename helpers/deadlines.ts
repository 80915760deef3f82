/** Named deadlines per target, in milliseconds. Every wait in the suite uses one of these names. */
export interface Deadlines {
  /** goto → `main-chat` visible (real app: ~7 s, it waits 3 s for its socket check). */
  appReady: number;
  /** socket open → first server frame (the welcome). */
  welcome: number;
  /** chat frame sent → first agent event. */
  firstEvent: number;
  /** chat frame sent → final_report. */
  runComplete: number;
  /** final_report received → answer visible in the page (real app: ~3.5 s incl. remount). */
  answerVisible: number;
  /** one REST or WebSocket call of the API contract. */
  apiCall: number;
  /** one health request of the preflight: is the deployment up at all? */
  preflight: number;
}

export const LOCAL_DEADLINES: Deadlines = {
  appReady: 5_000,
  welcome: 2_000,
  firstEvent: 3_000,
  runComplete: 8_000,
  answerVisible: 4_000,
  apiCall: 3_000,
  preflight: 2_000,
};

export const STAGING_DEADLINES: Deadlines = {
  appReady: 25_000,
  welcome: 15_000,
  firstEvent: 20_000,
  runComplete: 90_000,
  answerVisible: 15_000,
  apiCall: 15_000,
  preflight: 5_000,
};
