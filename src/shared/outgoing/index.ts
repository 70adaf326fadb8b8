/**
 * The outgoing slice's public module (issue #10), zod-free so the renderer may import it: the
 * words (constants), registers and symbols, who sees and may do what, and the types. Schemas,
 * mutation defs and the rules are in schemas.ts, for the core and the server.
 */
export * from './constants.js';
export * from './numbering.js';
export * from './rights.js';
export type {
  CertificateSummary,
  Delivery,
  DocumentVersion,
  DraftComment,
  DraftFields,
  IssuedNumber,
  OutgoingDocument,
  OutgoingHistoryItem,
  OutgoingRegister,
  OutgoingSettings,
  Recipient,
  Relation,
  ReviewStep,
  Revocation,
  SignatureRecord,
} from './model.js';
export type {
  AddVersionArgs,
  ApproveArgs,
  CancelArgs,
  CommentArgs,
  CreateDraftArgs,
  DeliverArgs,
  DispatchArgs,
  DraftInput,
  DraftPatch,
  ForwardArgs,
  IssueArgs,
  OutgoingMutationInput,
  RecipientInput,
  ReturnArgs,
  RevokeArgs,
  SealArgs,
  SignArgs,
  StepInput,
  SubmitArgs,
  UpdateDraftArgs,
} from './mutations.js';
export type { DispatchFacts, IssueFacts } from './rules.js';
export type {
  KeyChoice,
  OutgoingCounts,
  OutgoingItem,
  OutgoingListParams,
  OutgoingListResult,
  OutgoingView,
  PlacementResult,
  SignatureCheck,
  SigningKeyInfo,
} from './rpc.js';
