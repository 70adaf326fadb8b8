/**
 * HTTP Range (RFC 9110 §14) for one byte range, as pdf.js and resumed downloads
 * ask for it. Pure; used by the web host's /files/ and the shell's ioffice-file://.
 * Several ranges in one header are answered with the whole file (allowed: a
 * server may ignore Range), a malformed header likewise; a well-formed range
 * that starts past the end is 416.
 */

export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const DIGITS = /^\d{1,15}$/u;

export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (header === null || header === undefined) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(.*)$/iu.exec(header);
  if (!m) return { kind: 'full' }; // another unit: ignore the header
  const spec = m[1]!.trim();
  if (spec.includes(',')) return { kind: 'full' };
  const dash = spec.indexOf('-');
  if (dash < 0) return { kind: 'full' };
  const first = spec.slice(0, dash).trim();
  const last = spec.slice(dash + 1).trim();
  if (first === '') {
    // suffix: the last N bytes
    if (!DIGITS.test(last)) return { kind: 'full' };
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  if (!DIGITS.test(first) || (last !== '' && !DIGITS.test(last))) return { kind: 'full' };
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'full' }; // invalid range-spec: ignore
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Number(last);
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/** Status and headers for a range answer over a file of `size` bytes. */
export function rangeResponse(range: RangeResult, size: number): { status: 200 | 206 | 416; headers: Record<string, string>; start: number; end: number } {
  const common = { 'Accept-Ranges': 'bytes' };
  switch (range.kind) {
    case 'full':
      return { status: 200, headers: { ...common, 'Content-Length': String(size) }, start: 0, end: size - 1 };
    case 'partial':
      return {
        status: 206,
        headers: { ...common, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
        start: range.start,
        end: range.end,
      };
    case 'unsatisfiable':
      return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' }, start: 0, end: -1 };
  }
}
