/**
 * An incremental update (ISO 32000-1 §7.5.6): the original bytes unchanged, followed by the
 * new and changed objects, a cross-reference section for them and a trailer whose /Prev
 * points at the previous section. Every signature is written this way, so each earlier
 * signature keeps covering exactly the bytes it signed.
 *
 * The new section has the previous one's kind: a classic table after a table, a
 * cross-reference stream after a stream (a reader that found a stream before will find one again).
 */
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import type { PdfFile } from './pdfFile.js';

export interface WrittenObject {
  number: number;
  /** Where the object's "N G obj" starts and its "endobj" ends, in the output. */
  start: number;
  end: number;
}

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');

export class IncrementalUpdate {
  private readonly changed = new Map<string, PDFRef>();
  /** Object numbers from here on are new in this revision. */
  readonly firstNew: number;

  constructor(readonly file: PdfFile) {
    this.firstNew = Math.max(file.size, file.context.largestObjectNumber + 1);
    file.context.largestObjectNumber = this.firstNew - 1;
  }

  get context(): PdfFile['context'] {
    return this.file.context;
  }

  /** A new object of this revision. */
  add(obj: PDFObject): PDFRef {
    return this.context.register(obj);
  }

  /** An existing object, replaced in this revision. */
  replace(ref: PDFRef, obj: PDFObject): void {
    this.context.assign(ref, obj);
    this.changed.set(ref.tag, ref);
  }

  /** The bytes of the updated file, and where each written object lies in them. */
  write(): { bytes: Uint8Array; objects: WrittenObject[] } {
    const { file, context } = this;
    const refs: PDFRef[] = [...this.changed.values()];
    for (const [ref] of context.enumerateIndirectObjects()) if (ref.objectNumber >= this.firstNew) refs.push(ref);
    refs.sort((a, b) => a.objectNumber - b.objectNumber);

    const chunks: Uint8Array[] = [file.bytes];
    let at = file.bytes.length;
    const last = file.bytes[file.bytes.length - 1];
    if (last !== 0x0a && last !== 0x0d) {
      chunks.push(ascii('\n'));
      at += 1;
    }
    const objects: WrittenObject[] = [];
    const entries: { number: number; generation: number; offset: number }[] = [];
    const push = (b: Uint8Array): void => {
      chunks.push(b);
      at += b.length;
    };
    for (const ref of refs) {
      const obj = context.lookup(ref);
      if (!obj) continue;
      const start = at;
      push(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
      const body = new Uint8Array(obj.sizeInBytes());
      obj.copyBytesInto(body, 0);
      push(body);
      push(ascii('\nendobj\n'));
      objects.push({ number: ref.objectNumber, start, end: at });
      entries.push({ number: ref.objectNumber, generation: ref.generationNumber, offset: start });
    }

    const maxNumber = Math.max(this.firstNew - 1, ...entries.map((e) => e.number));
    const trailer = new Map<string, PDFObject>();
    trailer.set('Root', file.catalogRef);
    if (file.info) trailer.set('Info', file.info);
    if (file.id) trailer.set('ID', file.id);
    trailer.set('Prev', PDFNumber.of(file.lastXref.offset));

    const xrefOffset = at;
    if (file.lastXref.stream) {
      const xrefNumber = maxNumber + 1;
      entries.push({ number: xrefNumber, generation: 0, offset: xrefOffset });
      const size = xrefNumber + 1;
      // W [1 4 2]: type, offset, generation.
      const rows = Buffer.alloc(entries.length * 7);
      const index: number[] = [];
      entries.forEach((e, i) => {
        rows.writeUInt8(1, i * 7);
        rows.writeUInt32BE(e.offset, i * 7 + 1);
        rows.writeUInt16BE(e.generation, i * 7 + 5);
        const prev = index.length >= 2 ? index[index.length - 2]! + index[index.length - 1]! : -1;
        if (prev === e.number) index[index.length - 1] = index[index.length - 1]! + 1;
        else index.push(e.number, 1);
      });
      const data = deflateSync(rows);
      const dict = context.obj({
        Type: 'XRef',
        Size: size,
        W: [1, 4, 2],
        Index: index,
        Filter: 'FlateDecode',
        Length: data.length,
      });
      for (const [k, v] of trailer) dict.set(PDFName.of(k), v);
      const dictBytes = new Uint8Array(dict.sizeInBytes());
      dict.copyBytesInto(dictBytes, 0);
      push(ascii(`${xrefNumber} 0 obj\n`));
      push(dictBytes);
      push(ascii('\nstream\n'));
      push(data);
      push(ascii('\nendstream\nendobj\n'));
    } else {
      const size = maxNumber + 1;
      let table = 'xref\n';
      for (let i = 0; i < entries.length; ) {
        let j = i;
        while (j + 1 < entries.length && entries[j + 1]!.number === entries[j]!.number + 1) j++;
        table += `${entries[i]!.number} ${j - i + 1}\n`;
        for (let k = i; k <= j; k++) table += `${String(entries[k]!.offset).padStart(10, '0')} ${String(entries[k]!.generation).padStart(5, '0')} n\r\n`;
        i = j + 1;
      }
      const dict = PDFDict.withContext(context);
      dict.set(PDFName.of('Size'), PDFNumber.of(size));
      for (const [k, v] of trailer) dict.set(PDFName.of(k), v);
      push(ascii(`${table}trailer\n${dict.toString()}\n`));
    }
    push(ascii(`startxref\n${xrefOffset}\n%%EOF\n`));
    return { bytes: Buffer.concat(chunks), objects };
  }
}

/** A copy of an array with `items` appended. */
export function appended(context: PdfFile['context'], array: PDFArray | undefined, items: PDFObject[]): PDFArray {
  const out = PDFArray.withContext(context);
  for (const v of array?.asArray() ?? []) out.push(v);
  for (const v of items) out.push(v);
  return out;
}
