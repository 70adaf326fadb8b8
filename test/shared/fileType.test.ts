/**
 * What a file is, from its bytes (shared/text/fileType.ts), and how it is offered
 * for download: the one table the server's upload, the core's files.add and both
 * hosts rely on (issue #8, decisions §22).
 */
import { describe, expect, it } from 'vitest';
import { contentDisposition, isPdfBytes, sniffMime } from '../../src/shared/text/fileType.js';
import { makePdf } from '../helpers/api.js';
import { DOCX_MIME, makeDocx, makePng, makeZip, XLSX_MIME } from '../helpers/officeFiles.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

describe('sniffMime', () => {
  it('knows the formats an office sends by their magic numbers', () => {
    expect(sniffMime(makePdf())).toBe('application/pdf');
    expect(sniffMime(makePng())).toBe('image/png');
    expect(sniffMime(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
    expect(sniffMime(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffMime(bytes('GIF87a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffMime(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    // RIFF that is not WebP (a WAV) is only bytes.
    expect(sniffMime(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ', [0, 0, 0, 0]))).toBe('application/octet-stream');
  });

  it('the bytes win over the name: a PNG called .pdf is a PNG, a PDF called .docx is a PDF', () => {
    expect(sniffMime(makePng(), 'báo cáo.pdf')).toBe('image/png');
    expect(sniffMime(makePdf(), 'báo cáo.docx')).toBe('application/pdf');
    expect(isPdfBytes(makePdf())).toBe(true);
    expect(isPdfBytes(makePng())).toBe(false);
    expect(isPdfBytes(bytes('%PDF'))).toBe(false);
  });

  it('an Office Open XML file is told by the parts in its ZIP directory, whatever its name', () => {
    expect(sniffMime(makeDocx())).toBe(DOCX_MIME);
    expect(sniffMime(makeDocx(), 'khong-duoi')).toBe(DOCX_MIME);
    expect(sniffMime(makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]))).toBe(XLSX_MIME);
    expect(sniffMime(makeZip([{ name: 'ppt/presentation.xml', data: '<p/>' }]))).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    // Any other ZIP is a ZIP, even named .docx: the directory is there and says otherwise.
    const zip = makeZip([{ name: 'ho-so/danh-sach.csv', data: 'a,b\n1,2\n' }]);
    expect(sniffMime(zip, 'hồ sơ.docx')).toBe('application/zip');
    expect(sniffMime(zip)).toBe('application/zip');
    // Only the start of a huge archive at hand (its directory unread): the name decides.
    const docx = makeDocx();
    expect(sniffMime(docx.subarray(0, 30), 'kế hoạch.docx', docx.subarray(0, 30))).toBe(DOCX_MIME);
    expect(sniffMime(docx.subarray(0, 30), 'bảng.xlsx', docx.subarray(0, 30))).toBe(XLSX_MIME);
    expect(sniffMime(docx.subarray(0, 30), 'gói.zip', docx.subarray(0, 30))).toBe('application/zip');
    // The head and the tail of a file, as the core reads them, find the directory at the end.
    expect(sniffMime(docx.subarray(0, 64), 'x', docx.subarray(docx.length - 300))).toBe(DOCX_MIME);
  });

  it('a legacy Office compound file is told by its name', () => {
    const ole = bytes(OLE2, [0, 0, 0, 0]);
    expect(sniffMime(ole, 'Tờ trình.DOC')).toBe('application/msword');
    expect(sniffMime(ole, 'Bảng lương.xls')).toBe('application/vnd.ms-excel');
    expect(sniffMime(ole, 'Báo cáo.ppt')).toBe('application/vnd.ms-powerpoint');
    expect(sniffMime(ole, 'thu.msg')).toBe('application/x-ole-storage');
  });

  it('text is plain text, never a page: HTML and SVG are served as text/plain', () => {
    expect(sniffMime(new TextEncoder().encode('Ghi chú cuộc họp giao ban\r\n\tNgày 02/12/2026\n'))).toBe('text/plain');
    expect(sniffMime(new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'trang.html')).toBe('text/plain');
    expect(sniffMime(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'hinh.svg')).toBe('text/plain');
    expect(sniffMime(bytes([0xef, 0xbb, 0xbf], 'a,b\n'))).toBe('text/plain');
    expect(sniffMime(bytes([0xff, 0xfe], [0x41, 0]))).toBe('text/plain');
    // A Vietnamese letter cut at the end of the sample is still text.
    const long = new TextEncoder().encode('ệ'.repeat(5000));
    expect(sniffMime(long)).toBe('text/plain');
  });

  it('anything else is application/octet-stream: control characters, invalid UTF-8, nothing at all', () => {
    expect(sniffMime(bytes('MZ', [0x90, 0, 3, 0, 0, 0]), 'setup.exe')).toBe('application/octet-stream');
    expect(sniffMime(bytes('abc', [0], 'def'))).toBe('application/octet-stream');
    expect(sniffMime(bytes([0xc3, 0x28, 0x41]))).toBe('application/octet-stream');
    expect(sniffMime(new Uint8Array(0), 'a.pdf')).toBe('application/octet-stream');
  });
});

describe('contentDisposition', () => {
  it('inline only for what the app shows itself (PDF and raster images), else a download', () => {
    for (const t of ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']) expect(contentDisposition(t), t).toBe('inline');
    for (const t of [DOCX_MIME, 'text/plain', 'text/html', 'image/svg+xml', 'application/octet-stream', 'application/zip']) expect(contentDisposition(t), t).toBe('attachment');
  });

  it('with the name as RFC 6266 wants it: an ASCII filename and the UTF-8 filename*', () => {
    expect(contentDisposition(DOCX_MIME, 'Kế hoạch "đợt 2" 100%.docx')).toBe(
      `attachment; filename="Ke hoach _dot 2_ 100_.docx"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%22%C4%91%E1%BB%A3t%202%22%20100%25.docx`,
    );
    expect(contentDisposition('application/pdf', 'Công văn.pdf')).toBe(`inline; filename="Cong van.pdf"; filename*=UTF-8''C%C3%B4ng%20v%C4%83n.pdf`);
    expect(contentDisposition('text/plain', '  ')).toBe('attachment');
  });
});
