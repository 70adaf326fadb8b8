/**
 * The dashboard as an XLSX workbook ("dashboard.export"), in Vietnamese: the summary, by
 * unit, by person, by month, and the list of the records counted. Dates are real dates
 * shown dd/MM/yyyy, rates real numbers shown as percentages, so a leader can sort and
 * sum them in Excel.
 *
 * exceljs is loaded on the first export only (most sessions never export), and written
 * with its streaming writer: a year of an agency is 200,000 rows in "Danh sách", which
 * the in-memory workbook would hold as objects, cell by cell, until the end.
 */
import type { stream, Worksheet } from 'exceljs';
import { BUCKET_LABELS, type DashboardKindName } from '../../../shared/dashboard/buckets.js';
import type { Counts, DashboardResult } from '../../../shared/dashboard/rpc.js';
import { unitName, userName, type OrgView } from '../../../shared/domain/org.js';
import { formatDateVi } from '../../../shared/index.js';
import type { Db } from '../db/open.js';
import { EXCEL_DATE_FORMAT, excelDate, workbookWriter } from '../util/excel.js';
import { dashboard, drill, type DashboardQuery } from './query.js';

export const KIND_LABELS: Readonly<Record<DashboardKindName, string>> = { tasks: 'Công việc', incoming: 'Văn bản đến' };

const COUNT_HEADERS = ['Tổng số', BUCKET_LABELS.onTime.vi, BUCKET_LABELS.late.vi, BUCKET_LABELS.overdue.vi, BUCKET_LABELS.notDue.vi, 'Tỷ lệ đúng hạn'];
const PERCENT_FORMAT = '0.0%';
const PAGE = 500;

function countCells(c: Counts): (number | null)[] {
  return [c.total, c.onTime, c.late, c.overdue, c.notDue, c.onTimeRate];
}

/** A sheet of one table: the header row in bold and kept in view when scrolling, the columns' widths and number formats. */
function table(wb: stream.xlsx.WorkbookWriter, name: string, headers: string[], widths: number[], formats: Record<number, string> = {}): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 14, ...(formats[i] ? { style: { numFmt: formats[i] } } : {}) }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

function countFormats(first: number): Record<number, string> {
  return { [first + 5]: PERCENT_FORMAT };
}

export function exportFileName(q: Pick<DashboardQuery, 'from' | 'to'>): string {
  return `tinh-hinh-thuc-hien_${q.from}_${q.to}.xlsx`;
}

/** The workbook of the dashboard for `q`, as bytes. */
export async function exportDashboard(db: Db, q: DashboardQuery, org: OrgView | null, today: string): Promise<{ name: string; bytes: Uint8Array }> {
  const figures: DashboardResult = dashboard(db, q, org, today);
  const { wb, finish } = await workbookWriter();
  wb.created = new Date(`${today}T00:00:00.000Z`);

  // Tổng hợp: what was asked, then one row per kind and the total.
  const summary = wb.addWorksheet('Tổng hợp');
  summary.columns = [{ width: 34 }, ...COUNT_HEADERS.map((_, i) => ({ width: 16, ...(i === 5 ? { style: { numFmt: PERCENT_FORMAT } } : {}) }))];
  summary.addRow(['TÌNH HÌNH THỰC HIỆN NHIỆM VỤ']).font = { bold: true, size: 14 };
  summary.addRow(['Kỳ báo cáo', `Từ ${formatDateVi(q.from)} đến ${formatDateVi(q.to)}`]);
  summary.addRow(['Đơn vị', q.unitId === null ? 'Toàn cơ quan' : unitName(org, q.unitId) || q.unitId]);
  summary.addRow(['Ngày lập', excelDate(today)]).getCell(2).numFmt = EXCEL_DATE_FORMAT;
  summary.addRow([]);
  summary.addRow(['Loại', ...COUNT_HEADERS]).font = { bold: true };
  for (const k of figures.byKind) summary.addRow([KIND_LABELS[k.kind], ...countCells(k)]);
  summary.addRow(['Tổng cộng', ...countCells(figures.totals)]).font = { bold: true };
  summary.addRow([]);
  summary.addRow(['Tỷ lệ đúng hạn = Đúng hạn / (Đúng hạn + Trễ hạn). Hồ sơ được tính vào kỳ có hạn xử lý; "quá hạn" tính đến ngày lập.']).font = { italic: true };
  summary.commit();

  const byUnit = table(wb, 'Theo đơn vị', ['Đơn vị', ...COUNT_HEADERS], [40], countFormats(1));
  for (const u of figures.byUnit) byUnit.addRow([u.unitId === null ? '(Chưa xác định đơn vị)' : unitName(org, u.unitId) || u.unitId, ...countCells(u)]).commit();
  byUnit.commit();

  const byPerson = table(wb, 'Theo cá nhân', ['Họ và tên', 'Đơn vị', ...COUNT_HEADERS], [30, 34], countFormats(2));
  for (const p of figures.byPerson) {
    const name = p.userId === null ? '(Chưa giao cho cá nhân)' : userName(org, p.userId) || p.userId;
    byPerson.addRow([name, p.unitId === null ? '' : unitName(org, p.unitId), ...countCells(p)]).commit();
  }
  byPerson.commit();

  const byMonth = table(wb, 'Theo tháng', ['Tháng', ...COUNT_HEADERS], [12], countFormats(1));
  for (const m of figures.trend) byMonth.addRow([`${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`, ...countCells(m)]).commit();
  byMonth.commit();

  // Danh sách: every record counted, in deadline order, a page of the drill-down at a time.
  const list = table(wb, 'Danh sách', ['STT', 'Loại', 'Trích yếu / Tên công việc', 'Hạn xử lý', 'Ngày hoàn thành', 'Đơn vị xử lý', 'Người xử lý', 'Tình trạng'], [7, 14, 60, 13, 16, 34, 28, 22], {
    3: EXCEL_DATE_FORMAT,
    4: EXCEL_DATE_FORMAT,
  });
  let n = 0;
  for (let after: string | null = null; ; ) {
    const page = drill(db, { ...q, userId: null, month: null, bucket: null, after, limit: PAGE }, org, today);
    for (const r of page.items) {
      n += 1;
      list
        .addRow([
          n,
          KIND_LABELS[r.kind],
          r.title,
          excelDate(r.deadline),
          r.doneOn === null ? null : excelDate(r.doneOn),
          r.unitId === null ? '' : unitName(org, r.unitId),
          r.userId === null ? '' : userName(org, r.userId),
          BUCKET_LABELS[r.bucket].vi,
        ])
        .commit();
    }
    if (page.next === null) break;
    after = page.next;
    // A year of an agency takes seconds to write: let the core answer other calls (and sync) between pages.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  list.commit();

  return { name: exportFileName(q), bytes: await finish() };
}
