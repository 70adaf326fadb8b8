/**
 * The leaders' dashboard from the local cache (src/main/core/dashboard): known tasks and
 * incoming documents (made by the shared rules) → exact figures: on time, late, overdue,
 * not yet due; by kind, by unit with its sub-units, by person, by month; the records behind
 * each number; the query plan it relies on for speed; and the XLSX export read back.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMutation, createIncoming, MUTATION_ARGS, type IncomingDocument, type MutationName } from '../../src/shared/index.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import type { Counts } from '../../src/shared/dashboard/rpc.js';
import { DASHBOARD_BUCKETS } from '../../src/shared/dashboard/buckets.js';
import type { Db } from '../../src/main/core/db/open.js';
import { incomingDeadlineColumns } from '../../src/main/core/incoming/deadlineColumns.js';
import { dashboard, drill, groupSql, monthsOf, type DashboardQuery, type DrillQuery } from '../../src/main/core/dashboard/query.js';
import { exportDashboard } from '../../src/main/core/dashboard/export.js';
import { TaskStore } from '../../src/main/core/tasks/store.js';
import { openTaskCache } from '../helpers/taskCache.js';
import { agencyWeek, at, nextId, ORG, P, TEAM } from '../helpers/taskWorld.js';
import { UNITS } from '../helpers/fixtures.js';

const TODAY = '2025-03-12';
const vanthu = ORG.users.find((u) => u.username === 'vanthu')!;

/** An incoming document through the shared rules: registered, then each action at its day. */
function incoming(subject: string, registered: string, dueDate: string | null, actions: [UserSummary, MutationName, Record<string, unknown>, string][] = []): IncomingDocument {
  const documentId = nextId();
  let doc = createIncoming(
    {
      documentId,
      files: [],
      metadata: {
        issuer: 'Sở Tài chính tỉnh Kon Tum',
        codeNumber: String(100 + Number(documentId.slice(-4))),
        codeNotation: 'STC-NS',
        issuedDate: registered,
        documentType: 'Công văn',
        subject,
        signerName: '',
        signerPosition: '',
        urgency: 'normal',
        confidentiality: 'normal',
        dueDate,
        pageCount: null,
        description: '',
      },
    },
    { actor: vanthu, org: ORG, now: at(registered) },
    { number: 1, year: 2025 },
    [],
  );
  for (const [actor, name, input, day] of actions) {
    const args = MUTATION_ARGS[name].parse({ documentId, ...input });
    doc = applyMutation(doc, { name, args } as Parameters<typeof applyMutation>[1], { actor, org: ORG, now: at(day) });
  }
  return doc;
}

/** A document row as incoming's store writes it, with the dashboard's columns (incomingDeadlineColumns). */
function putDocument(db: Db, doc: IncomingDocument): void {
  db.prepare(
    `INSERT INTO documents (id, arrival_year, arrival_number, arrival_date, issuer, code_number, code_notation, issued_date, document_type, subject,
       urgency, confidentiality, status, my_role, deadline, unread, dup_key, version, doc_json, main_unit_id, main_user_id, main_deadline, done_on)
     VALUES (@id, @arrival_year, @arrival_number, @arrival_date, @issuer, @code_number, @code_notation, @issued_date, @document_type, @subject,
       @urgency, @confidentiality, @status, NULL, NULL, 1, @id, @version, @doc_json, @main_unit_id, @main_user_id, @main_deadline, @done_on)`,
  ).run({
    id: doc.id,
    arrival_year: doc.arrivalYear,
    arrival_number: doc.arrivalNumber,
    arrival_date: doc.arrivalDate,
    issuer: doc.issuer,
    code_number: doc.codeNumber,
    code_notation: doc.codeNotation,
    issued_date: doc.issuedDate,
    document_type: doc.documentType,
    subject: doc.subject,
    urgency: doc.urgency,
    confidentiality: doc.confidentiality,
    status: doc.status,
    version: doc.version,
    doc_json: JSON.stringify(doc),
    ...incomingDeadlineColumns(doc, ORG),
  });
}

