import { errorBody } from '../../../shared/i18n/errors.js';
import type { PullPage, RefusedChange } from '../../../shared/sync/protocol.js';
import { META, type MetaStore } from '../db/meta.js';
import type { Db } from '../db/open.js';
import type { LocalKind, Viewer } from './kinds.js';
import type { Outbox } from './outbox.js';
import type { RefusedRecords } from './refused.js';

export interface AppliedPage {
  /** Per kind, ids of records written or removed; null after a reset (everything may have changed). */
  changed: Map<string, string[]> | null;
  /** Records whose pending entries were confirmed (their overlay changes). */
  confirmed: { kind: string; recordId: string }[];
  /** Changes set aside because this version cannot read them (decisions §18). */
  refused: RefusedChange[];
}

/** Where a refused record is recorded, and under which app version (a new one pulls everything again). */
export interface RefusedSink {
  store: RefusedRecords;
  appVersion: string;
  now: () => Date;
}

/**
 * Apply one pull page: the changes of every kind, the new cursor and the outbox
 * confirmation in ONE transaction, so a crash leaves the cache either before or
 * after the page, never between (a half-applied page with an advanced cursor would
 * lose changes).
 *
 * Pending entries are confirmed only on the last page: earlier pages may not yet
 * carry the effect of those mutations, and dropping them early would make the
 * user's change blink out until the rest arrived.
 *
 * A change this version's schema refused does not hold the page: the rest and the
 * cursor are applied, and the record is set aside (the copy we had, if any, stays:
 * older but readable). It comes in when the server sends it again in a form we
 * read, or with the next full pull.
 */
export function applyPullPage(db: Db, kinds: ReadonlyMap<string, LocalKind>, outbox: Outbox, meta: MetaStore, page: PullPage, viewer: Viewer, refused: RefusedSink): AppliedPage {
  return db.transaction((): AppliedPage => {
    if (page.reset) {
      for (const k of kinds.values()) k.removeAll();
      // A full pull starts over: whatever is still unreadable is refused again below.
      refused.store.clearAll();
    }
    const changed = new Map<string, string[]>();
    for (const c of page.changes) {
      const kind = kinds.get(c.kind);
      if (!kind) continue;
      refused.store.clear(c.kind, c.id);
      if ('removed' in c) kind.remove(c.id);
      else kind.put(c.state as { id: string }, viewer);
      let ids = changed.get(c.kind);
      if (!ids) changed.set(c.kind, (ids = []));
      ids.push(c.id);
    }
    const at = refused.now().toISOString();
    for (const r of page.refused) {
      // A change that names no record cannot be shown or retried by id; the engine logs it.
      if (r.recordId && r.kind)
        refused.store.record(r.kind, r.recordId, errorBody('document_unreadable', { fields: r.issues.map((i) => i.split(':')[0]).join(', ') }, { issues: r.issues }), at, refused.appVersion);
    }
    meta.set(META.cursor, page.cursor);
    const confirmed = page.more ? (outbox.noteServerPosition(page.lastMutationId), []) : outbox.confirmUpTo(page.lastMutationId);
    return { changed: page.reset ? null : changed, confirmed, refused: page.refused };
  })();
}
