import type { Thread, WelcomeFrame } from '../../lib/protocol';
import type { RunParts } from '../frames';
import type { ScheduledSend } from '../run-plan';
import type { StoredMessage } from '../store';

/** How an upgrade carried its token. */
export type TokenCarrier = 'ticket' | 'subprotocol' | 'bearer';

/** A WebSocket of the stand-in as a fault's hooks see it. */
export interface SocketView {
  readonly userId: string;
  /**
   * The fault its token names (a `FaultMode`: typed as a string, since the registry that defines the names
   * imports this file); a fault may act on the other sockets that carry it too.
   */
  readonly fault: string | undefined;
  /** The verified claims of the token it was opened with. */
  readonly claims: Readonly<Record<string, unknown>>;
  readonly open: boolean;
  /** Sends a frame, if the socket is still open. */
  send(frame: object): void;
  close(code: number, reason: string): void;
}

/** The stand-in's WebSocket server, for the faults that act across sockets. */
export interface ServerView {
  /** The sockets it tracks, oldest first (a closed one too, while runs it keeps go on). */
  sockets(): Iterable<SocketView>;
  /** Calls `deliver` with the user's next socket, right after that socket's welcome. */
  onNextSocket(userId: string, deliver: (socket: SocketView) => void): void;
}

/** Whether a run may start: refused with a frame, or admitted with what to do when it ends. */
export type RunAdmission = { refusal: object } | { release: () => void };

/** REST answers a fault may replace wholesale (endpoints that may be called without a sign-in). */
export type ReplaceableRoute = 'health' | 'authConfig' | 'mcpTools';

/** A JSON answer sent as is, past the contract's schema. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/**
 * The points of the stand-in where a fault acts; the server calls each hook of the fault its caller's token
 * names, and without a hook does what staging does. Every hook is optional, and a fault has a few at most.
 */
export interface FaultHooks {
  // The WebSocket upgrade (stand-in/ws-server.ts).
  /** False: the upgrade is closed 1008 as unauthenticated though its token is valid. */
  acceptUpgrade?: (via: TokenCarrier | undefined) => boolean;
  /** True: the upgrade does not select the jwt-auth subprotocol it offered. */
  withholdsSubprotocol?: true;

  // The welcome.
  /** The welcome to send instead of staging's (undefined: none at all; a string: sent as it is, not as JSON). */
  welcome?: (frame: WelcomeFrame, socket: SocketView) => object | string | undefined;
  /** Right after the welcome (and any frames held for the user's next socket). */
  afterWelcome?: (socket: SocketView) => void;

  // Client frames.
  /** True: no client frame counts against the rate limit. */
  ignoresRateLimit?: true;
  /** True: a bad client frame gets no answer (neither the error nor the ack naming an unknown type). */
  swallowsBadInput?: true;
  /** True: `stop_agent` is acknowledged and the run goes on. */
  ignoresStop?: true;

  // An agent run.
  /** Whether a chat starts a run; asked before anything of the run is done. */
  admitRun?: () => RunAdmission;
  /** The run's frames instead of `standardRun(parts)` (undefined: the standard run). `index`: the user's nth run. */
  runFrames?: (parts: RunParts, index: number) => object[] | undefined;
  /** When the run's frames are sent, instead of one event gap apart. */
  runPlan?: (frames: readonly object[], gapMs: number) => ScheduledSend[];
  /** The timestamp a run's frame is stamped with as it is sent, instead of ISO 8601. */
  timestamp?: (nowMs: number) => string | number;
  /** After each of a run's frames was delivered, or not: its socket may be closed (see `deliverAfterClose`). */
  delivered?: (frame: object, from: SocketView, server: ServerView) => void;
  /** A run's frame whose socket is no longer open (without the hook: dropped). */
  deliverAfterClose?: (frame: object, from: SocketView, server: ServerView) => void;
  /** After a run's last frame was sent. */
  afterRun?: (socket: SocketView, threadId: string | undefined) => void;
  /** True: when a socket closes, its runs go on instead of ending with it. */
  keepsRunsAfterClose?: true;

  // REST (stand-in/http-routes.ts) and auth (stand-in/context.ts).
  /** Answers that replace a route's own. */
  answers?: { readonly [R in ReplaceableRoute]?: JsonAnswer };
  /** True: a token with a bad signature is believed when it carries the grant for this fault. */
  acceptsGrantedForgery?: true;
  /** True: POST /auth/validate-token-and-get-user refuses the token (`tokenId`: its jti). */
  refuseValidation?: (tokenId: string | undefined) => boolean;
  /** The body of a thread answer instead of the thread (sent past the schema). */
  threadBody?: (thread: Thread) => unknown;
  /** 'everyone': GET /api/threads lists every user's threads. */
  threadListScope?: 'everyone';
  /** 'anyone': a thread's history is served to any user. */
  historyScope?: 'anyone';
  /** The history GET /api/threads/<id>/messages answers instead of the stored one. */
  history?: (messages: StoredMessage[]) => StoredMessage[];
  /** True: WebSocket tickets survive their first use. */
  reusableTickets?: true;
}

interface FaultDescription {
  description: string;
}

/** A fault the stand-in acts out with hooks without state. */
interface StatelessFault extends FaultDescription {
  hooks: FaultHooks;
  perStandIn?: never;
  actsIn?: never;
}

/** A fault the stand-in acts out with hooks that keep state, made once per stand-in (shared by all its sockets and requests). */
interface StatefulFault extends FaultDescription {
  perStandIn: () => FaultHooks;
  hooks?: never;
  actsIn?: never;
}

/** A fault of the page: the suite injects it (fixtures/page-faults.ts); the stand-in has no hook for it. */
interface PageFaultEntry extends FaultDescription {
  actsIn: 'page';
  hooks?: never;
  perStandIn?: never;
}

/** One fault of the registry: what staging does wrong, and the hooks that make the stand-in do it (or the page). */
export type FaultEntry = StatelessFault | StatefulFault | PageFaultEntry;

/** Declares a group of faults, keeping their names and descriptions as literal types. */
export function defineFaults<const T extends Readonly<Record<string, FaultEntry>>>(faults: T): T {
  return faults;
}