const assign = (a: { unitId?: string; userId?: string; deadline: string }) => ({
  instruction: 'Đề nghị xử lý',
  assignments: [{ id: nextId(), role: 'main', unitId: a.unitId ?? null, userId: a.userId ?? null, deadline: a.deadline }],
});

/**
 * The agency's records with a deadline between 01/01 and 30/04/2025, seen on 12/03/2025:
 *   tasks (agencyWeek)  T1 Kinh tế / cv.kinhte1   due 10/03 open        → overdue
 *                       T2 Tổ Tổng hợp / cv.tonghop 14/03 open         → not due
 *                       T3 Nội chính / cv.noichinh  07/03 done 06/03   → on time
 *                       T4 Nội chính / (nobody)     05/03 done 10/03   → late
 *                       T5 Kinh tế / cv.kinhte1     15/04 returned     → not due
 *                       T6 Kinh tế / cv.kinhte2     09/03 open         → overdue
 *   documents           D1 Kinh tế / cv.kinhte2     20/02 done 18/02   → on time
 *                       D2 Nội chính / cv.noichinh  25/02 done 27/02   → late
 *                       D3 (nobody) due date        11/03 open         → overdue
 *                       D4 Tổ Tổng hợp / cv.tonghop 02/04 open         → not due
 *   not counted         D5 no deadline; D6 due 10/05 (after the period)
 */
function agency() {
  const s = agencyWeek();
  const db = openTaskCache();
  const store = new TaskStore(db, () => ORG);
  for (const t of s.w.visibleTo(P.chutich)) store.put(t, P.chutich);
  const d1Main = nextId();
  const D1 = incoming('Về việc quyết toán kinh phí năm 2024', '2025-02-03', null, [
    [P.chutich, 'incoming.assign', { instruction: 'Phòng Kinh tế xử lý', assignments: [{ id: d1Main, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: '2025-02-20' }] }, '2025-02-03'],
    [P.tpKinhte, 'incoming.reassign', { parentAssignmentId: d1Main, assignments: [{ id: nextId(), role: 'main', userId: P.cv2.id, deadline: null }] }, '2025-02-04'],
    [P.cv2, 'incoming.complete', { note: 'Đã quyết toán' }, '2025-02-18'],
  ]);
  const D2 = incoming('Về việc tuyển dụng công chức', '2025-02-05', null, [
    [P.chutich, 'incoming.assign', assign({ userId: P.cvNoichinh.id, deadline: '2025-02-25' }), '2025-02-05'],
    [P.cvNoichinh, 'incoming.complete', { note: 'Đã trả lời' }, '2025-02-27'],
  ]);
  const D3 = incoming('Về việc báo cáo số liệu thống kê', '2025-03-03', '2025-03-11');
  const D4 = incoming('Về việc kiểm tra giá đất', '2025-03-10', null, [[P.chutich, 'incoming.assign', assign({ userId: P.tonghop.id, deadline: '2025-04-02' }), '2025-03-10']]);
  const D5 = incoming('Về việc mời họp', '2025-03-10', null);
  const D6 = incoming('Về việc quy hoạch', '2025-03-10', null, [[P.chutich, 'incoming.assign', assign({ unitId: UNITS.internal.id, deadline: '2025-05-10' }), '2025-03-10']]);
  for (const d of [D1, D2, D3, D4, D5, D6]) putDocument(db, d);
  return { db, ...s, D1: D1.id, D2: D2.id, D3: D3.id, D4: D4.id, D5: D5.id, D6: D6.id };
}

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
function world() {
  const a = agency();
  opened.push(a.db);
  return a;
}

const PERIOD: DashboardQuery = { from: '2025-01-01', to: '2025-04-30', unitId: null, kinds: ['tasks', 'incoming'] };
const drillAll = (q: Partial<DrillQuery>): DrillQuery => ({ ...PERIOD, userId: null, month: null, bucket: null, after: null, limit: 100, ...q });
const counts = (total: number, onTime: number, late: number, overdue: number, notDue: number): Counts => ({
  total,
  onTime,
  late,
  overdue,
  notDue,
  onTimeRate: onTime + late === 0 ? null : onTime / (onTime + late),
});
const strip = <T extends Counts>(c: T): Counts => ({ total: c.total, onTime: c.onTime, late: c.late, overdue: c.overdue, notDue: c.notDue, onTimeRate: c.onTimeRate });

