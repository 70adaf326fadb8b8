/**
 * Once per test run: a private PostgreSQL cluster (real server, loopback) with a
 * migrated template database holding the fixture organisation, and a PGlite data
 * folder prepared the same way. Each test server then starts from a copy of one
 * of them in well under a second instead of creating a cluster (≈7 s for PGlite).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres, type Db } from '../../src/server/db/database.js';
import { migrate } from '../../src/server/db/migrate.js';
import { createOrganisation } from '../../src/server/org/organisation.js';
import { FIXTURE_ORG, FIXTURE_PASSWORD } from '../helpers/fixtures.js';
import { templateDbFor, templateDirFor, testDatabasePrefix } from '../helpers/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** This run's PGlite template folder and PostgreSQL template database. */
    templateDir: string;
    templateDb: string;
    /** The private Dovecot + Postfix of scripts/mail-servers.sh (ports, users, paths). */
    mailServers: MailServersInfo;
  }
}

export interface MailServersInfo {
  imapPort: number;
  lmtpPort: number;
  smtpPort: number;
  domain: string;
  password: string;
  users: string[];
  dir: string;
  dovecotConf: string;
  postfixConf: string;
}

/** Start the private mail servers (idempotent); their stop is left to `scripts/mail-servers.sh stop`. */
function startMailServers(): MailServersInfo {
  const script = join(process.cwd(), 'scripts/mail-servers.sh');
  const out = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop() as string;
  return JSON.parse(out) as MailServersInfo;
}

async function prepare(db: Db): Promise<void> {
  await migrate(db);
  await createOrganisation(db, { ...FIXTURE_ORG, units: [...FIXTURE_ORG.units], users: [...FIXTURE_ORG.users] }, () => FIXTURE_PASSWORD);
  await db.close();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const TEMPLATE_DIR = templateDirFor(runId);
  const TEMPLATE_DB = templateDbFor(runId);
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  await prepare(await openPglite(join(TEMPLATE_DIR, 'pg')));

  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const script = join(process.cwd(), 'scripts/postgres.sh');
    if (!existsSync(script)) throw new Error('scripts/postgres.sh missing');
    adminUrl = execFileSync('bash', [script, 'start'], { env: { ...process.env, PG_FAST: '1' }, encoding: 'utf8' }).trim();
  }
  const admin = await openPostgres(adminUrl, 1);
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.close();
  await prepare(await openPostgres(adminUrl.replace(/\/[^/]*$/u, `/${TEMPLATE_DB}`), 1));
  project.provide('databaseUrl', adminUrl);
  project.provide('templateDir', TEMPLATE_DIR);
  project.provide('templateDb', TEMPLATE_DB);
  // Mail (issue #4): the same servers serve every test file; each test uses its own mailbox (t-…@domain).
  project.provide('mailServers', startMailServers());
  // Every temporary folder the run's tests make (servers, cores, desktops, browser
  // profiles: all through os.tmpdir()) goes in one folder of this run, removed at the
  // end, so repeated runs do not fill the disk. Set after the shared servers started
  // (their folders outlive the run); the workers, forked after this, inherit it.
  const runTmp = join(tmpdir(), `ioffice-test-${runId}`);
  mkdirSync(runTmp, { recursive: true });
  process.env.TMPDIR = runTmp;
  const url = adminUrl;
  return async () => {
    rmSync(runTmp, { recursive: true, force: true });
    rmSync(TEMPLATE_DIR, { recursive: true, force: true });
    const a = await openPostgres(url, 1);
    await a.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`).catch(() => undefined);
    // Every database the run's servers made from the template (test/helpers/server.ts).
    const prefix = testDatabasePrefix(TEMPLATE_DB);
    const made = await a.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix]).catch(() => ({ rows: [] }));
    for (const { datname } of made.rows) await a.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    await a.close();
  };
}
