/**
 * Wrap an event emitter so that it fires only when the value differs from the last
 * one it fired (compared as JSON): status is recomputed on every step of a sync,
 * and the UI should hear only about real changes.
 */
export function whenChanged<T>(emit: (value: T) => void): (value: T) => void {
  let last: string | null = null;
  return (value) => {
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    emit(value);
  };
}
