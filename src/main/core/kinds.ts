/**
 * The core's composition root for records: every feature slice that syncs, with
 * its mutations. The sync engine, the overlay and `mutate` dispatch on these and
 * never name a feature.
 */
import { incomingMutations } from '../../shared/incoming/defs.js';
import { taskMutations } from '../../shared/tasks/schemas.js';
import { scheduleMutations } from '../../shared/schedule/schemas.js';
import { outgoingMutations } from '../../shared/outgoing/schemas.js';
import { buildRegistry, type MutationRegistry } from '../../shared/sync/registry.js';

export const MUTATIONS: MutationRegistry = buildRegistry(incomingMutations, taskMutations, scheduleMutations, outgoingMutations);
