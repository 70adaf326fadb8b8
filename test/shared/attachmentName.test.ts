import { describe, expect, it } from 'vitest';
import { fileName } from '../../src/shared/model/primitives.js';
import { MAX_ATTACHMENT_NAME_BYTES, safeAttachmentName } from '../../src/shared/text/attachmentName.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('safeAttachmentName', () => {
  it('keeps only the last path component, whichever slash', () => {
    expect(safeAttachmentName('../../../../etc/passwd')).toBe('passwd');
    expect(safeAttachmentName('..\\..\\Windows\\System32\\evil.exe')).toBe('evil.exe');
    expect(safeAttachmentName('C:\\Users\\x\\báo cáo.pdf')).toBe('báo cáo.pdf');
    expect(safeAttachmentName('a\uff0fb\u2215c.pdf')).toBe('c.pdf');
    expect(safeAttachmentName('thư mục/', 'tep-dinh-kem-1')).toBe('tep-dinh-kem-1');
  });

  it('is NFC and keeps Vietnamese', () => {
    const nfd = 'Công văn số 12.pdf'.normalize('NFD');
    expect(safeAttachmentName(nfd)).toBe('Công văn số 12.pdf'.normalize('NFC'));
  });

  it('drops control and bidi characters, replaces what Windows refuses', () => {
    expect(safeAttachmentName('hoa\u202Egpj.exe')).toBe('hoagpj.exe');
    expect(safeAttachmentName('a\u0000b\r\nc.txt')).toBe('abc.txt');
    expect(safeAttachmentName('ai? "gì" <x>|y*:z.doc')).toBe('ai_ _gì_ _x__y__z.doc');
  });

  it('refuses reserved Windows names, leading and trailing dots and spaces', () => {
    expect(safeAttachmentName('CON')).toBe('_CON');
    expect(safeAttachmentName('nul.txt')).toBe('_nul.txt');
    expect(safeAttachmentName('LPT1.tar.gz')).toBe('_LPT1.tar.gz');
    expect(safeAttachmentName('com¹.pdf')).toBe('_com¹.pdf');
    expect(safeAttachmentName('console.pdf')).toBe('console.pdf');
    expect(safeAttachmentName('  báo cáo.pdf. . ')).toBe('báo cáo.pdf');
    expect(safeAttachmentName('.bashrc')).toBe('bashrc');
  });

  it('falls back when nothing is left', () => {
    for (const n of ['', '..', '.', '/', '\\\\', '   ', null, undefined, '\u202E']) expect(safeAttachmentName(n, 'tep-dinh-kem-1.pdf')).toBe('tep-dinh-kem-1.pdf');
    expect(safeAttachmentName('../..', '../x')).toBe('x');
  });

  it('limits the length in bytes, keeping the extension and whole characters', () => {
    const long = `${'Quyết định phê duyệt '.repeat(30)}.pdf`;
    const s = safeAttachmentName(long);
    expect(bytes(s)).toBeLessThanOrEqual(MAX_ATTACHMENT_NAME_BYTES);
    expect(s.endsWith('.pdf')).toBe(true);
    expect(s).toBe(s.normalize('NFC'));
    expect(s).not.toMatch(/\uFFFD/u);
    const emoji = `${'👨‍👩‍👧'.repeat(40)}.png`;
    const e = safeAttachmentName(emoji);
    expect(bytes(e)).toBeLessThanOrEqual(MAX_ATTACHMENT_NAME_BYTES);
    expect([...new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(e.slice(0, -4))].every((g) => g.segment === '👨‍👩‍👧')).toBe(true);
    // A "extension" of 40 characters is just part of the name.
    expect(bytes(safeAttachmentName(`a.${'x'.repeat(300)}`))).toBeLessThanOrEqual(MAX_ATTACHMENT_NAME_BYTES);
  });

  it('always gives a name the contract accepts', () => {
    for (const n of ['../../../../etc/passwd', '..\\..\\Windows\\System32\\evil.exe', 'CON', '\u0001', 'x'.repeat(1000), '..']) {
      expect(fileName.safeParse(safeAttachmentName(n)).success, n).toBe(true);
    }
  });
});
