import {
  AppError,
  applyMutation,
  createIncoming,
  vnDateParts,
  type IncomingDocument,
  type Mutation,
  type OrgView,
  type UserSummary,
} from '../../../shared/index.js';
import { entryMutation, type OutboxEntry } from '../sync/outbox.js';

export interface OverlayContext {
  actor: UserSummary;
  org: OrgView;
}

export interface Overlaid {
  doc: IncomingDocument;
  /** The document exists only as a local registration. */
  pendingRegistration: boolean;
}

/**
 * The document as the user should see it: the confirmed state with the pending
 * entries replayed on top by the same rules the server runs, each at its own
 * createdAt. An entry the rules now refuse (the server moved on meanwhile) is
 * skipped here; the server will reject it and the user will be told why.
 */
export function overlay(confirmed: IncomingDocument | null, entries: readonly OutboxEntry[], ctx: OverlayContext): Overlaid | null {
  let doc = confirmed;
  let pendingRegistration = false;
  for (const e of entries) {
    const m = entryMutation(e);
    const rc = { actor: ctx.actor, org: ctx.org, now: new Date(e.createdAt) };
    try {
      if (m.name === 'incoming.register') {
        if (doc !== null) continue;
        // The arrival number comes from the server's register; 0 means "not yet numbered".
        doc = createIncoming(m.args, rc, { number: 0, year: vnDateParts(e.createdAt).year }, []);
        pendingRegistration = true;
      } else if (doc !== null) {
        doc = applyMutation(doc, m, rc);
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return doc === null ? null : { doc, pendingRegistration };
}

/** Check a new action against the current view of its document; throws the AppError the rules give. */
export function check(current: Overlaid | null, m: Mutation, ctx: OverlayContext, now: Date): IncomingDocument {
  const rc = { actor: ctx.actor, org: ctx.org, now };
  if (m.name === 'incoming.register') {
    if (current !== null) throw new AppError('document_exists');
    return createIncoming(m.args, rc, { number: 0, year: vnDateParts(now).year }, []);
  }
  if (current === null) throw new AppError('document_not_found');
  return applyMutation(current.doc, m, rc);
}
