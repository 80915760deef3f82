import { randomBytes, randomUUID } from 'node:crypto';
import type { Thread } from '../lib/protocol';

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  created_at: string;
}

/** Threads and their messages, per user: one user never sees another's. */
export class ThreadStore {
  private readonly threads = new Map<string, Thread & { user_id: string; messages: StoredMessage[] }>();

  /** `everyone` only for the fault `thread-leak`: every user's threads, as a broken backend would list them. */
  list(userId: string, limit = 20, offset = 0, everyone = false): Thread[] {
    return [...this.threads.values()]
      .filter((t) => everyone || t.user_id === userId)
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
      .slice(offset, offset + limit)
      .map(({ messages: _messages, ...thread }) => thread);
  }

  create(userId: string, title: string | undefined): Thread {
    const now = new Date().toISOString();
    const thread = {
      id: `thread_${randomUUID()}`,
      title: title ?? 'New Chat',
      created_at: now,
      updated_at: now,
      user_id: userId,
      messages: [],
    };
    this.threads.set(thread.id, thread);
    return this.get(userId, thread.id) as Thread;
  }

  get(userId: string, id: string): Thread | undefined {
    const thread = this.threads.get(id);
    if (!thread || thread.user_id !== userId) return undefined;
    const { messages: _messages, ...rest } = thread;
    return rest;
  }

  update(
    userId: string,
    id: string,
    changes: { title?: string | undefined; metadata?: Record<string, unknown> | undefined },
  ): Thread | undefined {
    const thread = this.threads.get(id);
    if (!thread || thread.user_id !== userId) return undefined;
    if (changes.title !== undefined) thread.title = changes.title;
    if (changes.metadata !== undefined) thread.metadata = changes.metadata;
    thread.updated_at = new Date().toISOString();
    return this.get(userId, id);
  }

  addMessage(userId: string, id: string, role: StoredMessage['role'], content: string): void {
    const thread = this.threads.get(id);
    if (!thread || thread.user_id !== userId) return;
    thread.messages.push({
      id: `msg_${randomBytes(6).toString('hex')}`,
      role,
      content,
      created_at: new Date().toISOString(),
    });
    thread.updated_at = new Date().toISOString();
  }

  /** A thread's messages for its owner; `anyone` only for the fault `history-leak`. */
  messages(userId: string, id: string, anyone = false): StoredMessage[] | undefined {
    const thread = this.threads.get(id);
    return thread && (anyone || thread.user_id === userId) ? [...thread.messages] : undefined;
  }
}

/** Single-use, short-lived WebSocket tickets bound to the token that asked for them. */
export class TicketStore {
  private readonly tickets = new Map<string, { token: string; expiresAt: number; reusable: boolean }>();

  constructor(private readonly ttlSeconds = 60) {}

  /** `reusable` only for the fault `ticket-reuse`: the ticket then survives its first use. */
  issue(token: string, reusable = false): { ticket_id: string; expires_at: number; created_at: number } {
    const id = `tkt_${randomBytes(12).toString('hex')}`;
    const now = Date.now();
    this.tickets.set(id, { token, expiresAt: now + this.ttlSeconds * 1000, reusable });
    return {
      ticket_id: id,
      expires_at: Math.floor(now / 1000) + this.ttlSeconds,
      created_at: Math.floor(now / 1000),
    };
  }

  /** Returns the token behind a ticket and forgets the ticket; undefined when unknown, used or expired. */
  redeem(id: string): string | undefined {
    const entry = this.tickets.get(id);
    if (!entry?.reusable) this.tickets.delete(id);
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.token;
  }
}
