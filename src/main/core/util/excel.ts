/**
 * exceljs for the workbooks the core writes (the dashboard's export, the document registers):
 * loaded on the first export only, since most sessions never export, and written with its
 * streaming writer: a year of an agency is tens of thousands of rows, which the in-memory
 * workbook would hold as objects, cell by cell, and then serialise in one go (seconds during
 * which the core answers nothing); committed rows go out as they are written.
 */
import { PassThrough } from 'node:stream';
import type { stream } from 'exceljs';

export type ExcelJs = typeof import('exceljs');

let excel: Promise<ExcelJs> | null = null;

export function loadExcel(): Promise<ExcelJs> {
  // exceljs is CommonJS: Node gives its exports as `default` (its types declare them as named).
  // A failed load is not remembered: the next export tries again.
  excel ??= import('exceljs').then((m) => (m as ExcelJs & { default?: ExcelJs }).default ?? m).catch((err: unknown) => {
    excel = null;
    throw err;
  });
  return excel;
}

/** dd/MM/yyyy as Excel's number format writes it. */
export const EXCEL_DATE_FORMAT = 'dd/mm/yyyy';

/** A calendar day ('YYYY-MM-DD') as the Excel date of that day (exceljs counts days from UTC midnight). */
export function excelDate(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00.000Z`);
}

/** A streaming workbook (creator iOffice, styles, inline strings) and how to finish it into bytes. */
export async function workbookWriter(): Promise<{ wb: stream.xlsx.WorkbookWriter; finish: () => Promise<Uint8Array> }> {
  const ExcelJS = await loadExcel();
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = 'iOffice';
  const finish = async (): Promise<Uint8Array> => {
    await wb.commit();
    await done;
    const bytes = Buffer.concat(chunks);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  return { wb, finish };
}
