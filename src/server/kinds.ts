/**
 * The server's composition root for records: every feature slice that syncs is
 * registered here, once; pull, push and file downloads dispatch on this registry.
 */
import { incomingKind } from './incoming/index.js';
import { scheduleKind } from './schedule/index.js';
import { tasksKind } from './tasks/index.js';
import { buildKindRegistry, type KindRegistry } from './sync/kinds.js';

export function serverKinds(): KindRegistry {
  return buildKindRegistry([incomingKind, tasksKind, scheduleKind]);
}
