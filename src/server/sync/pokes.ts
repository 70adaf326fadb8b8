/**
 * Pokes: "pull now" signals to the clients of the users a write concerned.
 * Delivered in-process to this instance's event streams, and over PostgreSQL
 * NOTIFY to the other instances sharing the database.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';

const CHANNEL = 'ioffice_poke';
type Listener = () => void;

export class PokeHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly instanceId = randomUUID();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly db: Db) {}

  async start(): Promise<void> {
    if (this.db.kind !== 'postgres') return;
    this.unlisten = await this.db.listen(CHANNEL, (payload) => {
      try {
        const msg = JSON.parse(payload) as { from: string; users: string[] | '*' };
        if (msg.from !== this.instanceId) this.deliver(msg.users);
      } catch {
        /* not ours */
      }
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.listeners.clear();
  }

  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  get connectionCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /** Call after the writing transaction committed. */
  publish(userIds: Iterable<string>): void {
    const users = [...new Set(userIds)];
    if (users.length === 0) return;
    this.deliver(users);
    if (this.db.kind === 'postgres') {
      // NOTIFY payloads are limited to 8000 bytes: past that, everyone pulls.
      const payload = JSON.stringify({ from: this.instanceId, users: users.length > 150 ? '*' : users });
      this.db.notify(CHANNEL, payload).catch(() => undefined);
    }
  }

  private deliver(users: string[] | '*'): void {
    const targets = users === '*' ? [...this.listeners.values()] : users.map((u) => this.listeners.get(u)).filter((s): s is Set<Listener> => !!s);
    for (const set of targets) for (const l of set) l();
  }
}
