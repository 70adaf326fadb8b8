/** The incoming slice's public face in the core (composition roots: session/userCache.ts, api/service.ts). */
export { DocumentStore } from './store.js';
export { incomingHandlers, type IncomingContext, type IncomingOverlaid } from './handlers.js';
