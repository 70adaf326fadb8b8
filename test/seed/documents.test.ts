import { describe, expect, it } from 'vitest';
import { parseNumberSymbol } from '../../src/shared/domain/documentNumber.js';
import { isWorkingDay } from '../../src/shared/domain/workingDays.js';
import { applyMutation, createIncoming, isOverdue, type OrgView } from '../../src/shared/incoming/rules.js';
import { CONFIDENTIALITIES, IncomingDocument, IncomingMetadata, URGENCIES } from '../../src/shared/incoming/model.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import { AddOpinionArgs, AssignIncomingArgs, CompleteIncomingArgs, ReassignIncomingArgs, RegisterIncomingArgs } from '../../src/shared/incoming/mutations.js';
import { vnToday } from '../../src/shared/text/vietnamese.js';
import { demoIncomingDocuments, type DemoIncoming } from '../../src/server/seed/content/documents.js';
import { demoOrganisation } from '../../src/server/seed/content/organisation.js';

const org = demoOrganisation();
const endDate = new Date('2026-03-16T10:00:00+07:00');
const options = { count: 1200, endDate, years: 2 };
const docs = [...demoIncomingDocuments(org, options)];
const today = vnToday(endDate);
const DAY = 86_400_000;

const orgView: OrgView = {
  units: org.units.map((u) => ({ ...u, agencyId: org.agency.id })),
  users: org.users.map((u) => ({ ...u, agencyId: org.agency.id, active: true })),
};
const userById = new Map<string, UserSummary>(orgView.users.map((u) => [u.id, u]));
const actor = (id: string | undefined): UserSummary => {
  const u = id ? userById.get(id) : undefined;
  if (!u) throw new Error(`unknown user ${id}`);
  return u;
};

/** Vietnam wall-clock minutes after midnight and weekday of an ISO timestamp. */
function vnClock(iso: string): { minute: number; weekday: number } {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  return { minute: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: d.getUTCDay() };
}

/** Replays a document's plan through the real workflow rules, as the seeder does. */
function replay(doc: DemoIncoming, arrivalNumber: number, duplicateOf: string[]): IncomingDocument {
  const args = RegisterIncomingArgs.parse({ documentId: doc.id, metadata: doc.metadata, files: [] });
  let d = createIncoming(args, { actor: actor(doc.registeredBy), org: orgView, now: new Date(doc.arrivalDate) }, { number: arrivalNumber, year: Number(doc.arrivalDate.slice(0, 4)) }, duplicateOf);
  const p = doc.plan;
  if (p.assignments && p.assignments.length > 0) {
    const a = AssignIncomingArgs.parse({
      documentId: doc.id,
      instruction: p.instruction ?? '',
      assignments: p.assignments.map((x) => ({ id: x.id, role: x.role, unitId: x.unitId ?? null, userId: x.userId ?? null, deadline: x.deadline })),
    });
    d = applyMutation(d, { name: 'incoming.assign', args: a }, { actor: actor(p.assignedBy), org: orgView, now: new Date(p.assignedAt as string) });
  }
  if (p.reassign && p.reassign.length > 0) {
    const parent = p.assignments?.find((x) => x.role === 'main');
    const a = ReassignIncomingArgs.parse({ documentId: doc.id, parentAssignmentId: parent?.id, assignments: p.reassign });
    d = applyMutation(d, { name: 'incoming.reassign', args: a }, { actor: actor(p.reassignedBy), org: orgView, now: new Date(p.reassignedAt as string) });
  }
  for (const o of p.opinions ?? []) {
    const a = AddOpinionArgs.parse({ documentId: doc.id, opinionId: o.id, kind: o.kind, content: o.content, progress: o.progress });
    d = applyMutation(d, { name: 'incoming.addOpinion', args: a }, { actor: actor(o.byUserId), org: orgView, now: new Date(o.at) });
  }
  if (p.complete) {
    const a = CompleteIncomingArgs.parse({ documentId: doc.id, note: p.complete.note });
    d = applyMutation(d, { name: 'incoming.complete', args: a }, { actor: actor(p.complete.byUserId), org: orgView, now: new Date(p.complete.at) });
  }
  return d;
}

