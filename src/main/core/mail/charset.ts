import iconv from 'iconv-lite';

/**
 * Header text in a charset iconv-lite does not know ("=?x-unknown?Q?…?="), or raw
 * 8-bit bytes with no charset at all: libmime decodes those as UTF-8 and the reader
 * sees "Th�ng b�o". Here the bytes are decoded again by a guess that favours what
 * this app's mail is written in — Vietnamese (windows-1258, whose combining tone
 * marks NFC folds into the usual letters), then Western European (windows-1252),
 * then latin1 — and the caller says which guess was taken (a note on the message).
 */

/** Letters only Vietnamese uses (after NFC): a windows-1258 reading that yields them is very likely right. */
const VIETNAMESE = /[ăắằẳẵặâấầẩẫậđêếềểễệôốồổỗộơớờởỡợưứừửữựạảẹẻẽịỉĩọỏụủũỳỵỷỹ]/giu;
/** What a wrong single-byte reading tends to produce: C1 controls, replacement chars, stray combining marks. */
const JUNK = /[\u0080-\u009f\ufffd]|(?<![\p{L}])\p{M}/gu;

export interface Guess {
  text: string;
  /** The charset the bytes were read as. */
  charset: string;
}

function strictUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const count = (s: string, re: RegExp): number => s.match(re)?.length ?? 0;

/** Decode bytes whose charset is unknown or wrong. Valid UTF-8 stays UTF-8. */
export function guessDecode(bytes: Buffer): Guess {
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8.normalize('NFC'), charset: 'utf-8' };
  const vn = iconv.decode(bytes, 'windows-1258').normalize('NFC');
  const west = iconv.decode(bytes, 'windows-1252').normalize('NFC');
  if (count(vn, VIETNAMESE) > 0 && count(vn, JUNK) <= count(west, JUNK)) return { text: vn, charset: 'windows-1258' };
  if (count(west, JUNK) === 0) return { text: west, charset: 'windows-1252' };
  return { text: iconv.decode(bytes, 'latin1').normalize('NFC'), charset: 'latin1' };
}

function wordBytes(encoding: string, data: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(data, 'base64');
  return Buffer.from(data.replace(/_/gu, ' ').replace(/=([0-9A-Fa-f]{2})/gu, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/gu;

/**
 * A raw header value (the bytes after "Subject:", read as latin1) decoded with the
 * guess wherever the declared charset is unknown or the bytes are not valid in it.
 * Returns null when nothing needed guessing (the parser's reading stands).
 */
export function decodeHeaderWithGuess(rawValue: string): { text: string; declared: string | null; guessed: string } | null {
  const unfolded = rawValue.replace(/\r?\n[ \t]+/gu, ' ');
  let declared: string | null = null;
  let guessed: string | null = null;
  const words = [...unfolded.matchAll(ENCODED_WORD)];
  if (words.length > 0) {
    let out = '';
    let last = 0;
    for (const m of words) {
      const between = unfolded.slice(last, m.index);
      // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
      out += last > 0 && /^\s*$/u.test(between) ? '' : between;
      const cs = (m[1] as string).replace(/\*.*$/u, '').toLowerCase();
      const bytes = wordBytes(m[2] as string, m[3] as string);
      const known = iconv.encodingExists(cs) && !/^utf-?7/u.test(cs);
      const text = known ? iconv.decode(bytes, cs) : null;
      if (text !== null && !(text.includes('\ufffd') && /^utf-?8$/u.test(cs))) out += text;
      else {
        const g = guessDecode(bytes);
        declared ??= cs;
        guessed ??= g.charset;
        out += g.text;
      }
      last = (m.index ?? 0) + m[0].length;
    }
    out += unfolded.slice(last);
    return guessed ? { text: out.normalize('NFC'), declared, guessed } : null;
  }
  // No encoded words: raw 8-bit bytes (not allowed in headers, common anyway).
  const bytes = Buffer.from(unfolded, 'latin1');
  if (!bytes.some((b) => b >= 0x80)) return null;
  const g = guessDecode(bytes);
  return g.charset === 'utf-8' ? null : { text: g.text, declared: null, guessed: g.charset };
}

/** The note shown with a message whose subject had to be guessed (Vietnamese, like the other notes). */
export function subjectGuessNote(declared: string | null, guessed: string): string {
  return declared
    ? `Tiêu đề thư ghi bảng mã "${declared}" mà ứng dụng không đọc được; đã đọc theo bảng mã ${guessed}, có thể sai dấu.`
    : `Tiêu đề thư không ghi bảng mã; đã đọc theo bảng mã ${guessed}, có thể sai dấu.`;
}

/** The raw value of a header (unfolded later), from the bytes of a header block, read as latin1; null if absent. */
export function rawHeaderValue(headerBlock: Buffer, name: string): string | null {
  const end = headerBlock.indexOf('\r\n\r\n');
  const end2 = headerBlock.indexOf('\n\n');
  const cut = [end, end2].filter((i) => i >= 0);
  const head = headerBlock.subarray(0, cut.length > 0 ? Math.min(...cut) : Math.min(headerBlock.length, 256 * 1024)).toString('latin1');
  const re = new RegExp(`^${name}:[ \\t]?((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'imu');
  const m = re.exec(head);
  return m ? (m[1] as string) : null;
}
