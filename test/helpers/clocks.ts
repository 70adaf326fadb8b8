/**
 * The clock each test server runs on, by URL. A test client's clock agrees with
 * its server's unless the test says otherwise: mutations carry the time the user
 * acted, which the server uses within a window around its own clock
 * (src/shared/domain/actionTime.ts), so a real-time client against a server whose
 * clock a test moved would be dated "wrongly" by design.
 */
const clocks = new Map<string, () => Date>();

export function setServerClock(url: string, now: () => Date): void {
  clocks.set(url, now);
}

/** The clock of the server at `url` (the real clock when the test did not set one). */
export function serverClock(url: string): () => Date {
  return clocks.get(url) ?? ((): Date => new Date());
}
