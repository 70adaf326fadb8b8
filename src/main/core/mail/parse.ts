import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { cleanText, foldForSearch } from '../../../shared/index.js';
import type { MailAddress, MailEmbeddedMessage } from '../../../shared/model/mail.js';
import { safeAttachmentName } from '../../../shared/text/attachmentName.js';
import { decodeHeaderWithGuess, guessDecode, rawHeaderValue, subjectGuessNote } from './charset.js';

/**
 * Parsing: mailparser (libmime + iconv-lite) decodes RFC 2047 words, quoted-printable,
 * base64 and every charset iconv-lite knows — windows-1258 included. Windows-1258
 * writes Vietnamese with combining tone marks, so everything is NFC-normalised
 * after decoding (otherwise "Tiếng" decoded from 1258 compares unequal and breaks search).
 */

export interface ParsedAttachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  inline: boolean;
  contentId: string | null;
  content: Buffer;
  /** A forwarded message (message/rfc822), read so it can be shown inline and searched. */
  message: MailEmbeddedMessage | null;
}

export interface ParsedMessage {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  date: Date | null;
  html: string | null;
  text: string;
  attachments: ParsedAttachment[];
  notes: string[];
}

const nfc = (s: string | undefined | null): string => (s ?? '').normalize('NFC');

export function addressesOf(v: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!v) return [];
  const list = Array.isArray(v) ? v : [v];
  const out: MailAddress[] = [];
  const walk = (items: { name?: string; address?: string; group?: unknown[] }[]): void => {
    for (const a of items) {
      if (Array.isArray(a.group)) walk(a.group as { name?: string; address?: string }[]);
      else if (a.address || a.name) out.push({ name: cleanText(nfc(a.name)), address: nfc(a.address).trim().toLowerCase() });
    }
  };
  for (const o of list) walk(o.value);
  return out;
}

/** Message-IDs in a header value ("<a@b> <c@d>"), in order, without brackets. */
export function messageIds(v: string | string[] | undefined | null): string[] {
  if (!v) return [];
  const s = Array.isArray(v) ? v.join(' ') : v;
  const ids = [...s.matchAll(/<([^<>\s]+)>/gu)].map((m) => m[1] as string);
  if (ids.length === 0 && s.trim() && !/\s/u.test(s.trim())) ids.push(s.trim().replace(/^<|>$/gu, ''));
  return ids;
}

export function snippetOf(text: string, max = 200): string {
  return cleanText(text.replace(/^>.*$/gmu, ' ')).slice(0, max);
}

/** A crude but safe HTML → text for snippets and search (the display path uses DOMPurify). */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/giu, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/tr>/giu, '\n')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&nbsp;/giu, ' ')
    .replace(/&amp;/giu, '&')
    .replace(/&lt;/giu, '<')
    .replace(/&gt;/giu, '>')
    .replace(/&quot;/giu, '"')
    .replace(/&#(\d+);/gu, (_, n: string) => String.fromCodePoint(Number(n)));
}

