import type { PullResponse } from '../../../shared/index.js';
import type { DocumentStore, Viewer } from '../db/documents.js';
import { META, type MetaStore } from '../db/meta.js';
import type { Db } from '../db/open.js';
import type { Outbox } from './outbox.js';

export interface AppliedPage {
  /** Ids of documents written or removed; null after a reset (everything may have changed). */
  changedIds: string[] | null;
  removedIds: string[];
  /** Documents whose pending entries were confirmed (their overlay changes). */
  confirmedDocIds: string[];
}

/**
 * Apply one pull page: the changes, the new cursor and the outbox confirmation in
 * ONE transaction, so a crash leaves the cache either before or after the page,
 * never between (a half-applied page with an advanced cursor would lose changes).
 *
 * Pending entries are confirmed only on the last page: earlier pages may not yet
 * carry the effect of those mutations, and dropping them early would make the
 * user's change blink out until the rest arrived.
 */
export function applyPullPage(db: Db, docs: DocumentStore, outbox: Outbox, meta: MetaStore, page: PullResponse, viewer: Viewer): AppliedPage {
  return db.transaction((): AppliedPage => {
    if (page.reset) docs.removeAll();
    const changed = new Set<string>();
    const removed: string[] = [];
    for (const c of page.changes) {
      if (c.op === 'put') {
        docs.put(c.doc, viewer);
        changed.add(c.doc.id);
      } else {
        docs.remove(c.id);
        changed.add(c.id);
        removed.push(c.id);
      }
    }
    meta.set(META.cursor, page.cursor);
    const confirmedDocIds = page.more ? (outbox.noteServerPosition(page.lastMutationId), []) : outbox.confirmUpTo(page.lastMutationId);
    return { changedIds: page.reset ? null : [...changed], removedIds: removed, confirmedDocIds };
  })();
}
