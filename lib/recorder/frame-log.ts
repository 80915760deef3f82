import type { Page, WebSocket } from '@playwright/test';
import type { SchemaIssue } from '../protocol';
import type { DriftRecord } from './drift-record';
import type { NamedDeadline } from '../setup/deadlines';
import { Redactor } from '../secrets/redact';

export type Direction = 'sent' | 'received';

export interface RecordedFrame {
  seq: number;
  socket: number;
  direction: Direction;
  /** Epoch milliseconds when the recorder saw the frame. */
  at: number;
  text: string;
  bytes: number;
  binary: boolean;
}

export interface SocketRecord {
  index: number;
  url: string;
  openedAt: number;
  closedAt?: number;
  closeCode?: number;
  error?: string;
}

/** How a socket closed, e.g. `code 1011`: its close code and error, if any ('' when it has neither). */
export const describeClose = (socket: Pick<SocketRecord, 'closeCode' | 'error'>): string =>
  [socket.closeCode !== undefined ? `code ${socket.closeCode}` : '', socket.error ?? '']
    .filter(Boolean)
    .join(', ');

/** A frame wait in progress: when a test times out, this says which phase was waiting for what. */
export interface PendingWait {
  phase: string;
  waitingFor: string;
  deadline: NamedDeadline;
  /** Epoch milliseconds when the wait began. */
  since: number;
}

/**
 * What the user needs after a frame of a phase drifted, judged on the page: the chat shown (the welcome), or the
 * answer of the chat sent, on its thread (an agent run).
 */
export type UserNeed =
  | { kind: 'chat'; socket: number; userId: string }
  | { kind: 'answer'; socket: number; sentSeq: number; sentAt: number; threadId: string | undefined };

/** A drift a waiter saw and recorded at once; its verdict waits for what the page shows. */
export interface SeenDrift {
  phase: string;
  summary: string;
  issues: SchemaIssue[];
  frame: RecordedFrame;
  /** The record already in the log's drift list; the judge adds the verdict to it. */
  record: DriftRecord;
  need: UserNeed;
  /** Epoch ms when the drift was recorded. */
  recordedAt: number;
}

/** Judges a drift by what the user saw after it; resolves to the error the test fails with. */
export type DriftJudge = (drift: SeenDrift) => Promise<Error>;

export interface PageErrorRecord {
  at: number;
  message: string;
}

const PREVIEW_CHARS = 240;

/**
 * Every WebSocket frame of a test in both directions, with timestamps, from a page (attach before goto)
 * or from a Node client. Waiters subscribe to it; the fixture attaches it to the report on failure.
 */
export class FrameLog {
  readonly startedAt = Date.now();
  readonly frames: RecordedFrame[] = [];
  readonly sockets: SocketRecord[] = [];
  readonly pageErrors: PageErrorRecord[] = [];
  /** Frame waits still running (registered by `waitOnFrames`). */
  readonly pendingWaits = new Set<PendingWait>();
  /** Protocol mismatches the waiters failed on, for the drift report. */
  readonly drift: DriftRecord[] = [];
  /**
   * Set where a page shows what the user got (the page fixtures): a waiter that sees a frame drift records it at
   * once, then leaves the verdict to this. Without it (API checks) the drift fails the wait as protocol-drift.
   */
  driftJudge: DriftJudge | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly redactor: Redactor = new Redactor()) {}

  attach(page: Page): void {
    page.on('websocket', (ws) => {
      this.recordPageSocket(ws);
    });
    page.on('pageerror', (error) => {
      this.pageErrors.push({ at: Date.now(), message: this.redactor.text(error.message) });
    });
  }

  private recordPageSocket(ws: WebSocket): void {
    const index = this.openSocket(ws.url());
    ws.on('framesent', ({ payload }) => {
      this.record(index, 'sent', payload);
    });
    ws.on('framereceived', ({ payload }) => {
      this.record(index, 'received', payload);
    });
    ws.on('socketerror', (message) => {
      this.closeSocket(index, undefined, message);
    });
    ws.on('close', () => {
      this.closeSocket(index);
    });
  }

  openSocket(url: string): number {
    const index = this.sockets.length + 1;
    this.sockets.push({ index, url: this.redactor.text(url), openedAt: Date.now() });
    this.notify();
    return index;
  }

  record(socket: number, direction: Direction, payload: string | Buffer): void {
    const binary = typeof payload !== 'string';
    const text = binary ? payload.toString('utf8') : payload;
    const bytes = binary ? payload.length : Buffer.byteLength(payload, 'utf8');
    this.frames.push({ seq: this.frames.length, socket, direction, at: Date.now(), text, bytes, binary });
    this.notify();
  }

  closeSocket(index: number, code?: number, error?: string): void {
    const socket = this.sockets[index - 1];
    if (!socket || socket.closedAt !== undefined) return;
    socket.closedAt = Date.now();
    if (code !== undefined) socket.closeCode = code;
    if (error !== undefined) socket.error = this.redactor.text(error);
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  received(socket?: number): RecordedFrame[] {
    return this.frames.filter(
      (f) => f.direction === 'received' && (socket === undefined || f.socket === socket),
    );
  }

  sent(socket?: number): RecordedFrame[] {
    return this.frames.filter((f) => f.direction === 'sent' && (socket === undefined || f.socket === socket));
  }

  relative(at: number): string {
    return `+${((at - this.startedAt) / 1000).toFixed(3)}s`;
  }

  /** One readable line per frame, redacted, e.g. `+0.412s #1 ⇣ 231 B {"type":"system_message",…}`. */
  describe(frame: RecordedFrame, maxChars = PREVIEW_CHARS): string {
    const arrow = frame.direction === 'sent' ? '⇡ sent    ' : '⇣ received';
    const text = this.redactor.text(frame.text);
    const preview = text.length > maxChars ? `${text.slice(0, maxChars)}… (${frame.bytes} bytes)` : text;
    return `${this.relative(frame.at)} #${frame.socket} ${arrow} ${frame.binary ? '[binary] ' : ''}${preview}`;
  }

  lastLines(count = 8): string {
    if (this.frames.length === 0) return '  (no frames recorded)';
    return this.frames
      .slice(-count)
      .map((f) => `  ${this.describe(f)}`)
      .join('\n');
  }

  /** The whole log as a readable timeline, socket events included. */
  timeline(): string {
    type Line = { at: number; text: string };
    const lines: Line[] = [];
    for (const s of this.sockets) {
      lines.push({ at: s.openedAt, text: `${this.relative(s.openedAt)} #${s.index} socket opened ${s.url}` });
      if (s.closedAt !== undefined) {
        lines.push({
          at: s.closedAt,
          text: `${this.relative(s.closedAt)} #${s.index} socket closed ${describeClose(s)}`.trimEnd(),
        });
      }
    }
    for (const f of this.frames) lines.push({ at: f.at, text: this.describe(f, 2_000) });
    for (const e of this.pageErrors)
      lines.push({ at: e.at, text: `${this.relative(e.at)} page error: ${e.message}` });
    return lines
      .sort((a, b) => a.at - b.at)
      .map((l) => l.text)
      .join('\n');
  }

  /** The whole log as JSON-ready data, redacted. */
  toJSON(): object {
    return {
      startedAt: new Date(this.startedAt).toISOString(),
      sockets: this.sockets,
      frames: this.frames.map((f) => ({
        ...f,
        relativeMs: f.at - this.startedAt,
        text: this.redactor.text(f.text),
      })),
      pageErrors: this.pageErrors,
    };
  }
}
