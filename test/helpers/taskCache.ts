import Database from 'better-sqlite3-multiple-ciphers';
import { migrate, MIGRATIONS } from '../../src/main/core/db/migrations.js';
import { TASKS_CACHE_STEP } from '../../src/main/core/tasks/schema.js';
import type { Db } from '../../src/main/core/db/open.js';

/**
 * Until cache step 4 (the generic record_files, generic-sync-plan §1.5) is in MIGRATIONS,
 * the part of it the tasks step needs, as the plan writes it.
 */
const RECORD_FILES_STANDIN = `
  CREATE TABLE record_files (kind TEXT NOT NULL, record_id TEXT NOT NULL, sha256 TEXT NOT NULL, name TEXT NOT NULL,
    size INTEGER NOT NULL, position INTEGER NOT NULL, sealed INTEGER NOT NULL, PRIMARY KEY (kind, record_id, sha256)) WITHOUT ROWID;
  CREATE INDEX record_files_by_sha ON record_files (sha256);
`;

/** The cache steps with the tasks step, however far the core's MIGRATIONS have got. */
export function taskCacheSteps(): string[] {
  if (MIGRATIONS.includes(TASKS_CACHE_STEP)) return [...MIGRATIONS];
  const hasRecordFiles = MIGRATIONS.some((s) => /CREATE TABLE record_files/u.test(s));
  return [...MIGRATIONS, ...(hasRecordFiles ? [] : [RECORD_FILES_STANDIN]), TASKS_CACHE_STEP];
}

/** An in-memory cache at the latest schema (encryption plays no part in what these tests check). */
export function openTaskCache(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, taskCacheSteps());
  return db;
}
