/**
 * The core's outgoing-documents slice (issue #10), as the composition root uses it: its cache
 * step, its LocalKind and its RPC handlers.
 */
export { OUTGOING_CACHE_STEP } from './schema.js';
export { OutgoingStore } from './store.js';
export { outgoingHandlers, type OutgoingHandlers } from './handlers.js';
export type { OutgoingContext, MailOutcome } from './context.js';
