import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/index.js';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/** The first 16 bytes of every unencrypted SQLite file; an SQLCipher file starts with random salt. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * SQLCipher 4 format (what `PRAGMA cipher='sqlcipher'; legacy=4` selects) with a
 * raw 256-bit key: the key is random, so the PBKDF2 stretching meant for
 * passphrases would only slow every open down.
 */
function applyKey(db: Db, key: Buffer): void {
  if (key.length !== 32) throw new Error('a cache key is 32 bytes');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/** A connection with the key applied and nothing else (tools and tests reading a cache; openDatabase for the core). */
export function openEncrypted(file: string, key: Buffer, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, options);
  try {
    applyKey(db, key);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function isNotADatabase(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/** Whether the file on disk is an unencrypted SQLite database (a cache from before encryption). */
export function isPlainDatabase(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(PLAIN_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Encrypt a cache written by a previous version, in place and crash-safe: its WAL
 * is folded into the main file, a copy is re-keyed (SQLCipher rewrites every
 * page), made durable, and only then renamed over the original. A crash before the
 * rename leaves the plaintext cache as it was, and the next open starts again.
 * Everything survives, the pending outbox included, because nothing is re-read or
 * re-synced: the same pages, encrypted.
 */
export function encryptPlainDatabase(file: string, key: Buffer): void {
  const plain = new Database(file);
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }
  const tmp = `${file}.encrypting`;
  fs.rmSync(tmp, { force: true });
  fs.rmSync(`${tmp}-journal`, { force: true });
  fs.copyFileSync(file, tmp);
  const copy = new Database(tmp);
  try {
    copy.pragma(`cipher = 'sqlcipher'`);
    copy.pragma('legacy = 4');
    copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    copy.close();
  }
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  for (const leftover of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(leftover, { force: true });
}

/**
 * Open (or create) an encrypted cache database with the settings every connection
 * needs. A wrong key (or a file that is not a database) is `cache_unreadable`,
 * never a crash; the caller decides what to do with the folder.
 *
 * synchronous = FULL: the outbox promises that a mutation acknowledged to the UI
 * survives a crash or a power cut, which WAL's NORMAL does not promise for the
 * last commits.
 */
/** The page cache of the core's connection, in KiB (see openDatabase). */
const CACHE_KIB = 32 * 1024;

export function openDatabase(file: string, key: Buffer): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (isPlainDatabase(file)) encryptPlainDatabase(file, key);
  const db = openEncrypted(file, key);
  try {
    try {
      // The first read is where a wrong key shows (SQLITE_NOTADB).
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      if (isNotADatabase(err)) throw new AppError('cache_unreadable', {}, { reason: (err as Error).message });
      throw err;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Every page that leaves SQLite's page cache must be decrypted and checked again
    // when it is next read (the OS cache holds only ciphertext). With the default
    // 2 MB, the list's counts over 100,000 rows re-decrypted their indexes on every
    // call (25 ms against 3 ms once cached, docs/benchmarks.md); 32 MB keeps the
    // indexes the screens use in memory, and SQLite only grows to it as pages are read.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