describe('the dashboard figures', () => {
  it('the incoming documents\' facts: the main assignment\'s deadline (or the due date), its unit and person, the day it was done', () => {
    const a = world();
    const row = (id: string) => a.db.prepare('SELECT main_unit_id, main_user_id, main_deadline, done_on FROM documents WHERE id = ?').get(id);
    expect(row(a.D1)).toEqual({ main_unit_id: UNITS.economy.id, main_user_id: P.cv2.id, main_deadline: '2025-02-20', done_on: '2025-02-18' });
    expect(row(a.D2)).toEqual({ main_unit_id: UNITS.internal.id, main_user_id: P.cvNoichinh.id, main_deadline: '2025-02-25', done_on: '2025-02-27' });
    expect(row(a.D3)).toEqual({ main_unit_id: null, main_user_id: null, main_deadline: '2025-03-11', done_on: null });
    expect(row(a.D5)).toEqual({ main_unit_id: null, main_user_id: null, main_deadline: null, done_on: null });
  });

  it('totals and by kind: on time, late, overdue, not yet due, and the on-time rate', () => {
    const a = world();
    const r = dashboard(a.db, PERIOD, ORG, TODAY);
    expect(r.today).toBe(TODAY);
    expect(r.totals).toEqual(counts(10, 2, 2, 3, 3));
    expect(r.totals.onTimeRate).toBe(0.5);
    expect(r.byKind).toEqual([
      { kind: 'tasks', ...counts(6, 1, 1, 2, 2) },
      { kind: 'incoming', ...counts(4, 1, 1, 1, 1) },
    ]);
    expect(dashboard(a.db, { ...PERIOD, kinds: ['incoming'] }, ORG, TODAY).totals).toEqual(counts(4, 1, 1, 1, 1));
    // "Overdue" is relative to the day: on 15/03, T2 (due 14/03) is overdue too.
    expect(dashboard(a.db, PERIOD, ORG, '2025-03-15').totals).toEqual(counts(10, 2, 2, 4, 2));
    // Due today is not overdue yet: on 11/03, D3 (due 11/03) is still within its deadline.
    expect(dashboard(a.db, PERIOD, ORG, '2025-03-11').totals).toEqual(counts(10, 2, 2, 2, 4));
  });

  it('by unit: the agency\'s departments with their sub-units; a department by its own records and its teams', () => {
    const a = world();
    const whole = dashboard(a.db, PERIOD, ORG, TODAY);
    expect(whole.byUnit).toEqual([
      { unitId: UNITS.economy.id, ...counts(6, 1, 0, 2, 3) },
      { unitId: UNITS.internal.id, ...counts(3, 1, 2, 0, 0) },
      { unitId: null, ...counts(1, 0, 0, 1, 0) },
    ]);
    const economy = dashboard(a.db, { ...PERIOD, unitId: UNITS.economy.id }, ORG, TODAY);
    expect(economy.totals).toEqual(counts(6, 1, 0, 2, 3));
    expect(economy.byUnit).toEqual([
      { unitId: UNITS.economy.id, ...counts(4, 1, 0, 2, 1) },
      { unitId: TEAM.id, ...counts(2, 0, 0, 0, 2) },
    ]);
    expect(dashboard(a.db, { ...PERIOD, unitId: TEAM.id }, ORG, TODAY).totals).toEqual(counts(2, 0, 0, 0, 2));
  });

  it('by person, with their unit; what a unit holds with nobody handed it, under the unit', () => {
    const a = world();
    const byPerson = new Map(dashboard(a.db, PERIOD, ORG, TODAY).byPerson.map((p) => [`${p.userId}|${p.unitId}`, strip(p)]));
    expect(Object.fromEntries(byPerson)).toEqual({
      [`${P.cv1.id}|${UNITS.economy.id}`]: counts(2, 0, 0, 1, 1),
      [`${P.cv2.id}|${UNITS.economy.id}`]: counts(2, 1, 0, 1, 0),
      [`${P.tonghop.id}|${TEAM.id}`]: counts(2, 0, 0, 0, 2),
      [`${P.cvNoichinh.id}|${UNITS.internal.id}`]: counts(2, 1, 1, 0, 0),
      [`null|${UNITS.internal.id}`]: counts(1, 0, 1, 0, 0),
      ['null|null']: counts(1, 0, 0, 1, 0),
    });
  });

  it('the trend has every month of the period, empty ones included', () => {
    const a = world();
    expect(dashboard(a.db, PERIOD, ORG, TODAY).trend).toEqual([
      { month: '2025-01', ...counts(0, 0, 0, 0, 0) },
      { month: '2025-02', ...counts(2, 1, 1, 0, 0) },
      { month: '2025-03', ...counts(6, 1, 1, 3, 1) },
      { month: '2025-04', ...counts(2, 0, 0, 0, 2) },
    ]);
    expect(monthsOf('2024-11-15', '2025-02-01')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
});

describe('drill-down', () => {
  it('lists the records behind each number, in deadline order', () => {
    const a = world();
    const list = (q: Partial<DrillQuery>) => drill(a.db, drillAll(q), ORG, TODAY);
    expect(list({ bucket: 'overdue' }).items.map((i) => [i.kind, i.id, i.deadline])).toEqual([
      ['tasks', a.T6, '2025-03-09'],
      ['tasks', a.T1, '2025-03-10'],
      ['incoming', a.D3, '2025-03-11'],
    ]);
    expect(list({ bucket: 'late' }).items.map((i) => [i.id, i.doneOn, i.bucket])).toEqual([
      [a.D2, '2025-02-27', 'late'],
      [a.T4, '2025-03-10', 'late'],
    ]);
    expect(list({ month: '2025-02' }).items.map((i) => i.id)).toEqual([a.D1, a.D2]);
    expect(list({ userId: P.cv1.id }).items.map((i) => i.id)).toEqual([a.T1, a.T5]);
    expect(list({ unitId: UNITS.economy.id, bucket: 'notDue' }).items.map((i) => i.id)).toEqual([a.T2, a.D4, a.T5]);
    expect(list({ kinds: ['incoming'] }).items.find((i) => i.id === a.D1)).toEqual({
      kind: 'incoming',
      id: a.D1,
      title: 'Về việc quyết toán kinh phí năm 2024',
      deadline: '2025-02-20',
      doneOn: '2025-02-18',
      unitId: UNITS.economy.id,
      userId: P.cv2.id,
      bucket: 'onTime',
    });
  });

  it('each cell\'s list has as many records as the cell says (by unit, person, month, kind and bucket)', () => {
    const a = world();
    const r = dashboard(a.db, PERIOD, ORG, TODAY);
    const cells: [Partial<DrillQuery>, Counts][] = [
      [{}, r.totals],
      ...r.byKind.map((k): [Partial<DrillQuery>, Counts] => [{ kinds: [k.kind] }, k]),
      ...r.byUnit.filter((u) => u.unitId !== null).map((u): [Partial<DrillQuery>, Counts] => [{ unitId: u.unitId }, u]),
      ...r.byPerson.filter((p) => p.userId !== null).map((p): [Partial<DrillQuery>, Counts] => [{ userId: p.userId }, p]),
      ...r.trend.map((m): [Partial<DrillQuery>, Counts] => [{ month: m.month }, m]),
    ];
    for (const [q, c] of cells) {
      expect(drill(a.db, drillAll(q), ORG, TODAY).total, JSON.stringify(q)).toBe(c.total);
      for (const bucket of DASHBOARD_BUCKETS) {
        const d = drill(a.db, drillAll({ ...q, bucket }), ORG, TODAY);
        expect([d.total, d.items.length], `${JSON.stringify(q)} ${bucket}`).toEqual([c[bucket], c[bucket]]);
        expect(d.items.every((i) => i.bucket === bucket)).toBe(true);
      }
    }
  });

  it('pages through every record once, across both kinds', () => {
    const a = world();
    const everything = drill(a.db, drillAll({}), ORG, TODAY).items.map((i) => i.id);
    expect(everything).toHaveLength(10);
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = drill(a.db, drillAll({ after, limit: 3 }), ORG, TODAY);
      expect(page.total).toBe(10);
      seen.push(...page.items.map((i) => i.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toEqual(everything);
    expect(() => drill(a.db, drillAll({ after: 'not a cursor' }), ORG, TODAY)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe('speed', () => {
  it('the grouped count streams off each kind\'s covering index, without sorting', () => {
    const a = world();
    for (const kind of ['tasks', 'incoming'] as const) {
      const plan = (a.db.prepare(`EXPLAIN QUERY PLAN ${groupSql(kind)}`).all({ from: '2025-01-01', to: '2025-12-31', fromMonth: '2025-01', toMonth: '2025-12', today: TODAY }) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
      expect(plan).toBe(`SEARCH ${kind === 'tasks' ? 'tasks' : 'documents'} USING COVERING INDEX ${kind === 'tasks' ? 'tasks' : 'documents'}_deadline_groups (<expr>>? AND <expr><?)`);
    }
  });
});

describe('XLSX export', () => {
  it('writes the figures and the records in Vietnamese sheets, with real dates (dd/MM/yyyy) and percentages', async () => {
    const a = world();
    const { name, bytes } = await exportDashboard(a.db, PERIOD, ORG, TODAY);
    expect(name).toBe('tinh-hinh-thuc-hien_2025-01-01_2025-04-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Theo cá nhân', 'Theo tháng', 'Danh sách']);
    const values = (sheet: string): unknown[][] => {
      const out: unknown[][] = [];
      wb.getWorksheet(sheet)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };

    const summary = values('Tổng hợp');
    expect(summary).toContainEqual(['Kỳ báo cáo', 'Từ 01/01/2025 đến 30/04/2025']);
    expect(summary).toContainEqual(['Đơn vị', 'Toàn cơ quan']);
    expect(summary).toContainEqual(['Loại', 'Tổng số', 'Đúng hạn', 'Trễ hạn', 'Quá hạn (chưa xong)', 'Trong hạn (chưa xong)', 'Tỷ lệ đúng hạn']);
    expect(summary).toContainEqual(['Công việc', 6, 1, 1, 2, 2, 0.5]);
    expect(summary).toContainEqual(['Văn bản đến', 4, 1, 1, 1, 1, 0.5]);
    expect(summary).toContainEqual(['Tổng cộng', 10, 2, 2, 3, 3, 0.5]);
    const totalRow = wb.getWorksheet('Tổng hợp')!.getRows(1, 20)!.find((r) => r.getCell(1).value === 'Tổng cộng')!;
    expect(totalRow.getCell(7).numFmt).toBe('0.0%');

    expect(values('Theo đơn vị')).toEqual([
      ['Đơn vị', 'Tổng số', 'Đúng hạn', 'Trễ hạn', 'Quá hạn (chưa xong)', 'Trong hạn (chưa xong)', 'Tỷ lệ đúng hạn'],
      ['Phòng Kinh tế', 6, 1, 0, 2, 3, 1],
      ['Phòng Nội chính', 3, 1, 2, 0, 0, 1 / 3],
      // A record of nobody yet: no rate when nothing is done.
      ['(Chưa xác định đơn vị)', 1, 0, 0, 1, 0],
    ]);
    expect(values('Theo cá nhân')).toContainEqual(['Phạm Thu Hằng', 'Phòng Kinh tế', 2, 0, 0, 1, 1]);
    expect(values('Theo tháng').map((r) => r[0])).toEqual(['Tháng', '01/2025', '02/2025', '03/2025', '04/2025']);

    const list = wb.getWorksheet('Danh sách')!;
    expect(list.rowCount).toBe(11);
    const d1 = list.getRows(2, 10)!.find((r) => r.getCell(3).value === 'Về việc quyết toán kinh phí năm 2024')!;
    expect((d1.values as unknown[]).slice(1)).toEqual([1, 'Văn bản đến', 'Về việc quyết toán kinh phí năm 2024', new Date('2025-02-20T00:00:00.000Z'), new Date('2025-02-18T00:00:00.000Z'), 'Phòng Kinh tế', 'Võ Quốc Bảo', 'Đúng hạn']);
    expect(d1.getCell(4).numFmt).toBe('dd/mm/yyyy');
    expect(d1.getCell(5).numFmt).toBe('dd/mm/yyyy');
  });
});
