import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { demoIncomingDocuments } from '../../src/server/seed/content/documents.js';
import { demoOrganisation } from '../../src/server/seed/content/organisation.js';
import { renderIncomingPdf, renderMultiPagePdf, signatureLines, type IncomingPdfInput } from '../../src/server/seed/content/pdf.js';

const collapse = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** The text of every page, NFC, items joined (a space at line ends), whitespace collapsed. */
async function extract(bytes: Uint8Array): Promise<{ pages: number; text: string[] }> {
  // pdf.js takes ownership of the buffer; give it a copy.
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true }).promise;
  const text: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    let s = '';
    for (const item of content.items) if ('str' in item) s += item.str + (item.hasEOL ? ' ' : '');
    text.push(collapse(s));
  }
  await pdf.destroy();
  return { pages: text.length, text };
}

const sample: IncomingPdfInput = {
  issuer: 'Bộ Nội vụ',
  codeNumber: '15',
  codeNotation: 'QĐ-BNV',
  issuedDate: '2025-03-05',
  documentType: 'Quyết định',
  subject:
    'Về việc công bố thủ tục hành chính mới ban hành, được sửa đổi, bổ sung trong lĩnh vực công chức, viên chức thuộc phạm vi chức năng quản lý của Bộ Nội vụ',
  signerName: 'Trương Hải Long',
  signerPosition: 'KT. Bộ trưởng, Thứ trưởng',
  urgency: 'urgent',
};

describe('incoming PDF', () => {
  it('renders a Decree 30 page whose text reads back exactly', async () => {
    const bytes = await renderIncomingPdf(sample);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const { pages, text } = await extract(bytes);
    expect(pages).toBe(1);
    const page = text[0] as string;
    expect(page).toContain(collapse(sample.subject));
    expect(page).toContain('Số: 15/QĐ-BNV');
    expect(page).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(page).toContain('Độc lập - Tự do - Hạnh phúc');
    // Decree 30: only January and February take a leading zero in the month.
    expect(page).toContain('Hà Nội, ngày 05 tháng 3 năm 2025');
    expect(page).not.toContain('tháng 03');
    expect(page).toContain('QUYẾT ĐỊNH');
    expect(page).toContain('KT. BỘ TRƯỞNG THỨ TRƯỞNG');
    expect(page).toContain('Trương Hải Long');
    expect(page).toContain('Nơi nhận:');
    expect(page).toContain('KHẨN');
  });

  it('puts a letter’s subject under its number, with the place of the issuer', async () => {
    const input: IncomingPdfInput = {
      issuer: 'Sở Tài chính tỉnh Kon Tum',
      issuerParent: 'UBND tỉnh Kon Tum',
      issuerHeader: 'Sở Tài chính',
      codeNumber: '205',
      codeNotation: 'STC-NS',
      issuedDate: '2026-01-05',
      documentType: 'Công văn',
      subject: 'V/v đôn đốc thực hiện giải ngân kế hoạch vốn đầu tư công năm 2025 trên địa bàn tỉnh',
      signerName: 'Đỗ Thị Hồng Nhung',
      signerPosition: 'KT. Giám đốc, Phó Giám đốc',
      place: 'Kon Tum',
      confidentiality: 'confidential',
    };
    const { text } = await extract(await renderIncomingPdf(input));
    const page = text[0] as string;
    expect(page).toContain(collapse(input.subject));
    expect(page).toContain('Số: 205/STC-NS');
    expect(page).toContain('Kon Tum, ngày 05 tháng 01 năm 2026');
    expect(page).toContain('Kính gửi: Ủy ban nhân dân tỉnh Kon Tum.');
    expect(page).toContain('UBND TỈNH KON TUM');
    expect(page).toContain('SỞ TÀI CHÍNH');
    expect(page).toContain('MẬT');
    expect(page).toContain('Lưu: VT, NS.');
  });

  it('is deterministic, and renders decomposed (NFD) input as NFC', async () => {
    const a = await renderIncomingPdf(sample);
    const b = await renderIncomingPdf(sample);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const nfd = await renderIncomingPdf({ ...sample, subject: sample.subject.normalize('NFD'), signerName: sample.signerName.normalize('NFD') });
    expect(Buffer.from(nfd).equals(Buffer.from(a))).toBe(true);
  });

  it('renders demo documents with their subject, number/symbol and page count', async () => {
    const org = demoOrganisation();
    const docs = [...demoIncomingDocuments(org, { count: 300, endDate: new Date('2026-03-16T10:00:00+07:00'), years: 2 })];
    // A spread of types, with diacritic-heavy subjects and several page counts.
    const picked = new Map<string, (typeof docs)[number]>();
    for (const d of docs) {
      const k = `${d.metadata.documentType}/${Math.min(d.metadata.pageCount ?? 1, 3)}`;
      if (!picked.has(k)) picked.set(k, d);
    }
    expect(picked.size).toBeGreaterThan(10);
    for (const d of picked.values()) {
      const bytes = await renderIncomingPdf(d.pdf);
      const { pages, text } = await extract(bytes);
      expect(pages, d.fileName).toBe(d.metadata.pageCount);
      const first = text[0] as string;
      expect(first, d.fileName).toContain(collapse(d.metadata.subject));
      expect(first).toContain(`${d.metadata.codeNumber}/${d.metadata.codeNotation}`);
      expect(first).toContain(d.metadata.signerName);
      expect(bytes.length).toBeLessThan(80_000);
    }
  });

  it('makes multi-page documents for benchmarks', async () => {
    for (const n of [1, 2, 5, 12]) {
      const { pages, text } = await extract(await renderMultiPagePdf(n));
      expect(pages).toBe(n);
      if (n > 1) {
        expect(text[1]).toContain('PHỤ LỤC');
        expect(text[n - 1]?.startsWith(String(n))).toBe(true);
      }
    }
  });

  it('embeds only the glyphs it uses, so thousands of documents stay small', async () => {
    // The full DejaVu fonts are ~700 KB each; a subset keeps a one-page letter small.
    const bytes = await renderIncomingPdf(sample);
    expect(bytes.length).toBeLessThan(60 * 1024);
  });

  it('splits signer positions into the printed lines', () => {
    expect(signatureLines('Bộ trưởng')).toEqual(['Bộ trưởng']);
    expect(signatureLines('Bộ trưởng, Chủ nhiệm')).toEqual(['Bộ trưởng, Chủ nhiệm']);
    expect(signatureLines('KT. Bộ trưởng, Thứ trưởng')).toEqual(['KT. Bộ trưởng', 'Thứ trưởng']);
    expect(signatureLines('KT. Bộ trưởng, Chủ nhiệm, Phó Chủ nhiệm')).toEqual(['KT. Bộ trưởng, Chủ nhiệm', 'Phó Chủ nhiệm']);
    expect(signatureLines('TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch')).toEqual(['TM. Ủy ban nhân dân', 'KT. Chủ tịch', 'Phó Chủ tịch']);
  });
});
