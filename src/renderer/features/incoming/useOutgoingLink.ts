import { useEffect, useState } from 'react';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import { useChanged, useRpc } from '../../app/AppContext.js';

export interface OutgoingLink {
  id: string;
  /** "05/QĐ-UBND: Về việc …" once numbered, else the subject. */
  title: string;
}

/**
 * An outgoing document an incoming one is tied to (the one it came from, the one that
 * answered it), when this user may see it: the core answers null otherwise, and the view
 * then names it without a link.
 */
export function useOutgoingLink(id: string | null | undefined): OutgoingLink | null {
  const rpc = useRpc();
  const [link, setLink] = useState<OutgoingLink | null>(null);
  const [tick, setTick] = useState(0);
  // It may arrive with a later pull (the reply's draft is synced after the incoming copy).
  useChanged(['outgoing'], () => setTick((n) => n + 1));
  useEffect(() => {
    if (!id) {
      setLink(null);
      return;
    }
    let alive = true;
    rpc.call('outgoing.get', { id }).then(
      (v) => {
        if (!alive) return;
        const d = v?.document;
        setLink(d ? { id: d.id, title: d.number ? `${formatNumberSymbol(d.number.codeNumber, d.number.codeNotation)}: ${d.subject}` : d.subject } : null);
      },
      // Not readable now: named without a link, as one this user may not see.
      () => alive && setLink(null),
    );
    return () => {
      alive = false;
    };
  }, [rpc, id, tick]);
  return link;
}
