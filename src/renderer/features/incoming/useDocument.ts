import { useCallback } from 'react';
import type { IncomingView } from '../../../shared/rpc/contract.js';
import type { MutationInput, MutationName } from '../../../shared/incoming/mutations.js';
import { useQueueMutation, useRecordView, type RecordState } from '../../components/useRecord.js';

export type DocumentState = RecordState<IncomingView>;

/** One document as the core shows it (confirmed state + pending local changes), re-read live. */
export function useDocument(id: string): DocumentState {
  return useRecordView<IncomingView>('incoming.get', id, ['incoming', 'files', 'org', 'session']);
}

/** Queue a document action (useQueueMutation); reading it is not news worth a toast. */
export function useMutate(): <N extends MutationName>(name: N, args: MutationInput<N>) => Promise<boolean> {
  const queue = useQueueMutation();
  return useCallback((name, args) => queue(name, args, { quiet: name === 'incoming.markRead' }), [queue]);
}

/** Opinions, history entries and assignments made by pending local actions carry the action's time. */
export function pendingTimes(view: IncomingView | null): Set<string> {
  return new Set((view?.pending ?? []).filter((p) => p.name !== 'incoming.markRead').map((p) => p.createdAt));
}
