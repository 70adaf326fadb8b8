import { errorBody, type PullPage, type RefusedChange } from '../../../shared/index.js';
import type { DocumentStore, Viewer } from '../incoming/store.js';
import { META, type MetaStore } from '../db/meta.js';
import type { Db } from '../db/open.js';
import type { Outbox } from './outbox.js';
import type { RefusedDocuments } from './refused.js';

export interface AppliedPage {
  /** Ids of documents written or removed; null after a reset (everything may have changed). */
  changedIds: string[] | null;
  removedIds: string[];
  /** Documents whose pending entries were confirmed (their overlay changes). */
  confirmedDocIds: string[];
  /** Changes set aside because this version cannot read them (decisions §18). */
  refused: RefusedChange[];
}

/** Where a refused document is recorded, and under which app version (a new one pulls everything again). */
export interface RefusedSink {
  store: RefusedDocuments;
  appVersion: string;
  now: () => Date;
}

/**
 * Apply one pull page: the changes, the new cursor and the outbox confirmation in
 * ONE transaction, so a crash leaves the cache either before or after the page,
 * never between (a half-applied page with an advanced cursor would lose changes).
 *
 * Pending entries are confirmed only on the last page: earlier pages may not yet
 * carry the effect of those mutations, and dropping them early would make the
 * user's change blink out until the rest arrived.
 *
 * A change this version's schema refused does not hold the page: the rest and the
 * cursor are applied, and the document is recorded as refused (the copy we had, if
 * any, stays: older but readable). It comes in when the server sends it again in a
 * form we read, or with the next full pull.
 */
export function applyPullPage(db: Db, docs: DocumentStore, outbox: Outbox, meta: MetaStore, page: PullPage, viewer: Viewer, refused: RefusedSink): AppliedPage {
  return db.transaction((): AppliedPage => {
    if (page.reset) {
      docs.removeAll();
      // A full pull starts over: whatever is still unreadable is refused again below.
      refused.store.clearAll();
    }
    const changed = new Set<string>();
    const removed: string[] = [];
    for (const c of page.changes) {
      const id = c.op === 'put' ? c.doc.id : c.id;
      refused.store.clear(id);
      if (c.op === 'put') {
        docs.put(c.doc, viewer);
      } else {
        docs.remove(c.id);
        removed.push(c.id);
      }
      changed.add(id);
    }
    const at = refused.now().toISOString();
    for (const r of page.refused) {
      // A change that names no document cannot be shown or retried by id; the engine logs it.
      if (r.documentId) refused.store.record(r.documentId, errorBody('document_unreadable', { fields: r.issues.map((i) => i.split(':')[0]).join(', ') }, { issues: r.issues }), at, refused.appVersion);
    }
    meta.set(META.cursor, page.cursor);
    const confirmedDocIds = page.more ? (outbox.noteServerPosition(page.lastMutationId), []) : outbox.confirmUpTo(page.lastMutationId);
    return { changedIds: page.reset ? null : [...changed], removedIds: removed, confirmedDocIds, refused: page.refused };
  })();
}
