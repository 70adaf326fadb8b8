/**
 * A cache written by the release before generic sync (schema step 3) opened by this
 * one (issue #8: "an existing client cache upgrades without losing a pending change").
 * Everything the user had queued, what the server refused, what this version could
 * not read, and the secret documents' files being sealed must come through.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/main/core/db/migrations.js';
import { META, MetaStore } from '../../src/main/core/db/meta.js';
import { openEncrypted } from '../../src/main/core/db/open.js';
import { Outbox } from '../../src/main/core/sync/outbox.js';
import { RefusedRecords } from '../../src/main/core/sync/refused.js';
import { DocumentStore } from '../../src/main/core/incoming/store.js';
import { tempDir } from '../helpers/core.js';

const sha = (c: string): string => c.repeat(64);

describe('cache upgrade to generic sync', () => {
  it('keeps pending, failed and refused entries, ids and cursor, and the secret files sealed', () => {
    const dir = tempDir();
    const db = openEncrypted(join(dir, 'cache.sqlite'), randomBytes(32));
    migrate(db, MIGRATIONS.slice(0, 3));

    // The previous release's rows, as its statements wrote them.
    const secretDoc = randomUUID();
    const normalDoc = randomUUID();
    const queuedDoc = randomUUID();
    const insertDoc = db.prepare(`INSERT INTO documents (id, arrival_year, arrival_number, arrival_date, issuer, code_number, code_notation, issued_date,
      document_type, subject, urgency, confidentiality, status, my_role, deadline, unread, dup_key, version, doc_json)
      VALUES (?, 2026, ?, '2026-11-20T02:00:00.000Z', 'Sở Tài chính', '1', 'STC', '2026-11-19', 'Công văn', ?, 'normal', ?, 'registered', NULL, NULL, 1, 'k', 1, '{}')`);
    insertDoc.run(secretDoc, 1, 'Văn bản mật', 'secret');
    insertDoc.run(normalDoc, 2, 'Văn bản thường', 'normal');
    const link = db.prepare('INSERT INTO document_files (document_id, sha256, name, size, position) VALUES (?, ?, ?, ?, 0)');
    link.run(secretDoc, sha('a'), 'mat.pdf', 10);
    link.run(normalDoc, sha('b'), 'thuong.pdf', 20);
    const register = { documentId: queuedDoc, metadata: { confidentiality: 'top_secret', subject: 'Quét chờ vào sổ' }, files: [{ sha256: sha('c'), name: 'quet.pdf', size: 30, mime: 'application/pdf' }] };
    const outbox = db.prepare('INSERT INTO outbox (id, name, args, document_id, created_at) VALUES (?, ?, ?, ?, ?)');
    outbox.run(7, 'incoming.register', JSON.stringify(register), queuedDoc, '2026-11-30T01:00:00.000Z');
    outbox.run(8, 'incoming.markRead', JSON.stringify({ documentId: normalDoc }), normalDoc, '2026-11-30T01:01:00.000Z');
    db.prepare('INSERT INTO failed_mutations (id, name, args, document_id, created_at, error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      6,
      'incoming.complete',
      JSON.stringify({ documentId: normalDoc, note: '' }),
      normalDoc,
      '2026-11-29T01:00:00.000Z',
      JSON.stringify({ code: 'forbidden', message: { vi: 'Không được', en: 'Not allowed' } }),
      '2026-11-29T01:00:05.000Z',
    );
    const refusedId = randomUUID();
    db.prepare('INSERT INTO refused_documents (id, error, refused_at, app_version) VALUES (?, ?, ?, ?)').run(
      refusedId,
      JSON.stringify({ code: 'document_unreadable', message: { vi: 'x', en: 'x' } }),
      '2026-11-28T01:00:00.000Z',
      '0.9.0',
    );
    const meta = new MetaStore(db);
    meta.set(META.cursor, 'eyJlIjoieCIsInMiOjQyfQ');
    meta.setNumber(META.nextMutationId, 9);
    meta.setNumber(META.lastMutationId, 6);

    // This release opens it.
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const ob = new Outbox(db);
    expect(ob.all().map((e) => [e.id, e.name, e.kind, e.recordId])).toEqual([
      [7, 'incoming.register', 'incoming', queuedDoc],
      [8, 'incoming.markRead', 'incoming', normalDoc],
    ]);
    expect(ob.all()[0]!.args).toEqual(register);
    expect(ob.failed().map((f) => [f.id, f.kind, f.recordId, f.error.code])).toEqual([[6, 'incoming', normalDoc, 'forbidden']]);
    // The queued scan stays kept from GC and is still known as secret.
    expect([...ob.pendingFiles()]).toEqual([sha('c')]);
    expect(db.prepare('SELECT sealed FROM outbox_files WHERE sha256 = ?').get(sha('c'))).toEqual({ sealed: 1 });
    // File links carry the sealing decision of their document.
    expect(db.prepare('SELECT record_id, sealed FROM record_files ORDER BY sha256').all()).toEqual([
      { record_id: secretDoc, sealed: 1 },
      { record_id: normalDoc, sealed: 0 },
    ]);
    expect(new RefusedRecords(db).list().map((r) => [r.kind, r.recordId])).toEqual([['incoming', refusedId]]);
    // The cursor and the id counters are untouched: the next pull continues, the next action is id 9.
    expect(meta.get(META.cursor)).toBe('eyJlIjoieCIsInMiOjQyfQ');
    expect(ob.enqueue({ name: 'incoming.markRead', args: { documentId: secretDoc } }, 'incoming', secretDoc, new Date().toISOString()).id).toBe(9);
    // The documents are read as before, and removing one takes its file links with it.
    const docs = new DocumentStore(db);
    expect(docs.count()).toBe(2);
    docs.remove(secretDoc);
    expect(db.prepare('SELECT count(*) AS n FROM record_files WHERE record_id = ?').get(secretDoc)).toEqual({ n: 0 });
    db.close();
  });
});