describe('demo incoming documents', () => {
  it('generates the requested number, in order of arrival, with unique ids', () => {
    expect(docs).toHaveLength(options.count);
    docs.forEach((d, i) => expect(d.index).toBe(i));
    for (let i = 1; i < docs.length; i++) expect(Date.parse(docs[i]!.arrivalDate)).toBeGreaterThan(Date.parse(docs[i - 1]!.arrivalDate));
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
  });

  it('is deterministic', () => {
    const again = [...demoIncomingDocuments(demoOrganisation(), options)];
    expect(again).toEqual(docs);
  });

  it('passes the IncomingMetadata schema unchanged', () => {
    for (const d of docs) {
      const parsed = IncomingMetadata.safeParse(d.metadata);
      expect(parsed.success, JSON.stringify(d.metadata)).toBe(true);
      expect(parsed.data).toEqual(d.metadata);
    }
  });

  it('spans the two years before the end date, in Vietnamese working hours', () => {
    const first = Date.parse(docs[0]!.arrivalDate);
    const last = Date.parse(docs[docs.length - 1]!.arrivalDate);
    const start = endDate.getTime() - 2 * 365.25 * DAY;
    expect(first).toBeGreaterThanOrEqual(start);
    expect(first - start).toBeLessThan(20 * DAY);
    expect(last).toBeLessThan(endDate.getTime());
    expect(endDate.getTime() - last).toBeLessThan(5 * DAY);
    for (const d of docs) {
      expect(d.arrivalDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/u);
      const { minute, weekday } = vnClock(d.arrivalDate);
      // A working day of Vietnam's calendar: no holiday, no weekend but a Saturday worked in exchange (làm bù).
      expect(isWorkingDay(vnToday(new Date(d.arrivalDate))), d.arrivalDate).toBe(true);
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(6);
      expect((minute >= 450 && minute < 690) || (minute >= 810 && minute < 1020)).toBe(true);
    }
  });

  it('writes realistic numbers, symbols and dates', () => {
    for (const d of docs) {
      const m = d.metadata;
      const ns = parseNumberSymbol(`${m.codeNumber}/${m.codeNotation}`);
      expect(ns, `${m.codeNumber}/${m.codeNotation}`).not.toBeNull();
      if (Number(m.codeNumber) < 10) expect(m.codeNumber).toMatch(/^0\d$/u);
      const arrivalDay = vnToday(new Date(d.arrivalDate));
      expect(m.issuedDate <= arrivalDay).toBe(true);
      expect(Date.parse(arrivalDay) - Date.parse(m.issuedDate)).toBeLessThanOrEqual(8 * DAY);
      if (m.documentType === 'Công văn') expect(ns?.typeAbbreviation).toBeNull();
      else expect(ns?.typeAbbreviation).not.toBeNull();
      expect(m.pageCount).toBeGreaterThanOrEqual(1);
      expect(m.pageCount).toBeLessThanOrEqual(12);
      expect(m.subject).toBe(m.subject.normalize('NFC'));
    }
    const issuers = new Set(docs.map((d) => d.metadata.issuer));
    expect(issuers.size).toBeGreaterThan(25);
    for (const i of ['Bộ Nội vụ', 'Bộ Tài chính', 'Văn phòng Chính phủ', 'Sở Tài chính tỉnh Kon Tum', 'UBND huyện Đăk Hà']) expect(issuers.has(i)).toBe(true);
    const types = new Map<string, number>();
    for (const d of docs) types.set(d.metadata.documentType, (types.get(d.metadata.documentType) ?? 0) + 1);
    const ranked = [...types].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]![0]).toBe('Công văn');
    for (const t of ['Quyết định', 'Kế hoạch', 'Thông báo', 'Báo cáo', 'Giấy mời', 'Tờ trình']) expect(types.get(t) ?? 0).toBeGreaterThan(10);
    expect(docs.some((d) => /^KT\. /u.test(d.metadata.signerPosition))).toBe(true);
    expect(docs.some((d) => /^TL\. /u.test(d.metadata.signerPosition))).toBe(true);
    expect(docs.some((d) => /^TM\. /u.test(d.metadata.signerPosition))).toBe(true);
    expect(docs.filter((d) => d.metadata.dueDate !== null).length).toBeGreaterThan(docs.length * 0.1);
  });

  it('includes every urgency (mostly normal) and a few confidential documents', () => {
    const count = (u: string) => docs.filter((d) => d.metadata.urgency === u).length;
    for (const u of URGENCIES) expect(count(u), u).toBeGreaterThan(0);
    expect(count('normal')).toBeGreaterThan(docs.length * 0.75);
    expect(count('urgent')).toBeGreaterThan(count('very_urgent'));
    expect(count('very_urgent')).toBeGreaterThan(count('flash'));
    const confidential = docs.filter((d) => d.metadata.confidentiality === 'confidential').length;
    expect(confidential).toBeGreaterThan(0);
    expect(confidential).toBeLessThan(docs.length * 0.05);
    expect(docs.every((d) => (CONFIDENTIALITIES as readonly string[]).includes(d.metadata.confidentiality))).toBe(true);
    expect(docs.some((d) => d.metadata.confidentiality === 'secret' || d.metadata.confidentiality === 'top_secret')).toBe(false);
  });

  it('includes every processing state, old documents mostly done', () => {
    const states = new Map<string, number>();
    for (const d of docs) states.set(d.expectedState, (states.get(d.expectedState) ?? 0) + 1);
    for (const s of ['registered', 'in_progress', 'overdue', 'done']) expect(states.get(s) ?? 0, s).toBeGreaterThan(0);
    const old = docs.filter((d) => endDate.getTime() - Date.parse(d.arrivalDate) > 70 * DAY);
    expect(old.filter((d) => d.expectedState === 'done').length).toBeGreaterThan(old.length * 0.85);
    const recent = docs.filter((d) => endDate.getTime() - Date.parse(d.arrivalDate) < 45 * DAY);
    for (const s of ['registered', 'in_progress', 'overdue', 'done']) expect(recent.some((d) => d.expectedState === s), s).toBe(true);
  });

  it('includes a handful of deliberate duplicates, and no accidental ones', () => {
    const key = (d: DemoIncoming) => [d.metadata.codeNumber, d.metadata.codeNotation, d.metadata.issuer, d.metadata.issuedDate].join('|');
    const dups = docs.filter((d) => d.duplicateOf !== null);
    expect(dups.length).toBeGreaterThanOrEqual(3);
    expect(dups.length).toBeLessThanOrEqual(12);
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const d of dups) {
      const original = byId.get(d.duplicateOf as string);
      expect(original).toBeDefined();
      expect(key(d)).toBe(key(original!));
      expect(original!.index).toBeLessThan(d.index);
    }
    // Apart from the deliberate ones, number + symbol + issuer is unique within a year.
    const seen = new Set<string>();
    for (const d of docs.filter((x) => x.duplicateOf === null)) {
      const k = [d.metadata.codeNumber, d.metadata.codeNotation, d.metadata.issuer, d.metadata.issuedDate.slice(0, 4)].join('|');
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
  });

  it('keeps every plan in time order, no later than the end date', () => {
    for (const d of docs) {
      const p = d.plan;
      const times = [d.arrivalDate, p.assignedAt, p.reassignedAt, ...(p.opinions ?? []).map((o) => o.at), p.complete?.at].filter((t): t is string => t !== undefined);
      for (let i = 1; i < times.length; i++) expect(Date.parse(times[i]!), d.id).toBeGreaterThan(Date.parse(times[i - 1]!));
      expect(Date.parse(times[times.length - 1]!)).toBeLessThanOrEqual(endDate.getTime());
      if (p.assignments) expect(p.assignments.filter((a) => a.role === 'main')).toHaveLength(1);
    }
  });

  it('replays through the real workflow rules and reaches the expected state', () => {
    const numbers = new Map<string, number>();
    const byKey = new Map<string, string[]>();
    const reached = new Map<string, number>();
    for (const doc of docs) {
      const year = doc.arrivalDate.slice(0, 4);
      const n = (numbers.get(year) ?? 0) + 1;
      numbers.set(year, n);
      const k = [doc.metadata.codeNumber, doc.metadata.codeNotation, doc.metadata.issuer, doc.metadata.issuedDate].join('|');
      const earlier = byKey.get(k) ?? [];
      const result = replay(doc, n, earlier);
      byKey.set(k, [...earlier, doc.id]);
      expect(IncomingDocument.safeParse(result).success).toBe(true);
      const overdue = isOverdue(result, null, endDate);
      const state = result.status === 'done' ? 'done' : result.status === 'registered' ? 'registered' : overdue ? 'overdue' : 'in_progress';
      expect(state, `${doc.index} ${doc.metadata.codeNumber}/${doc.metadata.codeNotation}`).toBe(doc.expectedState);
      if (result.status === 'registered') expect(overdue).toBe(false);
      expect(result.duplicateOf.length > 0).toBe(doc.duplicateOf !== null);
      reached.set(state, (reached.get(state) ?? 0) + 1);
    }
    expect(reached.size).toBe(4);
    expect(today).toBe('2026-03-16');
  });

  it('handles small and empty counts', () => {
    expect([...demoIncomingDocuments(org, { ...options, count: 0 })]).toEqual([]);
    const few = [...demoIncomingDocuments(org, { ...options, count: 5 })];
    expect(few).toHaveLength(5);
    expect(few.every((d) => d.duplicateOf === null)).toBe(true);
  });
});
