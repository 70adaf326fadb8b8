/**
 * The server's outgoing-documents slice (issue #10; docs/decisions.md §29), as the composition
 * root (server/kinds.ts) and the admin routes use it: the kind the generic pull and push
 * dispatch to, and the agency's settings (registers, trusted roots). The kind reads stored
 * files (the signed PDFs are checked against the drafts they sign), so it is made with the
 * server's blob store.
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
