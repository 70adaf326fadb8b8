/**
 * Numbered SQL migrations, shared by PGlite and PostgreSQL. Each file
 * `NNN_name.sql` runs once, in order, inside a transaction, and is recorded in
 * schema_migrations. An advisory lock keeps two server instances starting on one
 * PostgreSQL from migrating at the same time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export function listMigrations(): { version: number; name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/u.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(MIGRATIONS_DIR + f, 'utf8') }));
}

export async function migrate(db: Db): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
  const applied: number[] = [];
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(7301)');
    const done = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await q.query(statement);
      await q.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      applied.push(m.version);
    }
  });
  return applied;
}

/** Our migrations use no dollar-quoting, so splitting on `;` at line ends is enough. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/mu)
    .map((s) => s.replace(/^\s*--.*$/gmu, '').trim())
    .filter((s) => s.length > 0);
}
