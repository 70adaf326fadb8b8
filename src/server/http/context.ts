import type { Db } from '../db/database.js';
import type { BlobStore } from '../blobs/blobStore.js';
import type { OrganisationCache } from '../org/organisation.js';
import type { PokeHub } from '../sync/pokes.js';

/** Everything a route needs, built once by the server. */
export interface ServerContext {
  db: Db;
  blobs: BlobStore;
  orgs: OrganisationCache;
  pokes: PokeHub;
  /** The server epoch: a random id made with the database, part of every pull cursor. */
  epoch: string;
  now: () => Date;
  sessionTtlMs: number;
}
