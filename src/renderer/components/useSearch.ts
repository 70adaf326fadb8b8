import { useCallback, useEffect, useState } from 'react';

export interface SearchResult<T> {
  /** The query these results answer ('' = no search). */
  query: string;
  /** null while no query, or before the first answer. */
  items: T[] | null;
  error: unknown;
}

/**
 * Run `run(query)` whenever the (already debounced) query or `run` changes, and
 * again on `refresh()`; an answer to an older query is dropped.
 */
export function useSearch<T>(query: string, run: ((q: string) => Promise<T[]>) | null): SearchResult<T> & { refresh(): void } {
  const [result, setResult] = useState<SearchResult<T>>({ query: '', items: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!query || !run) {
      setResult({ query: '', items: null, error: null });
      return;
    }
    let current = true;
    run(query).then(
      (items) => current && setResult({ query, items, error: null }),
      (error: unknown) => current && setResult((r) => ({ query, items: r.query === query ? r.items : null, error })),
    );
    return () => {
      current = false;
    };
  }, [query, run, tick]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { ...result, refresh };
}
