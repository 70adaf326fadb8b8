/**
 * Seeding the bundled demo agency: the organisation, then every demo document
 * replayed through the real workflow rules (register → assign → re-assign →
 * opinions → complete) at the moments its plan says, each with a real PDF, and
 * loaded in batches; then the tasks of the same two years, made by the shared
 * tasks rules (content/tasks.ts), some given from those documents. The result is
 * what the server would hold had people done it. Last, the weekly schedule: the
 * agency's schedule settings (the office, the meeting rooms), then about six months of
 * weeks and the three to come, made by the shared schedule rules (content/schedule.ts).
 * Then the outgoing documents of the two years (seedOutgoing.ts): the registers, a demo CA
 * the agency trusts, documents in every state with PDFs signed by the engine, some answering
 * the incoming documents, and the signing keys as PKCS#12 files for the demo's people.
 */
import { applyMutation, createIncoming, type RuleContext } from '../../shared/incoming/rules.js';
import type { IncomingDocument } from '../../shared/incoming/model.js';
import type { UserSummary } from '../../shared/model/organisation.js';
import { vnDateParts } from '../../shared/text/vietnamese.js';
import type { Db } from '../db/database.js';
import { bulkInsertDocuments, type BulkBlob } from '../incoming/bulkImport.js';
import { createOrganisation, loadOrganisation } from '../org/organisation.js';
import type { ServerContext } from '../http/context.js';
import { bulkInsertSchedule, writeScheduleSettings } from '../schedule/index.js';
import { bulkInsertTasks } from '../tasks/index.js';
import { demoIncomingDocuments, type DemoIncoming } from './content/documents.js';
import { demoSchedule, demoScheduleSettings, type DemoScheduleOptions } from './content/schedule.js';
import { demoTasks, taskSourceOf, type DemoTaskDocument } from './content/tasks.js';
import { DEMO_PASSWORD, demoOrganisation, type DemoOrg } from './content/organisation.js';
import { renderIncomingPdf } from './content/pdf.js';
import { demoOutgoingCount, type DemoReplySource } from './content/outgoing.js';
import { replySourceOf, seedDemoOutgoing, startDemoPki, type DemoOutgoingSeedOptions } from './seedOutgoing.js';

export async function isSeeded(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM agencies LIMIT 1')).rowCount > 0;
}

export interface SeedOptions {
  documents: number;
  /** The demo's "today": documents spread over the two years before it. */
  endDate?: Date;
  /** Generate and store a PDF per document (the benchmarks skip them). */
  withPdfs?: boolean;
  /** Top-level tasks (sub-tasks come in addition); default demoTaskCount(documents). */
  tasks?: number;
  /** The weekly schedule: weeks before and after the current one (default 26 and 3); false: none (nor its settings). */
  schedule?: false | Partial<Omit<DemoScheduleOptions, 'endDate'>>;
  /**
   * The outgoing documents (default: with PDFs, half as many as the incoming documents; without
   * PDFs, none); false: none (nor the registers, the demo CA and its keys).
   */
  outgoing?: false | DemoOutgoingSeedOptions;
  onProgress?: (done: number, total: number) => void;
}

/** Replay one demo document's plan through the shared rules; returns its final state. */
export function replayPlan(demo: DemoIncoming, arrivalNumber: number, users: Map<string, UserSummary>, org: RuleContext['org'], files: IncomingDocument['files']): IncomingDocument {
  const actor = (id: string): UserSummary => {
    const u = users.get(id);
    if (!u) throw new Error(`demo plan names unknown user ${id}`);
    return u;
  };
  const at = (iso: string): Date => new Date(iso);
  const arrival = at(demo.arrivalDate);
  let doc = createIncoming(
    { documentId: demo.id, metadata: demo.metadata, files },
    { actor: actor(demo.registeredBy), org, now: arrival },
    { number: arrivalNumber, year: vnDateParts(arrival).year },
    demo.duplicateOf ? [demo.duplicateOf] : [],
  );
  const p = demo.plan;
  if (p.assignments && p.assignedBy && p.assignedAt) {
    doc = applyMutation(
      doc,
      {
        name: 'incoming.assign',
        args: {
          documentId: doc.id,
          instruction: p.instruction ?? '',
          assignments: p.assignments.map((a) => ({ id: a.id, role: a.role, unitId: a.unitId ?? null, userId: a.userId ?? null, deadline: a.deadline, note: '' })),
        },
      },
      { actor: actor(p.assignedBy), org, now: at(p.assignedAt) },
    );
  }
  if (p.reassign && p.reassignedBy && p.reassignedAt) {
    const parent = doc.assignments.find((a) => a.parentId === null && a.role === 'main' && a.unitId !== null);
    if (parent)
      doc = applyMutation(
        doc,
        {
          name: 'incoming.reassign',
          args: { documentId: doc.id, parentAssignmentId: parent.id, assignments: p.reassign.map((r) => ({ ...r, note: '' })) },
        },
        { actor: actor(p.reassignedBy), org, now: at(p.reassignedAt) },
      );
  }
  for (const o of p.opinions ?? [])
    doc = applyMutation(
      doc,
      { name: 'incoming.addOpinion', args: { documentId: doc.id, opinionId: o.id, kind: o.kind, content: o.content, progress: o.progress } },
      { actor: actor(o.byUserId), org, now: at(o.at) },
    );
  if (p.complete) doc = applyMutation(doc, { name: 'incoming.complete', args: { documentId: doc.id, note: p.complete.note, replyId: null } }, { actor: actor(p.complete.byUserId), org, now: at(p.complete.at) });
  return doc;
}

