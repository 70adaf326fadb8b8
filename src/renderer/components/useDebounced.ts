import { useEffect, useState } from 'react';

/** `value`, once it has stopped changing for `ms` (an empty value at once: clearing is never delayed). */
export function useDebounced<T>(value: T, ms: number, immediate: (v: T) => boolean = (v) => v === ''): T {
  const [settled, setSettled] = useState(value);
  const now = immediate(value);
  useEffect(() => {
    if (now) {
      setSettled(value);
      return;
    }
    const h = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(h);
  }, [value, ms, now]);
  return now ? value : settled;
}
