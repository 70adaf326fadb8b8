/** The incoming slice's public face on the server (composition root: server/kinds.ts). */
import type { ServerKind } from '../sync/kinds.js';
import { incomingFileHoldings } from '../blobs/fileAccess.js';
import { incomingServerMutations } from './service.js';
import { incomingStates } from './states.js';

export const incomingKind: ServerKind = {
  kind: 'incoming',
  states: incomingStates,
  mutations: incomingServerMutations,
  fileHoldings: incomingFileHoldings,
};

export { bulkInsertDocuments, type BulkBlob } from './bulkImport.js';
export { incomingRoutes } from './routes.js';
export { parseSecretContentPolicy, setSecretContentPolicy } from './secretPolicy.js';
export { backfillIncomingDeadlines, incomingDeadlineRow } from './deadlineRow.js';
// What internal dispatch of outgoing documents (server/outgoing) registers and revokes with.
export { loadDocument, nextUnitArrivalNumber, saveDocument } from './store.js';
