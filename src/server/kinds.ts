/**
 * The server's composition root for records: every feature slice that syncs is
 * registered here, once; pull, push and file downloads dispatch on this registry.
 */
import { incomingKind } from './incoming/index.js';
import { outgoingKind } from './outgoing/index.js';
import { scheduleKind } from './schedule/index.js';
import { tasksKind } from './tasks/index.js';
import { buildKindRegistry, type KindRegistry } from './sync/kinds.js';
import type { BlobStore } from './blobs/blobStore.js';

/** `blobs`: the server's files, for the kinds that read them (outgoing: signed PDFs are checked). */
export function serverKinds(blobs: BlobStore): KindRegistry {
  return buildKindRegistry([incomingKind, tasksKind, scheduleKind, outgoingKind(blobs)]);
}
