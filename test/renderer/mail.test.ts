/**
 * The pure parts of the mail screens: routes, recipient parsing, list dates,
 * folder order, the sandboxed frame's document, outbox errors, the keyset pager.
 */
import { describe, expect, it } from 'vitest';
import { href, parseHash, type Route } from '../../src/renderer/app/routes.js';
import { formatAddress, formatRecipients, isEmail, parseOne, parseRecipients, personLabel } from '../../src/renderer/features/mail/address.js';
import { fileSize, folderDepth, frameDocument, isPdfAttachment, listDate, outboxErrorText, sortFolders } from '../../src/renderer/features/mail/format.js';
import { KeysetPager, type PagerState } from '../../src/renderer/components/keysetPager.js';

describe('mail routes', () => {
  it('round-trip through the hash', () => {
    const routes: Route[] = [
      { name: 'mail', folderId: null, messageId: null },
      { name: 'mail', folderId: 3, messageId: null },
      { name: 'mail', folderId: 3, messageId: 1234 },
      { name: 'mail', folderId: 7, messageId: -2 }, // a moved message's placeholder id
      { name: 'mailSettings' },
      { name: 'register', fromMail: { messageId: 42, attachmentId: '2' } },
      { name: 'register', fromMail: { messageId: 42, attachmentId: 'att-1.2' } },
    ];
    for (const r of routes) expect(parseHash(href(r))).toEqual(r);
  });
  it('ignores what is not an id', () => {
    expect(parseHash('#/mail/abc')).toEqual({ name: 'mail', folderId: null, messageId: null });
    expect(parseHash('#/mail/3/x')).toEqual({ name: 'mail', folderId: 3, messageId: null });
    expect(parseHash('#/incoming/new?mail=abc&att=1')).toEqual({ name: 'register' });
    expect(parseHash('#/incoming/new?mail=5&att=<script>')).toEqual({ name: 'register' });
    expect(parseHash('#/incoming/new?mail=5')).toEqual({ name: 'register' });
  });
});

describe('recipients', () => {
  it('parses what people type, with Vietnamese names, quotes and both separators', () => {
    const r = parseRecipients('Nguyễn Văn An <an@kontum.gov.vn>; "Trần, Thị Bình" <binh@kontum.gov.vn>, vanthu@kontum.gov.vn');
    expect(r.invalid).toEqual([]);
    expect(r.valid).toEqual([
      { name: 'Nguyễn Văn An', address: 'an@kontum.gov.vn' },
      { name: 'Trần, Thị Bình', address: 'binh@kontum.gov.vn' },
      { name: '', address: 'vanthu@kontum.gov.vn' },
    ]);
  });
  it('reports what is not an address and drops duplicates', () => {
    const r = parseRecipients('an@kontum.gov.vn; khong-phai-dia-chi; AN@kontum.gov.vn; a@b; x@@y.vn');
    expect(r.valid).toEqual([{ name: '', address: 'an@kontum.gov.vn' }]);
    expect(r.invalid).toEqual(['khong-phai-dia-chi', 'a@b', 'x@@y.vn']);
    expect(parseRecipients('  ;, ').valid).toEqual([]);
  });
  it('normalises names to NFC', () => {
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(parseOne(`${decomposed} <n@kontum.gov.vn>`)?.name).toBe('Nguyễn');
  });
  it('formats back so that parsing gives the same list', () => {
    const list = [
      { name: 'Trần, Thị Bình', address: 'binh@kontum.gov.vn' },
      { name: '', address: 'vanthu@kontum.gov.vn' },
    ];
    expect(formatAddress(list[0]!)).toBe('"Trần, Thị Bình" <binh@kontum.gov.vn>');
    expect(parseRecipients(formatRecipients(list)).valid).toEqual(list);
    expect(personLabel(list[1])).toBe('vanthu@kontum.gov.vn');
    expect(personLabel(null)).toBe('');
  });
  it('checks addresses', () => {
    expect(isEmail('chutich@kontum.gov.vn')).toBe(true);
    expect(isEmail('a..b@kontum.gov.vn')).toBe(false);
    expect(isEmail('khong co@kontum.gov.vn')).toBe(false);
    expect(isEmail('a@localhost')).toBe(false);
  });
});

