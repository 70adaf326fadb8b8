/**
 * Pull cursors are opaque to clients: base64url JSON of the server epoch (a
 * random id made when the database was created), the change-log position `s` to
 * replay from, the kinds `k` the client is complete for, and during a walk (a
 * snapshot of the user's records in id order) the kinds walked `w` and the last id
 * sent `a`. A cursor from another database, or from the future of a restored
 * backup, is stale and answered with a reset.
 *
 * Cursors of earlier releases still decode, so an upgraded desktop continues
 * where it was: `{e,s}` (incoming complete) and `{e,h,a}` (walking incoming).
 */
export interface Cursor {
  e: string;
  s: number;
  k: string[];
  w?: string[];
  a?: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** A record id as PostgreSQL's uuid type accepts it: anything looser fails the query with a 500. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const KIND = /^[a-z][a-z_]{1,30}$/u;
const seqOk = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const kindsOk = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 20 && v.every((x) => typeof x === 'string' && KIND.test(x));

export function decodeCursor(raw: string | null): Cursor | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.e !== 'string') return null;
    if (seqOk(v.s) && kindsOk(v.k)) {
      if (v.w === undefined && v.a === undefined) return { e: v.e, s: v.s, k: v.k };
      if (kindsOk(v.w) && typeof v.a === 'string' && UUID.test(v.a)) return { e: v.e, s: v.s, k: v.k, w: v.w, a: v.a };
      return null;
    }
    // Protocol 1 cursors (incoming only).
    if (seqOk(v.s) && v.k === undefined) return { e: v.e, s: v.s, k: ['incoming'] };
    if (seqOk(v.h) && typeof v.a === 'string' && UUID.test(v.a)) return { e: v.e, s: v.h, k: [], w: ['incoming'], a: v.a };
    return null;
  } catch {
    return null;
  }
}
