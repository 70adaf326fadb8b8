/**
 * What a feature gives the server's sync machinery (docs/generic-sync-plan.md §1.3–1.4):
 * its record states for a pull, the runners of its mutations, and the files its
 * records hold. The composition root (server/kinds.ts) registers the slices; pull,
 * push and the file route dispatch on the registry and never name a feature.
 */
import type { RuleContext } from '../../shared/domain/ruleContext.js';
import type { AppErrorBody } from '../../shared/i18n/errors.js';
import type { AnyMutationDef } from '../../shared/sync/registry.js';
import type { Queryable } from '../db/database.js';
import type { FileHolding } from '../blobs/fileAccess.js';

/** Read once per pull page and given to every kind. */
export interface PullContext {
  readonly agency: { readonly id: string; readonly orgVersion: number; readonly secretContentPolicy: string | null };
  readonly now: Date;
}

/** A record's state as the pull sends it: its version, and its JSON text (readAt appended). */
export interface StateText {
  readonly version: number;
  readonly json: string;
}

export interface MutationOutcome {
  /** Users whose clients should pull now. */
  poke: Set<string>;
  warnings: AppErrorBody[];
}

/** Runs one mutation inside the push's transaction: args already parsed by `def.args`. */
export type MutationRunner = (q: Queryable, args: never, ctx: RuleContext) => Promise<MutationOutcome>;

export interface ServerMutation {
  readonly def: AnyMutationDef;
  readonly run: MutationRunner;
}

export interface ServerKind {
  readonly kind: string;
  /**
   * The states of `ids` as `userId` may see them, as JSON text ending with their
   * per-user `"readAt"` (the pull never parses a state). Ids the user may not see are absent.
   */
  states(q: Queryable, userId: string, ids: readonly string[], pc: PullContext): Promise<Map<string, StateText>>;
  readonly mutations: readonly ServerMutation[];
  /** The records of this kind holding a file, as `userId` stands towards them (file downloads). */
  fileHoldings?(q: Queryable, sha256: string, userId: string): Promise<FileHolding[]>;
}

export interface KindRegistry {
  readonly kinds: ReadonlyMap<string, ServerKind>;
  readonly mutations: ReadonlyMap<string, ServerMutation>;
}

export function buildKindRegistry(kinds: readonly ServerKind[]): KindRegistry {
  const byKind = new Map<string, ServerKind>();
  const mutations = new Map<string, ServerMutation>();
  for (const k of kinds) {
    if (byKind.has(k.kind)) throw new Error(`kind registered twice: ${k.kind}`);
    byKind.set(k.kind, k);
    for (const m of k.mutations) {
      if (m.def.kind !== k.kind) throw new Error(`mutation ${m.def.name} is not of kind ${k.kind}`);
      if (mutations.has(m.def.name)) throw new Error(`mutation registered twice: ${m.def.name}`);
      mutations.set(m.def.name, m);
    }
  }
  return { kinds: byKind, mutations };
}
