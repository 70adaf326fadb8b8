/**
 * Pull cursors are opaque to clients: base64url JSON of the server epoch (a
 * random id made when the database was created) and either a change-log position
 * or a snapshot position. A cursor from another database, or from the future of
 * a restored backup, is stale and answered with a reset.
 */
export type Cursor =
  | { e: string; s: number }
  /** During an initial snapshot: high-water seq when it began, and the last document id sent. */
  | { e: string; h: number; a: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** A document id as PostgreSQL's uuid type accepts it: anything looser fails the query with a 500. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

export function decodeCursor(raw: string | null): Cursor | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.e !== 'string') return null;
    if (typeof v.s === 'number' && Number.isInteger(v.s) && v.s >= 0) return { e: v.e, s: v.s };
    if (typeof v.h === 'number' && Number.isInteger(v.h) && v.h >= 0 && typeof v.a === 'string' && UUID.test(v.a)) return { e: v.e, h: v.h, a: v.a };
    return null;
  } catch {
    return null;
  }
}
