/**
 * Start a real reference server for a test: HTTP on a free loopback port, on
 * PGlite (a copy of the prepared template) or on the test PostgreSQL server (a
 * fresh database cloned from the template). Passing the same dataDir again
 * restarts the same server data, at the same URL, after close().
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openPostgres } from '../../src/server/db/database.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { setServerClock } from './clocks.js';
import { testDatabasePrefix } from './paths.js';

export type Backend = 'pglite' | 'postgres';

export interface TestServer {
  url: string;
  dataDir: string;
  backend: Backend;
  server: RunningServer;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dataDir?: string;
  backend?: Backend;
  now?: () => Date;
  sessionTtlMs?: number;
  /** Listen on this port (to restart a server at the same address). */
  port?: number;
}

async function databaseFor(dataDir: string): Promise<string> {
  const marker = join(dataDir, 'database-url');
  if (existsSync(marker)) return readFileSync(marker, 'utf8');
  const adminUrl = inject('databaseUrl');
  // Named after the run (the template's suffix) so the run's teardown can drop them all.
  const name = `${testDatabasePrefix(inject('templateDb'))}${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(adminUrl, 1);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')}`);
  await admin.close();
  const url = adminUrl.replace(/\/[^/]*$/u, `/${name}`);
  writeFileSync(marker, url);
  return url;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ioffice-server-'));
  const backend: Backend = options.backend ?? (existsSync(join(dataDir, 'database-url')) ? 'postgres' : 'pglite');
  let databaseUrl: string | undefined;
  if (backend === 'postgres') databaseUrl = await databaseFor(dataDir);
  else if (!existsSync(join(dataDir, 'pg'))) cpSync(join(inject('templateDir'), 'pg'), join(dataDir, 'pg'), { recursive: true });
  // A restarted server comes back at the same address, as a real one would.
  const portFile = join(dataDir, 'port');
  const port = options.port ?? (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0);
  const server = await startServer({
    dataDir,
    databaseUrl,
    logLevel: process.env.IOFFICE_TEST_LOG ?? 'silent',
    ...(options.now ? { now: options.now } : {}),
    ...(options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {}),
    port,
  });
  writeFileSync(portFile, String(new URL(server.url).port));
  setServerClock(server.url, options.now ?? ((): Date => new Date()));
  return { url: server.url, dataDir, backend, server, close: () => server.close() };
}

/** The backends every server test runs on: PGlite and the real PostgreSQL server. */
export const BACKENDS: Backend[] = ['pglite', 'postgres'];
