/**
 * Mutations registered per feature (docs/generic-sync-plan.md §1.4).
 *
 * A feature declares each mutation once: its name, its zod args, the one record it
 * writes (the outbox key), the files it uploads, and a pure `apply` that both the
 * server (to decide) and the core's optimistic overlay (to preview) run. The sync
 * machinery dispatches on the registry and never names a mutation itself.
 */
import type { z } from 'zod';
import type { RuleContext } from '../domain/ruleContext.js';

export interface RecordRef {
  readonly kind: string;
  readonly id: string;
}

/** Reads other records the rules need (a sub-task's parent; a linked document), as the caller sees them. */
export type RecordLookup = (ref: RecordRef) => unknown;

export interface MutationDef<S = unknown, A = unknown, F = unknown> {
  readonly name: string;
  /** The record kind (and slice) it belongs to: 'incoming', 'tasks', … */
  readonly kind: string;
  readonly args: z.ZodType<A>;
  /** The one record it writes: the outbox keys the entry by (kind, recordId). */
  recordId(args: A): string;
  /** Creates its record: applied with `current === null`. */
  readonly creates: boolean;
  /**
   * Applies whether or not its record exists yet (`current` null: the rules start it): a
   * record whose id every client derives, like an agency's week of the schedule.
   */
  readonly upserts?: boolean;
  /** Files it references, uploaded before the push and kept from the cache's GC meanwhile. */
  files?(args: A): readonly { readonly sha256: string }[];
  /**
   * Its files must be PDFs (an incoming document: Decree 30 registers a PDF). The core
   * checks the bytes it holds, the server the type it sniffed at upload: `file_not_pdf`.
   * Without it a file may be of any type (a task's attachments).
   */
  readonly pdfOnly?: boolean;
  /** The files must be sealed on disk (secret content). */
  sealsFiles?(args: A): boolean;
  /**
   * What only the server knows (a register number, a duplicate list, the parent task),
   * as the core stands in for it in the optimistic overlay.
   */
  localFacts?(args: A, ctx: RuleContext, lookup: RecordLookup): F;
  /** Pure: the new state, or throws AppError. */
  apply(current: S | null, args: A, ctx: RuleContext, facts: F): S;
}

/** A def with its types erased, as the registry holds it. */
export type AnyMutationDef = MutationDef<any, any, any>;

export function defineMutation<S, A, F = undefined>(def: MutationDef<S, A, F>): MutationDef<S, A, F> {
  return def;
}

export type MutationRegistry = ReadonlyMap<string, AnyMutationDef>;

/** One map from every feature's defs; a name registered twice is a programming error. */
export function buildRegistry(...features: readonly (readonly AnyMutationDef[])[]): MutationRegistry {
  const out = new Map<string, AnyMutationDef>();
  for (const defs of features)
    for (const d of defs) {
      if (out.has(d.name)) throw new Error(`mutation registered twice: ${d.name}`);
      if (!d.name.startsWith(`${d.kind}.`)) throw new Error(`mutation ${d.name} is not named for its kind ${d.kind}`);
      out.set(d.name, d);
    }
  return out;
}
