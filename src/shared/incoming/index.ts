/**
 * The incoming slice's zod-free public module: what other features and the renderer
 * use of it (rights, dashboard facts, the model's types). The schemas are in
 * schemas.ts, for the core and the server.
 */
export * from './rights.js';
export * from './deadlineFacts.js';
export type { Assignment, AssignmentRole, Confidentiality, FileRef, HistoryAction, IncomingDocument, IncomingMetadata, SourceMail, Urgency } from './model.js';
export type { Mutation as IncomingMutation, MutationName as IncomingMutationName } from './mutations.js';