/** Parse a whole message. Never throws on bad input: what cannot be read becomes a note. */
export async function parseMessage(raw: Buffer, depth = 0): Promise<ParsedMessage> {
  const notes: string[] = [];
  let m: ParsedMail;
  try {
    m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 5_000_000 });
  } catch (err) {
    return {
      messageId: null,
      inReplyTo: null,
      references: [],
      subject: '',
      from: null,
      to: [],
      cc: [],
      replyTo: [],
      date: null,
      html: null,
      text: iconv.decode(raw.subarray(0, 200_000), 'utf8').normalize('NFC'),
      attachments: [],
      notes: [`Không đọc được cấu trúc thư (${String((err as Error).message ?? err).slice(0, 200)}); hiển thị nội dung gốc.`],
    };
  }
  const from = addressesOf(m.from)[0] ?? null;
  if (!from) notes.push('Thư không có người gửi (thiếu trường From).');
  const date = m.date && !Number.isNaN(m.date.getTime()) && m.headers.has('date') ? m.date : null;
  if (!date) notes.push('Thư không có ngày gửi hợp lệ (thiếu hoặc sai trường Date); dùng thời điểm máy chủ nhận thư.');
  const subject = subjectOf(m, raw, notes);
  const attachments: ParsedAttachment[] = [];
  for (const [i, a] of m.attachments.entries()) {
    const mime = (a.contentType || 'application/octet-stream').toLowerCase();
    const message = mime === 'message/rfc822' && depth < MAX_EMBEDDED_DEPTH ? await embeddedMessage(a.content, depth + 1) : null;
    // The sender's name is never trusted: one safe name, made here, is what is stored, shown, saved and forwarded.
    const fallback = `tep-dinh-kem-${i + 1}${extensionFor(mime)}`;
    const wanted = nfc(a.filename) || (message?.subject ? `${message.subject}.eml` : '');
    attachments.push({
      id: String(i),
      name: safeAttachmentName(wanted, fallback),
      mime,
      size: a.content.length,
      inline: a.contentDisposition === 'inline' && Boolean(a.contentId || a.cid),
      contentId: a.cid ?? null,
      content: a.content,
      message,
    });
  }
  const html = typeof m.html === 'string' ? m.html.normalize('NFC') : null;
  let text = nfc(m.text);
  if (!text && html) text = htmlToPlain(html).normalize('NFC');
  const guessed = guessedBody(m, raw, text);
  if (guessed) {
    text = guessed.text;
    notes.push(guessed.note);
  }
  if (brokenStructure(m, raw, attachments.length)) notes.push('Cấu trúc MIME của thư bị hỏng; có thể thiếu một phần nội dung.');
  return {
    messageId: m.messageId ? m.messageId.replace(/^<|>$/gu, '') : null,
    inReplyTo: messageIds(m.inReplyTo)[0] ?? null,
    references: messageIds(m.references),
    subject,
    from,
    to: addressesOf(m.to),
    cc: addressesOf(m.cc),
    replyTo: addressesOf(m.replyTo),
    date,
    html,
    text,
    attachments,
    notes,
  };
}

/** A forwarded message inside a forwarded message…: read this deep, then kept as a plain attachment. */
const MAX_EMBEDDED_DEPTH = 3;
/** Text of a forwarded message kept for display and search. */
const MAX_EMBEDDED_TEXT = 200_000;

/** The subject, decoded again by a guess (and said so in a note) when the parser could not read its charset. */
function subjectOf(m: ParsedMail, raw: Buffer, notes: string[]): string {
  const parsed = cleanText(nfc(m.subject));
  if (!parsed.includes('\uFFFD')) return parsed;
  const value = rawHeaderValue(raw, 'subject');
  const guess = value !== null ? decodeHeaderWithGuess(value) : null;
  if (!guess) return parsed;
  notes.push(subjectGuessNote(guess.declared, guess.guessed));
  return cleanText(guess.text);
}

/**
 * A multipart message whose top-level closing boundary never comes (cut in transit,
 * or a sender's bug), or whose parts all failed: mailparser shows what it could
 * read, and the reader is told that something may be missing.
 */
function brokenStructure(m: ParsedMail, raw: Buffer, attachmentCount: number): boolean {
  const ctype = m.headers.get('content-type') as { value?: string; params?: { boundary?: string } } | undefined;
  if (typeof ctype?.value !== 'string' || !ctype.value.startsWith('multipart/')) return false;
  if (!m.text && !m.html && attachmentCount === 0) return true;
  const boundary = ctype.params?.boundary;
  return !boundary || !raw.includes(`--${boundary}--`);
}

/** A message/rfc822 part, read for inline display (headers and text) and for search. */
async function embeddedMessage(content: Buffer, depth: number): Promise<MailEmbeddedMessage> {
  const p = await parseMessage(content, depth);
  return {
    subject: p.subject,
    from: p.from,
    to: p.to,
    cc: p.cc,
    date: p.date ? p.date.toISOString() : null,
    text: p.text.slice(0, MAX_EMBEDDED_TEXT),
  };
}

function extensionFor(mime: string | undefined): string {
  if (!mime) return '';
  if (mime === 'application/pdf') return '.pdf';
  if (mime === 'message/rfc822') return '.eml';
  if (mime.startsWith('image/')) return `.${mime.slice(6).replace('jpeg', 'jpg')}`;
  if (mime === 'text/plain') return '.txt';
  return '';
}

