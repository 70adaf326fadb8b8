/**
 * One small database interface over two drivers: embedded PGlite (a data folder,
 * zero setup — the default) and a real PostgreSQL server (DATABASE_URL). The same
 * SQL and migrations run on both. Timestamps are stored as ISO-8601 text in UTC
 * (written by the application's injectable clock), so both drivers return them
 * identically and tests can move time.
 */
import { mkdirSync } from 'node:fs';
import pg from 'pg';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Run `fn` in one transaction; rolled back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>, options?: { readOnly?: boolean; repeatableRead?: boolean }): Promise<T>;
  /** Run a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** Cross-instance notifications (PostgreSQL LISTEN/NOTIFY). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

const INT8_OID = 20;

export async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ dataDir, parsers: { [INT8_OID]: (v: string) => Number(v) } });
  const wrap = (q: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[]; affectedRows?: number }> }): Queryable => ({
    async query<R>(sql: string, params?: unknown[]) {
      const res = await q.query(sql, params);
      // PGlite's affectedRows counts only INSERT/UPDATE/DELETE (0 for a SELECT); pg's
      // rowCount is the number of rows a SELECT returned, so take whichever applies.
      return { rows: res.rows as R[], rowCount: Math.max(res.affectedRows ?? 0, res.rows.length) };
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    // PGlite is one connection: its transaction() already serialises callers.
    tx: (fn) => db.transaction((t) => fn(wrap(t))),
    exec: async (sql) => {
      await db.exec(sql);
    },
    listen: async (channel, onPayload) => {
      const unlisten = await db.listen(channel, onPayload);
      return () => unlisten();
    },
    notify: async (channel, payload) => {
      await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: () => db.close(),
  };
}

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Db> {
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, max: poolSize, types });
  // An idle client losing its connection must not crash the server.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const listener = { client: null as pg.PoolClient | null, handlers: new Map<string, Set<(p: string) => void>>() };
  const q: Queryable = {
    async query<R>(sql: string, params?: unknown[]) {
      const res = await pool.query(sql, params);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
  };
  return {
    kind: 'postgres',
    ...q,
    async tx(fn, options = {}) {
      const client = await pool.connect();
      try {
        const mode = `${options.repeatableRead ? ' ISOLATION LEVEL REPEATABLE READ' : ''}${options.readOnly ? ' READ ONLY' : ''}`;
        await client.query(`BEGIN${mode}`);
        const result = await fn({
          async query<R>(sql: string, params?: unknown[]) {
            const res = await client.query(sql, params);
            return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async listen(channel, onPayload) {
      if (!listener.client) {
        listener.client = await pool.connect();
        listener.client.on('notification', (msg) => {
          for (const h of listener.handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
        });
      }
      let set = listener.handlers.get(channel);
      if (!set) {
        set = new Set();
        listener.handlers.set(channel, set);
        await listener.client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      listener.client?.release();
      await pool.end();
    },
  };
}

export async function openDatabase(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
