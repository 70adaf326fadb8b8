/**
 * The optimistic overlay, for every kind of record: the confirmed state with the
 * pending entries replayed on top by the same rules the server runs (the registry's
 * defs), each at its own createdAt. An entry the rules now refuse (the server moved
 * on meanwhile) is skipped here; the server will reject it and the user will be
 * told why. An entry of a mutation this build does not know is skipped too.
 */
import { AppError } from '../../../shared/i18n/errors.js';
import type { RuleContext } from '../../../shared/domain/ruleContext.js';
import type { AnyMutationDef, MutationRegistry, RecordLookup } from '../../../shared/sync/registry.js';
import type { OutboxEntry } from './outbox.js';

export interface OverlayContext {
  actor: RuleContext['actor'];
  org: RuleContext['org'];
  /** Other records the rules read (a sub-task's parent), as this user sees them now. */
  lookup: RecordLookup;
}

export interface Overlaid<S> {
  state: S;
  /** The record exists only as a local creation the server has not confirmed. */
  pendingCreate: boolean;
}

function applyOne<S>(def: AnyMutationDef, current: S | null, args: unknown, ctx: OverlayContext, now: Date): S {
  const rc: RuleContext = { actor: ctx.actor, org: ctx.org, now };
  // The record being replayed, looked up by its own rules' facts (a schedule entry's week is
  // found from the entry's date), is the state replayed so far: going through ctx.lookup would
  // replay the same entries again, without end.
  const own = def.recordId(args);
  const lookup: RecordLookup = (ref) => (ref.kind === def.kind && ref.id === own ? current : ctx.lookup(ref));
  const facts: unknown = def.localFacts ? def.localFacts(args, rc, lookup) : undefined;
  return def.apply(current, args, rc, facts) as S;
}

export function overlay<S>(registry: MutationRegistry, confirmed: S | null, entries: readonly OutboxEntry[], ctx: OverlayContext): Overlaid<S> | null {
  let state = confirmed;
  let pendingCreate = false;
  for (const e of entries) {
    const def = registry.get(e.name);
    if (!def) continue;
    if (def.creates ? state !== null : state === null && def.upserts !== true) continue;
    try {
      const created = state === null;
      state = applyOne<S>(def, state, e.args, ctx, new Date(e.createdAt));
      if (created) pendingCreate = true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return state === null ? null : { state, pendingCreate };
}

/** Check a new action against the current view of its record; throws the AppError the rules give. */
export function check<S>(def: AnyMutationDef, current: Overlaid<S> | null, args: unknown, ctx: OverlayContext, now: Date): S {
  return applyOne<S>(def, current?.state ?? null, args, ctx, now);
}