/** Decode a (possibly truncated) body part fetched for a snippet. */
export function decodePart(bytes: Buffer, encoding: string | undefined, charset: string | undefined): string {
  const data = transferDecode(bytes, encoding);
  const cs = (charset ?? 'utf-8').toLowerCase();
  let text: string;
  try {
    // A charset iconv-lite does not know gets the same guess as the message's body and subject.
    text = iconv.encodingExists(cs) ? iconv.decode(data, cs) : guessDecode(data).text;
  } catch {
    text = data.toString('utf8');
  }
  // A cut in the middle of a multi-byte character leaves a replacement char at the end.
  return text.replace(/\uFFFD+$/u, '').normalize('NFC');
}

/** Undo base64 / quoted-printable (tolerantly: a truncated or damaged part still gives its bytes). */
function transferDecode(bytes: Buffer, encoding: string | undefined): Buffer {
  let data = bytes;
  const enc = (encoding ?? '').toLowerCase();
  if (enc === 'base64') {
    const clean = bytes.toString('latin1').replace(/[^A-Za-z0-9+/=]/gu, '');
    data = Buffer.from(clean.slice(0, clean.length - (clean.length % 4)), 'base64');
  } else if (enc === 'quoted-printable') {
    const s = bytes.toString('latin1').replace(/=\r?\n/gu, '');
    const out: number[] = [];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x3d && /^[0-9A-Fa-f]{2}$/u.test(s.slice(i + 1, i + 3))) {
        out.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else out.push(c & 0xff);
    }
    data = Buffer.from(out);
  }
  return data;
}

/**
 * A single-part text message whose charset is unknown (or whose bytes are not the
 * UTF-8 it claims): mailparser decoded it as UTF-8 and the reader would see "�".
 * The body is decoded again from the raw bytes with the same guess as the subject.
 * Multipart messages keep mailparser's reading and get a note.
 */
function guessedBody(m: ParsedMail, raw: Buffer, text: string): { text: string; note: string } | null {
  if (!text.includes('\uFFFD')) return null;
  const ctype = m.headers.get('content-type') as { value?: string; params?: { charset?: string } } | undefined;
  const declared = (ctype?.params?.charset ?? '').toLowerCase();
  const knownNonUtf8 = declared !== '' && iconv.encodingExists(declared) && !/^utf-?8$/u.test(declared);
  if (knownNonUtf8) return null;
  const what = declared ? `ghi bảng mã "${declared}" mà ứng dụng không đọc được` : 'không ghi bảng mã';
  if ((ctype?.value ?? 'text/plain') !== 'text/plain') return { text, note: `Một phần nội dung thư ${what}; có thể có ký tự hiển thị sai.` };
  const cut = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((i) => i >= 0);
  if (cut.length === 0) return null;
  const start = Math.min(...cut) + (raw[Math.min(...cut)] === 0x0d ? 4 : 2);
  const cte = m.headers.get('content-transfer-encoding');
  const g = guessDecode(transferDecode(raw.subarray(start), typeof cte === 'string' ? cte : undefined));
  if (g.charset === 'utf-8') return null;
  return { text: g.text.replace(/\r\n/gu, '\n'), note: `Nội dung thư ${what}; đã đọc theo bảng mã ${g.charset}, có thể sai dấu.` };
}

/** Thread root: the first Reference, else In-Reply-To, else the message itself. */
export function threadRoot(messageId: string | null, inReplyTo: string | null, refs: readonly string[], fallback: string): string {
  return refs[0] ?? inReplyTo ?? messageId ?? fallback;
}

export function threadIdOf(root: string): string {
  return createHash('sha1').update(root.toLowerCase()).digest('hex').slice(0, 24);
}

export function searchText(parts: (string | null | undefined)[]): string {
  return foldForSearch(cleanText(parts.filter(Boolean).join(' \n ')));
}

/** A sender's organisation for the register form: the display name, or the domain. */
export function organisationOf(from: MailAddress | null): string {
  if (!from) return '';
  if (from.name) return from.name;
  return from.address.split('@')[1] ?? from.address;
}
