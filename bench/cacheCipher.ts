/**
 * What SQLCipher costs the cache by itself (decisions §20), without the server,
 * the network or JSON parsing: the write pattern of an initial sync (pages of 500
 * documents, each a row with its list columns, ~3 KB of JSON and an FTS row, one
 * transaction per page, WAL, synchronous=FULL) into a plain and an encrypted
 * database, alternated so the machine's load hits both alike. Same engine
 * (better-sqlite3-multiple-ciphers), same schema (the core's migrations); the
 * only difference is the key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../src/main/core/db/migrations.js';
import { openDatabase, type Db } from '../src/main/core/db/open.js';
import { ms, record } from './lib.js';

const DOCS = Number(process.env.BENCH_CIPHER_DOCUMENTS ?? 20_000);
const ROUNDS = 3;
const PAGE = 500;

function openPlain(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

const WORDS = 'về việc triển khai kế hoạch thực hiện nhiệm vụ phát triển kinh tế xã hội năm ngân sách đầu tư công văn quyết định tỉnh kon tum ủy ban nhân dân sở tài chính'.split(' ');
const text = (n: number): string => Array.from({ length: n }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(' ');

function writeAll(db: Db): number {
  const insert = db.prepare(
    `INSERT INTO documents (id, arrival_year, arrival_number, arrival_date, issuer, code_number, code_notation, issued_date, document_type,
       subject, urgency, confidentiality, status, my_role, deadline, unread, dup_key, version, doc_json)
     VALUES (?, 2026, ?, ?, ?, ?, 'UBND-KT', '2026-11-20', 'Công văn', ?, 'normal', 'normal', 'assigned', 'main', NULL, 1, ?, 1, ?)`,
  );
  const fts = db.prepare('INSERT INTO documents_fts (rowid, body) VALUES (?, ?)');
  const t = performance.now();
  for (let start = 0; start < DOCS; start += PAGE) {
    db.transaction(() => {
      for (let i = start; i < Math.min(DOCS, start + PAGE); i++) {
        const subject = text(20);
        const json = JSON.stringify({ subject, history: Array.from({ length: 6 }, () => ({ id: randomUUID(), summary: text(25) })), pad: randomBytes(400).toString('base64') });
        const r = insert.run(randomUUID(), i + 1, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), 'Sở Tài chính tỉnh Kon Tum', String(i), subject, `${i}|ubnd-kt|2026`, json);
        fts.run(r.lastInsertRowid, subject);
      }
    })();
  }
  return performance.now() - t;
}

export async function benchCacheCipher(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ioffice-bench-cipher-'));
  const plain: number[] = [];
  const encrypted: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ['plain', 'encrypted'] as const) {
        const file = join(dir, `${kind}-${round}.sqlite`);
        const db = kind === 'plain' ? openPlain(file) : openDatabase(file, randomBytes(32));
        (kind === 'plain' ? plain : encrypted).push(writeAll(db));
        db.close();
        rmSync(file, { force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const best = (xs: number[]): number => Math.min(...xs);
  const name = `cache writes of an initial sync, ${DOCS.toLocaleString('en')} documents (plain vs SQLCipher, ${ROUNDS} alternated rounds)`;
  record(name, 'plain: best / all', `${ms(best(plain))} / ${plain.map(ms).join(', ')}`);
  record(name, 'encrypted: best / all', `${ms(best(encrypted))} / ${encrypted.map(ms).join(', ')}`);
  record(name, 'encryption overhead (best vs best)', `${(((best(encrypted) - best(plain)) / best(plain)) * 100).toFixed(0)} %`);
}
