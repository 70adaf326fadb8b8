/**
 * The incoming workflow's mutations as registry entries (shared/sync/registry.ts):
 * the server and the core's overlay dispatch on these and never name a mutation.
 * The rules themselves are rules.ts, unchanged.
 */
import { defineMutation, type AnyMutationDef } from '../sync/registry.js';
import { vnDateParts } from '../text/vietnamese.js';
import type { IncomingDocument } from './model.js';
import { MUTATION_ARGS, type Mutation, type MutationArgs, type MutationName } from './mutations.js';
import { applyMutation, createIncoming } from './rules.js';
import { AppError } from '../i18n/errors.js';

export const INCOMING_KIND = 'incoming';

/** What only the server's register knows: the arrival number (0 until numbered) and the duplicates found. */
export interface RegisterFacts {
  arrival: { number: number; year: number };
  duplicateOf: string[];
}

const register = defineMutation<IncomingDocument, MutationArgs<'incoming.register'>, RegisterFacts>({
  name: 'incoming.register',
  kind: INCOMING_KIND,
  args: MUTATION_ARGS['incoming.register'],
  recordId: (a) => a.documentId,
  creates: true,
  files: (a) => a.files,
  pdfOnly: true,
  sealsFiles: (a) => a.metadata.confidentiality !== 'normal',
  // The arrival number comes from the server's register; 0 means "not yet numbered".
  localFacts: (_a, ctx) => ({ arrival: { number: 0, year: vnDateParts(ctx.now).year }, duplicateOf: [] }),
  apply: (current, args, ctx, facts) => {
    if (current !== null) throw new AppError('document_exists');
    return createIncoming(args, ctx, facts.arrival, facts.duplicateOf);
  },
});

function onDocument<N extends Exclude<MutationName, 'incoming.register'>>(name: N): AnyMutationDef {
  return defineMutation<IncomingDocument, MutationArgs<N>, undefined>({
    name,
    kind: INCOMING_KIND,
    args: MUTATION_ARGS[name] as never,
    recordId: (a) => (a).documentId,
    creates: false,
    apply: (current, args, ctx) => {
      if (current === null) throw new AppError('document_not_found');
      return applyMutation(current, { name, args } as Exclude<Mutation, { name: 'incoming.register' }>, ctx);
    },
  });
}

export const incomingMutations: readonly AnyMutationDef[] = [
  register,
  onDocument('incoming.assign'),
  onDocument('incoming.reassign'),
  onDocument('incoming.revokeAssignment'),
  onDocument('incoming.addOpinion'),
  onDocument('incoming.complete'),
  onDocument('incoming.markRead'),
];
