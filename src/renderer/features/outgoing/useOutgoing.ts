import { useCallback, useEffect, useState } from 'react';
import type { OutgoingCounts, OutgoingMutationInput, OutgoingMutationName, OutgoingView } from '../../../shared/outgoing/index.js';
import { useChanged, useRpc } from '../../app/AppContext.js';
import { useQueueMutation, useRecordView, type RecordState } from '../../components/useRecord.js';

/** Local data an outgoing document's screen depends on: the document, the people and units it names, its files. */
const SCOPES = ['outgoing', 'org', 'session', 'files'] as const;

/** One outgoing document as the core shows it (confirmed state with pending local changes applied), re-read live. */
export function useOutgoing(id: string): RecordState<OutgoingView> {
  return useRecordView<OutgoingView>('outgoing.get', id, SCOPES);
}

/** Queue an outgoing action (useQueueMutation), typed by the slice's names. */
export function useOutgoingMutate(): <N extends OutgoingMutationName>(name: N, args: OutgoingMutationInput[N], opts?: { quiet?: boolean }) => Promise<boolean> {
  return useQueueMutation();
}

/** The tabs' counts (and the navigation's badge), re-read when outgoing documents change. */
export function useOutgoingCounts(busy: boolean): Partial<OutgoingCounts> {
  const rpc = useRpc();
  const [counts, setCounts] = useState<Partial<OutgoingCounts>>({});
  const load = useCallback(() => {
    // Before the core serves outgoing documents (an older core) the badge just stays empty.
    rpc.call('outgoing.counts', {}).then(setCounts, () => {});
  }, [rpc]);
  useEffect(load, [load]);
  useChanged(['outgoing', 'session'], load, { delayMs: busy ? 2000 : 400 });
  return counts;
}