describe('mail formatting', () => {
  it('shows the time for today and dd/MM/yyyy otherwise (Vietnam time)', () => {
    const now = new Date('2026-11-25T10:00:00Z'); // 17:00 in Kon Tum
    expect(listDate('2026-11-25T01:05:00Z', now)).toBe('08:05');
    expect(listDate('2026-11-24T17:30:00Z', now)).toBe('00:30'); // still the 24th in UTC, already the 25th in Vietnam
    expect(listDate('2026-11-24T16:59:00Z', now)).toBe('24/11/2026');
    expect(listDate('2026-11-24T10:00:00Z', now)).toBe('24/11/2026');
    expect(listDate('2025-01-02T03:00:00Z', now)).toBe('02/01/2025');
  });
  it('orders special folders first, then the others in Vietnamese order', () => {
    const f = (name: string, role: string | null = null) => ({ name, path: name, role: role as never });
    const sorted = sortFolders([f('Đoàn thể'), f('Trash', 'trash'), f('Công văn'), f('INBOX', 'inbox'), f('Sent', 'sent'), f('Dự án'), f('Archive', 'archive'), f('Drafts', 'drafts'), f('Junk', 'junk')]);
    expect(sorted.map((x) => x.name)).toEqual(['INBOX', 'Drafts', 'Sent', 'Archive', 'Junk', 'Trash', 'Công văn', 'Dự án', 'Đoàn thể']);
    expect(folderDepth('INBOX/Phòng A/2026')).toBe(2);
    expect(folderDepth('Công văn')).toBe(0);
  });
  it('sizes and PDFs', () => {
    expect(fileSize(512, 'vi')).toBe('512 B');
    expect(fileSize(35 * 1024, 'en')).toBe('35 KB');
    expect(fileSize(1.25 * 1024 * 1024, 'vi')).toBe('1,3 MB');
    expect(isPdfAttachment({ name: 'QD.PDF', mime: 'application/octet-stream' })).toBe(true);
    expect(isPdfAttachment({ name: 'anh.png', mime: 'image/png' })).toBe(false);
  });
  it('wraps the sanitised HTML in a page of its own that loads nothing', () => {
    const doc = frameDocument('<p>Kính gửi đồng chí</p>');
    expect(doc).toContain('<body><p>Kính gửi đồng chí</p></body>');
    expect(doc).toContain('<meta name="referrer" content="no-referrer">');
    expect(doc).not.toMatch(/<script|<link|url\(/iu);
  });
  it('reads the outbox error in the user language', () => {
    const raw = JSON.stringify({ code: 'mail_send_rejected', message: { vi: 'Máy chủ thư từ chối gửi thư', en: 'Refused' } });
    expect(outboxErrorText(raw, 'vi')).toBe('Máy chủ thư từ chối gửi thư');
    expect(outboxErrorText(raw, 'en')).toBe('Refused');
    expect(outboxErrorText('not json', 'en')).toBe('not json');
  });
});

describe('keyset pager (mail.list)', () => {
  it('pages with the cursor, never an offset, and reloads from the top', async () => {
    const all = Array.from({ length: 1234 }, (_, i) => ({ id: i }));
    const calls: (string | null)[] = [];
    const fetchPage = async (after: string | null, limit: number) => {
      calls.push(after);
      const start = after === null ? 0 : Number(after);
      const items = all.slice(start, start + limit);
      return { items, next: start + limit < all.length ? String(start + limit) : null, total: all.length };
    };
    let state: PagerState<{ id: number }> | null = null;
    const pager = new KeysetPager(fetchPage, (s) => (state = s));
    await pager.reload();
    expect(state!.items.length).toBe(100);
    expect(pager.count).toBe(1234);
    await pager.ensure(900);
    expect(state!.items.length).toBeGreaterThanOrEqual(950);
    expect(state!.items.map((i) => i.id)).toEqual(all.slice(0, state!.items.length).map((i) => i.id));
    expect(calls).toEqual([null, '100', '600']);
    await pager.reload(300);
    expect(state!.items.length).toBe(500);
  });
});

describe('collapseList (a header with a thousand recipients)', () => {
  it('shows five, counts the rest, and everything once expanded', async () => {
    const { collapseList } = await import('../../src/renderer/features/mail/format.js');
    const list = Array.from({ length: 1000 }, (_, i) => i);
    expect(collapseList(list, false)).toEqual({ visible: [0, 1, 2, 3, 4], hidden: 995 });
    expect(collapseList(list, true)).toEqual({ visible: list, hidden: 0 });
    expect(collapseList([1, 2, 3, 4, 5], false)).toEqual({ visible: [1, 2, 3, 4, 5], hidden: 0 });
  });
});