export async function seedOrganisation(db: Db, demo: DemoOrg = demoOrganisation()): Promise<void> {
  await createOrganisation(db, demo, () => DEMO_PASSWORD);
}

/**
 * The demo's tasks for a given number of documents: a little more tasks than documents
 * (2,000 documents: 2,500 tasks, and about 300 sub-tasks), never more than 2,500, so a
 * benchmark's 100,000 documents do not bring 125,000 tasks with them.
 */
export function demoTaskCount(documents: number): number {
  return Math.min(2500, Math.ceil(documents * 1.25));
}

/** Generate the demo tasks (content/tasks.ts) and load them in one transaction. */
async function seedDemoTasks(db: Db, demo: DemoOrg, org: RuleContext['org'], options: { count: number; endDate: Date; documents: readonly DemoTaskDocument[] }): Promise<number> {
  const tasks = demoTasks(demo, org, { count: options.count, endDate: options.endDate, years: 2, documents: options.documents });
  if (tasks.length > 0) await db.tx((q) => bulkInsertTasks(q, tasks, org));
  return tasks.length;
}

/**
 * The agency's schedule settings (through the server's own writer, as the admin screen sets
 * them), then its weeks, made by the rules against the organisation as reloaded with them.
 * Returns how many records (entries and weeks) were loaded.
 */
export async function seedDemoSchedule(db: Db, demo: DemoOrg, options: DemoScheduleOptions): Promise<number> {
  await db.tx(async (q) => {
    await writeScheduleSettings(q, demo.agency.id, demoScheduleSettings(demo), await loadOrganisation(q, demo.agency.id));
  });
  const org = await loadOrganisation(db, demo.agency.id);
  const { entries, weeks } = demoSchedule(demo, org, options);
  await db.tx((q) => bulkInsertSchedule(q, entries, weeks, org));
  return entries.length + weeks.length;
}

export interface SeedStats {
  users: number;
  documents: number;
  tasks: number;
  schedule: number;
  outgoing: number;
  /** The demo signing keys written (PKCS#12, password DEMO_PASSWORD). */
  keyFiles: string[];
}

export async function seedDemo(context: Pick<ServerContext, 'db' | 'blobs'>, options: SeedOptions): Promise<SeedStats> {
  const { db, blobs } = context;
  const demo = demoOrganisation();
  await seedOrganisation(db, demo);
  const org = await loadOrganisation(db, demo.agency.id);
  const users = new Map(org.users.map((u) => [u.id, u]));
  const endDate = options.endDate ?? new Date();
  const counters = new Map<number, number>();
  const withPdfs = options.withPdfs ?? true;
  let batch: IncomingDocument[] = [];
  let batchBlobs: BulkBlob[] = [];
  let done = 0;
  const sources: DemoTaskDocument[] = [];
  const outgoing = options.outgoing ?? (withPdfs ? {} : false);
  const replySources: DemoReplySource[] = [];
  // Its keys are made on the thread pool while the incoming documents are rendered.
  const pki = outgoing === false ? undefined : startDemoPki(demo, { endDate, years: 2 });
  pki?.catch(() => undefined);
  for (const d of demoIncomingDocuments(demo, { count: options.documents, endDate, years: 2 })) {
    const source = taskSourceOf(d);
    if (source) sources.push(source);
    const year = vnDateParts(new Date(d.arrivalDate)).year;
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    let files: IncomingDocument['files'] = [];
    if (withPdfs) {
      const bytes = await renderIncomingPdf(d.pdf);
      const sha256 = await blobs.put(bytes);
      files = [{ sha256, name: d.fileName, size: bytes.byteLength, mime: 'application/pdf' }];
      batchBlobs.push({ sha256, size: bytes.byteLength, uploadedBy: d.registeredBy, createdAt: new Date(d.arrivalDate).toISOString() });
    }
    const doc = replayPlan(d, n, users, org, files);
    batch.push(doc);
    if (outgoing !== false) {
      const reply = replySourceOf(d, doc, org);
      if (reply) replySources.push(reply);
    }
    if (batch.length >= 500) {
      await bulkInsertDocuments(db, batch, org, batchBlobs);
      done += batch.length;
      options.onProgress?.(done, options.documents);
      batch = [];
      batchBlobs = [];
    }
  }
  await bulkInsertDocuments(db, batch, org, batchBlobs);
  done += batch.length;
  options.onProgress?.(done, options.documents);
  const tasks = await seedDemoTasks(db, demo, org, { count: options.tasks ?? demoTaskCount(options.documents), endDate, documents: sources });
  const schedule = options.schedule === false ? 0 : await seedDemoSchedule(db, demo, { weeksBack: 26, weeksAhead: 3, ...options.schedule, endDate });
  const out =
    outgoing === false
      ? null
      : await seedDemoOutgoing({ db, blobs }, demo, { ...outgoing, count: outgoing.count ?? demoOutgoingCount(options.documents), endDate, years: 2, withPdfs, replySources, ...(pki ? { pki } : {}) });
  return { users: org.users.length, documents: done, tasks, schedule, outgoing: out?.documents ?? 0, keyFiles: out?.keyFiles ?? [] };
}
