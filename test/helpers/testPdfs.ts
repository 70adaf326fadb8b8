/**
 * Unsigned outgoing documents as the signing engine receives them: made with pdf-lib and the
 * repo's DejaVu subsets (src/node/pdfFonts.ts), laid out like a Decree 30 letter with the blanks
 * the clerk fills when issuing ("Số:      /UBND-VP", "Kon Tum, ngày      tháng      năm 2026")
 * and the signature block ending with the signer's name. Saved either with a cross-reference
 * stream and object streams (pdf-lib's default) or with a classic xref table (what Chromium's
 * print-to-PDF and LibreOffice write).
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { SubsetFont, fontFace, type FontStyle } from '../../src/node/pdfFonts.js';
import { FONT_KEYS, PageWriter } from '../../src/node/pdfPage.js';

export const PAGE_W = 595.28;
export const PAGE_H = 841.89;

export interface TestPdfOptions {
  pages?: number;
  xref?: 'stream' | 'table';
  signerName?: string;
  numberLine?: string;
  dateLine?: string;
}

const BODY =
  'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước, ' +
  'Văn phòng Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố gửi, nhận văn bản điện tử có ký số ' +
  'qua hệ thống quản lý văn bản và điều hành, bảo đảm đúng thời hạn và đúng quy định về thể thức, kỹ thuật trình bày văn bản hành chính.';

class Writer extends PageWriter {
  page(): void {
    this.endPage();
  }
  streams(): string[] {
    this.endPage();
    return this.pages.map((p) => p.join('\n'));
  }
}

function wrap(text: string, size: number, width: number): string[] {
  const face = fontFace('regular');
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && face.widthOf(next) * size > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** An unsigned letter of `pages` pages (the signature block on the last one). */
export async function makeTestPdf(o: TestPdfOptions = {}): Promise<Uint8Array> {
  const pages = o.pages ?? 1;
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const context = pdf.context;
  const styles: FontStyle[] = ['regular', 'bold', 'italic'];
  const fonts = new Map(styles.map((s) => [s, new SubsetFont(fontFace(s), context)] as const));
  const w = new Writer(fonts);
  const left = 150;
  const right = 400;
  for (let p = 0; p < pages; p++) {
    let y = PAGE_H - 70;
    if (p === 0) {
      w.centred('regular', 12, left, y, 'ỦY BAN NHÂN DÂN');
      w.centred('bold', 12, right, y, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      y -= 15;
      w.centred('bold', 12, left, y, 'TỈNH KON TUM');
      w.centred('bold', 13, right, y, 'Độc lập - Tự do - Hạnh phúc');
      y -= 24;
      w.centred('regular', 13, left, y, o.numberLine ?? 'Số:      /UBND-VP');
      w.centred('italic', 13, right, y, o.dateLine ?? 'Kon Tum, ngày      tháng      năm 2026');
      y -= 20;
      w.centred('regular', 12, left, y, 'V/v gửi, nhận văn bản điện tử');
      y -= 40;
      w.centred('regular', 13, PAGE_W / 2, y, 'Kính gửi: Các sở, ban, ngành thuộc tỉnh.');
      y -= 30;
    } else {
      w.centred('regular', 12, PAGE_W / 2, PAGE_H - 40, String(p + 1));
    }
    const paragraphs = p === pages - 1 ? 2 : 6;
    for (let i = 0; i < paragraphs; i++) {
      for (const line of wrap(`${i + 1 + p * 6}. ${BODY}`, 13, PAGE_W - 85 - 57)) {
        w.text('regular', 13, 85, y, line);
        y -= 17.5;
      }
      y -= 6;
    }
    if (p === pages - 1) {
      y -= 20;
      w.text('bold', 12, 72, y, 'Nơi nhận:');
      w.text('regular', 11, 72, y - 14, '- Như trên;');
      w.text('regular', 11, 72, y - 28, '- Lưu: VT, VP.');
      w.centred('bold', 13, right, y, 'TM. ỦY BAN NHÂN DÂN');
      w.centred('bold', 13, right, y - 16, 'CHỦ TỊCH');
      w.centred('bold', 13, right, y - 16 - 90, o.signerName ?? 'Trần Minh Quang');
    }
    if (p < pages - 1) w.page();
  }
  const streams = w.streams();
  const fontDict: Record<string, PDFRef> = {};
  for (const [style, f] of fonts) {
    f.finish();
    fontDict[FONT_KEYS[style]] = f.ref;
  }
  const resources = context.register(context.obj({ Font: fontDict, ProcSet: ['PDF', 'Text'] }));
  for (const content of streams) {
    const page = pdf.addPage([PAGE_W, PAGE_H]);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(PDFName.of('Contents'), context.register(context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' })));
  }
  return pdf.save({ useObjectStreams: (o.xref ?? 'stream') === 'stream' });
}
