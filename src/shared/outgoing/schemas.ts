/**
 * The outgoing slice with its zod schemas, for the core and the server: the state and args
 * schemas, the mutation defs (`outgoingMutations` for buildRegistry) and the rules. The
 * renderer imports index.ts instead (zod-free, docs/decisions.md §24).
 */
export * from './model.js';
export * from './mutations.js';
export * from './rules.js';
export * from './index.js';
