/**
 * The promises staging makes that the suite guards for the user, even where the app itself checks nothing:
 * when a frame drifts and the app copes, a drift that touches one of these is staging's fault
 * (`staging-broke-invariant`), never a stale test. Declared once, beside the schemas: which promise, why it
 * matters to the user, and which fields of which frames carry it.
 */
export type InvariantName =
  'identity' | 'isolation' | 'order' | 'completeness' | 'readiness' | 'size' | 'framing';

export interface Invariant {
  /** What staging promises, in one clause. */
  promise: string;
  /** Why it matters to the user even when the app tolerated the drift. */
  matters: string;
}

export const INVARIANTS: Readonly<Record<InvariantName, Invariant>> = {
  identity: {
    promise: "the welcome names the user the token signed in (data.user_id is the token's sub)",
    matters:
      "it is how a client tells that the socket is its user's: one opened as someone else streams their runs",
  },
  isolation: {
    promise: "every event of a run carries that run's id, and a user receives only the runs they started",
    matters:
      "another user's reasoning or answer on this user's screen is a leak, however fine the page looks",
  },
  order: {
    promise:
      'agent_started first, each tool_executing before its tool_completed, nothing after the terminal event',
    matters:
      'progress views and run bookkeeping rely on it: a tool shown finished before it ran, a run that restarts',
  },
  completeness: {
    promise: 'every run ends with exactly one agent_completed (or agent_error), before final_report',
    matters: 'without its terminal event no client can tell a finished run from a stalled one',
  },
  readiness: {
    promise: 'the welcome says the connection is ready (data.connection_ready true)',
    matters: 'a chat sent on a connection the server does not call ready may be lost',
  },
  size: {
    promise:
      'the welcome announces sane limits (heartbeat, max_message_size) and no frame exceeds max_message_size',
    matters: 'a client that enforces the announced limit drops or cuts the frame',
  },
  framing: {
    promise: 'every server frame is one JSON object with a string type',
    matters: 'no client can read anything else; this app merely skipped it',
  },
};

/** The frames whose fields carry an invariant (the analysis knows which group a refusing schema belongs to). */
export type InvariantFrame = 'welcome' | 'agent event';

/** A field that carries a promise, and what the promise expects of it. */
export interface InvariantField {
  invariant: InvariantName;
  expected: string;
}

/**
 * Which fields carry an invariant, by frame. A drift that changes one of them (its type, its literal, or its
 * presence: also by dropping an object that holds it) breaks the promise; moving or renaming the field keeps it.
 */
export const INVARIANT_FIELDS: Readonly<Record<InvariantFrame, Readonly<Record<string, InvariantField>>>> = {
  welcome: {
    'data.user_id': { invariant: 'identity', expected: "the token's sub" },
    'data.connection_ready': { invariant: 'readiness', expected: 'true' },
    'data.config.heartbeat_interval': { invariant: 'size', expected: 'between 1 and 300 seconds' },
    'data.config.max_message_size': { invariant: 'size', expected: 'between 1 KiB and 16 MiB' },
  },
  'agent event': {
    run_id: { invariant: 'isolation', expected: "this run's id" },
    thread_id: { invariant: 'isolation', expected: "the chat's thread" },
    user_id: { invariant: 'isolation', expected: 'this user' },
  },
};

/** The invariant fields of a frame at `path` or under it (`data` holds every promise of the welcome). */
export function invariantFieldsUnder(
  frame: InvariantFrame,
  path: string,
): ({ path: string } & InvariantField)[] {
  return Object.entries(INVARIANT_FIELDS[frame])
    .filter(([field]) => path === '' || field === path || field.startsWith(`${path}.`))
    .map(([field, carried]) => ({ path: field, ...carried }));
}

/**
 * How a user id in a welcome differs from the token's sub, in words a backend engineer acts on. A prefix with
 * "..." (Netra beta-15 cuts ids to 8 characters for its logs) is a broken promise, not a new form: the first
 * characters are shared by other users (`staging-` by every E2E user), so a check of the prefix would pass
 * a welcome for another user too.
 */
export function describeUserIdMismatch(received: unknown, sub: string): string {
  if (typeof received === 'string' && received.endsWith('...')) {
    const prefix = received.slice(0, -3);
    if (prefix.length > 0 && sub.startsWith(prefix))
      return `the token's sub cut to ${prefix.length} characters plus "...": "${prefix}" begins other users' ids too, so no welcome says whose socket this is any more (a broken promise, not a new form: a prefix check would pass another user's welcome)`;
  }
  return `another user's id, not the token's sub "${sub}"`;
}
