import type { Db } from '../db/database.js';
import type { BlobStore } from '../blobs/blobStore.js';
import type { OrganisationCache } from '../org/organisation.js';
import type { PokeHub } from '../sync/pokes.js';
import type { KindRegistry } from '../sync/kinds.js';

/** Everything a route needs, built once by the server. */
export interface ServerContext {
  db: Db;
  blobs: BlobStore;
  orgs: OrganisationCache;
  pokes: PokeHub;
  /** Every kind of record that syncs, with its mutations (server/kinds.ts). */
  kinds: KindRegistry;
  /** The server epoch: a random id made with the database, part of every pull cursor. */
  epoch: string;
  now: () => Date;
  sessionTtlMs: number;
}
