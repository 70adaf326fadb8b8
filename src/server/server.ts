/**
 * Starting and stopping the reference server: open the database (PGlite in
 * `dataDir`, or PostgreSQL at `databaseUrl`), migrate, and listen.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BlobStore } from './blobs/blobStore.js';
import { openDatabase, type Db } from './db/database.js';
import { migrate } from './db/migrate.js';
import { OrganisationCache } from './org/organisation.js';
import { buildApp } from './http/app.js';
import type { ServerContext } from './http/context.js';
import { serverKinds } from './kinds.js';
import { backfillIncomingDeadlines } from './incoming/index.js';
import { PokeHub } from './sync/pokes.js';

export interface ServerOptions {
  /** Holds the PGlite cluster (unless databaseUrl is set) and the file store. */
  dataDir: string;
  databaseUrl?: string | undefined;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The server's clock; tests move it (sessions, arrival dates, deadlines). */
  now?: () => Date;
  sessionTtlMs?: number;
  logLevel?: string;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  db: Db;
  context: ServerContext;
  close(): Promise<void>;
}

async function ensureEpoch(db: Db): Promise<string> {
  await db.query("INSERT INTO server_meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", [randomUUID()]);
  return (await db.query<{ value: string }>("SELECT value FROM server_meta WHERE key = 'epoch'")).rows[0]!.value;
}

export async function openServerContext(options: ServerOptions): Promise<ServerContext> {
  const db = await openDatabase({ dataDir: join(options.dataDir, 'pg'), databaseUrl: options.databaseUrl });
  await migrate(db);
  // Documents stored before the dashboard's record_deadlines existed (migration 022): once.
  if ((await db.query("SELECT 1 FROM server_meta WHERE key = 'deadlines_backfilled'")).rows.length === 0) {
    await backfillIncomingDeadlines(db);
    await db.query("INSERT INTO server_meta (key, value) VALUES ('deadlines_backfilled', '1') ON CONFLICT (key) DO NOTHING");
  }
  const pokes = new PokeHub(db);
  await pokes.start();
  const blobs = new BlobStore(join(options.dataDir, 'files'));
  return {
    db,
    blobs,
    orgs: new OrganisationCache(),
    pokes,
    kinds: serverKinds(blobs),
    epoch: await ensureEpoch(db),
    now: options.now ?? (() => new Date()),
    sessionTtlMs: options.sessionTtlMs ?? 14 * 24 * 3600 * 1000,
  };
}

export async function startServer(options: ServerOptions, existing?: ServerContext): Promise<RunningServer> {
  const context = existing ?? (await openServerContext(options));
  const app = buildApp(context, options.logLevel === undefined ? {} : { logLevel: options.logLevel });
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    app,
    db: context.db,
    context,
    async close() {
      await app.close();
      await context.pokes.stop();
      await context.db.close();
    },
  };
}
