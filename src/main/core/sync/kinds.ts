/**
 * What a feature gives the core's sync machinery (docs/generic-sync-plan.md §1.5):
 * its confirmed records in the local cache. Pulls dispatch each change to the kind
 * it names; the composition root (core/kinds.ts) registers the slices.
 *
 * A kind owns its tables (rows with list columns derived for the viewer, its search
 * index) and its rows in the generic `record_files` (kind, record_id, sha256, …):
 * `remove` and `removeAll` delete those too (no foreign key spans kinds).
 * Callers own the transactions (a pull page is one).
 */
import type { z } from 'zod';
import type { UserSummary } from '../../../shared/model/organisation.js';

export type Viewer = Pick<UserSummary, 'id' | 'role' | 'unitId'>;

export interface LocalKind<S extends { id: string } = { id: string }> {
  readonly kind: string;
  /** The state a pull carries, checked change by change (one unreadable record is set aside, decisions §18). */
  readonly schema: z.ZodType<S>;
  put(state: S, viewer: Viewer): void;
  remove(id: string): boolean;
  removeAll(): void;
  get(id: string): S | null;
  /** Re-derive every row's per-viewer columns (the user moved unit); in chunks. */
  recomputeAll(viewer: Viewer): void;
  /** Files worth downloading ahead of use: of records changed since `sinceIso`, newest first. */
  prefetchCandidates?(sinceIso: string, limit: number): { sha256: string; size: number }[];
}
