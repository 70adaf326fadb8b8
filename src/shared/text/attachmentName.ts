/**
 * The one rule for the name of a file that came from outside (a mail attachment):
 * whatever the sender wrote, the name we store, show, save under and forward is a
 * plain last path component that every file system (Windows included) accepts and
 * that cannot point anywhere else. Pure; the mail core applies it once, when it
 * stores a message (docs/decisions.md §22).
 */

/** Longest safe name, in UTF-8 bytes (ext4 and NTFS allow 255; room is left for "(2)" suffixes). */
export const MAX_ATTACHMENT_NAME_BYTES = 200;
/** An extension longer than this is not treated as one (it is cut like the rest of the name). */
const MAX_EXTENSION_CHARS = 16;

/** Slashes of every kind: a name is only its last component, whichever system wrote it. */
const SEPARATORS = /[/\\\u2044\u2215\u29f8\u29f9\uff0f\uff3c]/u;
/** Control, format (bidi overrides that turn "gpj.exe" into "exe.jpg"), line/paragraph separators; not the joiners scripts and emoji need. */
const INVISIBLE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Characters Windows refuses in a name (the separators are already gone). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/gu;
/** Device names Windows reserves whatever the extension ("CON.txt" is the console too). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/iu;

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Cut to at most `maxBytes` UTF-8 bytes without splitting a character (grapheme) in two. */
function cutToBytes(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(s)) {
    const n = utf8Length(segment);
    if (used + n > maxBytes) break;
    out += segment;
    used += n;
  }
  return out;
}

/**
 * A safe file name for `raw` (null/empty/nothing left → `fallback`, itself made safe):
 * NFC; last path component only; no control/format characters; Windows' forbidden
 * characters become "_"; no leading dots or spaces, no trailing dots or spaces;
 * reserved device names get a "_" prefix; at most MAX_ATTACHMENT_NAME_BYTES, the
 * extension kept when the name is cut.
 */
export function safeAttachmentName(raw: string | null | undefined, fallback = 'tep-dinh-kem'): string {
  const name = clean(raw ?? '');
  if (name) return name;
  return clean(fallback) || 'tep-dinh-kem';
}

function clean(input: string): string {
  let s = input.normalize('NFC').replace(INVISIBLE, '');
  s = s.split(SEPARATORS).pop() ?? '';
  s = s.replace(WINDOWS_FORBIDDEN, '_').replace(/\s+/gu, ' ');
  s = s.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
  if (!s) return '';
  const dot = s.lastIndexOf('.');
  let base = dot > 0 ? s.slice(0, dot) : s;
  let ext = dot > 0 ? s.slice(dot) : '';
  if (ext.length > MAX_EXTENSION_CHARS + 1) {
    base = s;
    ext = '';
  }
  // "CON", "con.txt", "LPT1.tar.gz": Windows looks at what comes before the first dot.
  const stem = base.split('.')[0] ?? '';
  if (RESERVED.test(stem.trim())) base = `_${base}`;
  const room = MAX_ATTACHMENT_NAME_BYTES - utf8Length(ext);
  if (utf8Length(base) > room) base = cutToBytes(base, room).replace(/[\s.]+$/u, '');
  return (base + ext).normalize('NFC');
}
