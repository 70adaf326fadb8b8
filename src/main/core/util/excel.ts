/**
 * exceljs for the workbooks the core writes (the dashboard's export, the document registers):
 * loaded on the first export only, since most sessions never export.
 */
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
