/** Small pure pieces of the mail screens (unit-tested): dates, folder names and order, sizes. */
import type { MailFolder, MailFolderRole } from '../../../shared/model/mail.js';
import { compareVi, formatDateVi, vnDateParts, VN_OFFSET_MS } from '../../../shared/text/vietnamese.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The list's date column: HH:mm for today (Vietnam time), else dd/MM/yyyy. */
export function listDate(iso: string, now: Date = new Date()): string {
  const d = vnDateParts(iso);
  const n = vnDateParts(now);
  if (d.year === n.year && d.month === n.month && d.day === n.day) {
    const shifted = new Date(new Date(iso).getTime() + VN_OFFSET_MS);
    return `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
  }
  return formatDateVi(iso);
}

export const ROLE_ORDER: readonly MailFolderRole[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

/** Special folders first in their usual order, then the others by name (Vietnamese order). */
export function sortFolders<T extends Pick<MailFolder, 'role' | 'name' | 'path'>>(folders: readonly T[]): T[] {
  const rank = (f: T): number => (f.role ? ROLE_ORDER.indexOf(f.role) : ROLE_ORDER.length);
  return [...folders].sort((a, b) => rank(a) - rank(b) || compareVi(a.path, b.path));
}

/** Nesting depth of a folder path ("INBOX/Phòng A" → 1), for indenting the folder list. */
export function folderDepth(path: string): number {
  return Math.max(0, path.split(/[/.]/u).length - 1);
}

/** "1,2 MB", "35 KB" in the user's language. */
export function fileSize(bytes: number, lang: 'vi' | 'en'): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-US';
  if (bytes < 1024) return `${bytes.toLocaleString(locale)} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString(locale)} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

export function isPdfAttachment(a: { name: string; mime: string }): boolean {
  return a.mime.toLowerCase() === 'application/pdf' || /\.pdf$/iu.test(a.name);
}

/**
 * The document the sandboxed frame shows: the core's sanitised HTML in a page of
 * our own with a readable default style. No script can run in it (the frame has
 * no allow-scripts) and links cannot open anything (no allow-popups).
 */
export function frameDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><style>
html{color-scheme:light}body{margin:0;padding:16px 20px;font:14px/1.6 "Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:#1f2937;word-wrap:break-word;overflow-wrap:anywhere}
img{max-width:100%;height:auto}img[data-remote-blocked]{width:16px;height:16px;outline:1px dashed #bbb}table{border-collapse:collapse;max-width:100%}
a{color:#1d4ed8}blockquote{margin:0 0 0 8px;padding-left:12px;border-left:3px solid #d1d5db;color:#4b5563}pre{white-space:pre-wrap}
</style></head><body>${html}</body></html>`;
}

/** The outbox keeps a failure as the core's error body in JSON: the user's language, or the raw text. */
export function outboxErrorText(raw: string, lang: 'vi' | 'en'): string {
  try {
    const v = JSON.parse(raw) as { code?: unknown; message?: { vi?: unknown; en?: unknown } };
    const m = v.message?.[lang] ?? v.message?.vi;
    if (typeof m === 'string') return m;
    return typeof v.code === 'string' ? v.code : raw;
  } catch {
    return raw;
  }
}

/** People shown in a header before "và N người khác" (a circular can go to a thousand). */
export const RECIPIENTS_SHOWN = 5;

/** The first `shown` of a list, and how many more there are (none hidden when expanded). */
export function collapseList<T>(list: readonly T[], expanded: boolean, shown = RECIPIENTS_SHOWN): { visible: readonly T[]; hidden: number } {
  if (expanded || list.length <= shown) return { visible: list, hidden: 0 };
  return { visible: list.slice(0, shown), hidden: list.length - shown };
}
