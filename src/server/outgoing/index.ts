/**
 * The server's outgoing-documents slice (issue #10; docs/decisions.md §29), as the composition
 * root (server/kinds.ts) and the admin routes use it: the kind the generic pull and push
 * dispatch to, and the agency's settings (registers, trusted roots). The kind reads stored
 * files (the signed PDFs are checked against the drafts they sign), so it is made with the
 * server's blob store. The demo seed and the benchmarks load many documents at once with the
 * bulk insert, and build the units' incoming copies with the dispatch's own functions.
 */
import { OUTGOING_KIND } from '../../shared/outgoing/constants.js';
import type { ServerKind } from '../sync/kinds.js';
import { outgoingFileHoldings } from './files.js';
import { outgoingServerMutations } from './mutations.js';
import type { BlobReader } from './signedFiles.js';
import { outgoingStates } from './states.js';

export function outgoingKind(blobs: BlobReader): ServerKind {
  return {
    kind: OUTGOING_KIND,
    states: outgoingStates,
    mutations: outgoingServerMutations(blobs),
    fileHoldings: outgoingFileHoldings,
  };
}

export { loadOutgoing, saveOutgoing } from './store.js';
export { defaultOutgoingSettings, loadOutgoingSettings, outgoingSettingsOf, parseOutgoingSettings, writeOutgoingSettings } from './settings.js';
export { bulkInsertOutgoing } from './bulkInsert.js';
export { revokedCopyOf, unitCopyOf } from './dispatch.js';
export { agencyFacts, type AgencyFacts } from './numbering.js';
