import { z } from 'zod';
import { MAX_FILES_PER_DOCUMENT } from '../sync/limits.js';
import { AssignmentRole, FileRef, IncomingMetadata, OPINION_KINDS } from './model.js';
import { isoDate, requiredText, text, uuid } from '../model/primitives.js';

/**
 * The mutations a client may push. Ids of new things (documents, assignments,
 * opinions) are chosen by the client, so the optimistic overlay and the server
 * agree on them and a replay can never create a second copy.
 */
export const RegisterIncomingArgs = z.object({
  documentId: uuid,
  metadata: IncomingMetadata,
  files: z.array(FileRef).max(MAX_FILES_PER_DOCUMENT),
});

export const NewAssignment = z
  .object({
    id: uuid,
    role: AssignmentRole,
    unitId: uuid.nullable(),
    userId: uuid.nullable(),
    deadline: isoDate.nullable(),
    note: text(2000).default(''),
  })
  .refine((a) => (a.unitId === null) !== (a.userId === null), { message: 'exactly one of unitId and userId must be set' });

export const AssignIncomingArgs = z.object({
  documentId: uuid,
  instruction: text(4000),
  assignments: z.array(NewAssignment).min(1).max(50),
});

export const ReassignIncomingArgs = z.object({
  documentId: uuid,
  parentAssignmentId: uuid,
  assignments: z
    .array(
      z.object({
        id: uuid,
        role: AssignmentRole,
        userId: uuid,
        deadline: isoDate.nullable(),
        note: text(2000).default(''),
      }),
    )
    .min(1)
    .max(50),
});

export const RevokeAssignmentArgs = z.object({
  documentId: uuid,
  assignmentId: uuid,
  reason: text(1000).default(''),
});

export const AddOpinionArgs = z
  .object({
    documentId: uuid,
    opinionId: uuid,
    kind: z.enum(OPINION_KINDS),
    content: requiredText(4000),
    progress: z.number().int().min(0).max(100).nullable().default(null),
  })
  .refine((o) => o.kind === 'progress' || o.progress === null, { message: 'only progress reports carry a percentage' });

export const CompleteIncomingArgs = z.object({
  documentId: uuid,
  note: text(4000).default(''),
  /** The outgoing document that answers it ("văn bản trả lời", issue #10); the server checks it is one of the agency's. */
  replyId: uuid.nullable().default(null),
});

export const MarkReadArgs = z.object({ documentId: uuid });

export const MUTATION_ARGS = {
  'incoming.register': RegisterIncomingArgs,
  'incoming.assign': AssignIncomingArgs,
  'incoming.reassign': ReassignIncomingArgs,
  'incoming.revokeAssignment': RevokeAssignmentArgs,
  'incoming.addOpinion': AddOpinionArgs,
  'incoming.complete': CompleteIncomingArgs,
  'incoming.markRead': MarkReadArgs,
} as const;

export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATION_ARGS)[N]>;
/** Args as a caller writes them (defaults still optional). */
export type MutationInput<N extends MutationName> = z.input<(typeof MUTATION_ARGS)[N]>;

export type Mutation = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATION_ARGS, name);
}
