/**
 * Seeding the demo agency's outgoing documents (issue #10), after its incoming documents: the
 * demo PKI (content/outgoingSigning.ts), the agency's outgoing settings through the server's
 * own writer (its three registers and the demo CA as its trusted root), the documents planned
 * (content/outgoing.ts), their files made and signed with the engine, every document replayed
 * through the shared rules and loaded with the slice's bulk insert, the units' incoming copies
 * with the incoming documents' bulk insert, and the signing keys written as PKCS#12 files for
 * the demo's people.
 *
 * Signing takes time — some 30 ms for each of the two signatures a document carries, on a quiet
 * 2-vCPU machine, besides rendering its drafts (where the signature goes is found in the text the
 * seed drew, not read back with pdf.js) — and the demo's first start must stay only a few seconds
 * longer (measured: docs/benchmarks.md, #10), so not every document gets PDFs of its own:
 *  - the documents of the last days — every one not yet issued (drafts, in review, awaiting
 *    the signature, the number, the seal) and the `ownFiles` (default 20) issued last — have
 *    their own: drafts with their own subject and blanks, signed by their signer at their
 *    signing time, numbered and sealed with their own number and date;
 *  - older ones share, per signer, the files of one of them (the most recent that went furthest):
 *    a document opened from two years ago shows that document's PDF — real signatures of its
 *    signer and the agency, another number and subject. The records (number, dates, signatures,
 *    deliveries) are each document's own.
 * Without PDFs (`withPdfs: false`, the benchmarks) every document shares, so a hundred thousand
 * documents cost one signed set per signer.
 */
import { join } from 'node:path';
import type { OrgView } from '../../shared/domain/org.js';
import type { IncomingDocument } from '../../shared/incoming/model.js';
import { accessUserIds } from '../../shared/incoming/rules.js';
import type { AttachmentFile } from '../../shared/model/attachment.js';
import type { OutgoingDocument, OutgoingSettings } from '../../shared/outgoing/model.js';
import { symbolFor } from '../../shared/outgoing/numbering.js';
import type { Placement } from '../../node/pdfsign/index.js';
import type { Db } from '../db/database.js';
import type { BlobStore } from '../blobs/blobStore.js';
import { bulkInsertDocuments, type BulkBlob } from '../incoming/bulkImport.js';
import { loadOrganisation } from '../org/organisation.js';
import { bulkInsertOutgoing, writeOutgoingSettings } from '../outgoing/index.js';
import type { DemoIncoming } from './content/documents.js';
import {
  buildDemoOutgoing,
  demoOutgoingClerk,
  demoOutgoingRegisters,
  demoOutgoingSigners,
  draftCount,
  planDemoOutgoing,
  stepOf,
  type DemoReplySource,
  type OutgoingPlan,
  type PlanFiles,
} from './content/outgoing.js';
import { outgoingBody } from './content/outgoingTexts.js';
import { DemoImages, makeDemoPki, placementOf, sealAsAgency, signAsSigner, writeDemoKeys, DEMO_KEY_PASSWORD, type DemoPki } from './content/outgoingSigning.js';
import type { DemoOrg } from './content/organisation.js';
import { renderPdfWithText, type IncomingPdfInput, type RenderedPdf } from './content/pdf.js';
import { createRandom } from './content/random.js';

export interface DemoOutgoingSeedOptions {
  /** How many documents (default: half the incoming documents, at most 2,500). */
  count?: number;
  /** Signed documents left awaiting their number (default 4). */
  awaitingNumber?: number;
  /** Numbered documents left awaiting the seal (default 2). */
  awaitingSeal?: number;
  /** The issued documents, most recent first, that get PDFs of their own (default 20). */
  ownFiles?: number;
  /** Where the demo's signing keys are written (`<dir>/<username>.p12`); left out: nowhere. */
  certificatesDir?: string;
}

export interface DemoOutgoingResult {
  documents: number;
  copies: number;
  /** The key files written. */
  keyFiles: string[];
  pki: DemoPki;
}

/** An incoming document a reply may answer: assigned to a unit, normal, about work to do; who of that unit sees it. */
export function replySourceOf(d: DemoIncoming, doc: IncomingDocument, org: OrgView): DemoReplySource | null {
  const p = d.plan;
  const main = p.assignments?.find((a) => a.role === 'main' && a.unitId !== undefined);
  const m = d.metadata;
  if (!main?.unitId || !p.assignedAt || d.duplicateOf !== null || m.confidentiality !== 'normal' || m.documentType === 'Giấy mời' || m.documentType === 'Biên bản') return null;
  const sees = accessUserIds(doc, org);
  const readers = org.users.filter((u) => u.unitId === main.unitId && sees.has(u.id) && (u.role === 'specialist' || u.role === 'leader')).map((u) => u.id);
  if (readers.length === 0) return null;
  return {
    id: d.id,
    documentType: m.documentType,
    codeNumber: m.codeNumber,
    codeNotation: m.codeNotation,
    issuedDate: m.issuedDate,
    issuer: m.issuer,
    subject: m.subject,
    mainUnitId: main.unitId,
    readers,
    seenFrom: p.reassignedAt ?? p.assignedAt,
  };
}

/** The files of every plan, made with the engine and stored; each made once. */
class OutgoingFiles {
  readonly blobRows: BulkBlob[] = [];
  private readonly images: DemoImages;
  private readonly own = new Map<string, Promise<PlanFiles>>();
  private readonly sharedBy = new Map<string, OutgoingPlan>();
  private readonly ownPlans = new Set<string>();

  constructor(
    private readonly blobs: Pick<BlobStore, 'put'>,
    private readonly demo: DemoOrg,
    private readonly pki: DemoPki,
    plans: readonly OutgoingPlan[],
    o: { withPdfs: boolean; ownFiles: number },
  ) {
    this.images = new DemoImages(demo.agency.name);
    const sealed = plans.filter((p) => stepOf(p, 'seal')).sort((a, b) => stepOf(b, 'seal')!.at - stepOf(a, 'seal')!.at);
    const recent = new Set(sealed.slice(0, o.ownFiles).map((p) => p.id));
    for (const p of plans) {
      const inFlight = !stepOf(p, 'seal') && !stepOf(p, 'cancel');
      if (o.withPdfs && (p.current || inFlight || recent.has(p.id))) this.ownPlans.add(p.id);
    }
    // The document whose files its group shares: the one that went furthest (sealed, signed,
    // drafted), the most recent of those, so every document of the group has what it needs.
    const stage = (p: OutgoingPlan): number => (stepOf(p, 'seal') ? 3 : stepOf(p, 'sign') ? 2 : 1);
    for (const p of plans) {
      if (this.ownPlans.has(p.id)) continue;
      const key = this.groupOf(p);
      const best = this.sharedBy.get(key);
      if (!best || stage(p) > stage(best) || (stage(p) === stage(best) && p.createdAt > best.createdAt)) this.sharedBy.set(key, p);
    }
  }

  private groupOf(p: OutgoingPlan): string {
    return p.signer.id;
  }

  async filesOf(p: OutgoingPlan): Promise<PlanFiles> {
    if (this.ownPlans.has(p.id)) return this.made(p, draftCount(p));
    const rep = this.sharedBy.get(this.groupOf(p))!;
    const set = await this.made(rep, 2);
    const drafts = draftCount(p) === 1 ? [set.drafts[1]!] : set.drafts;
    return { drafts, signed: stepOf(p, 'sign') ? set.signed : null, issued: stepOf(p, 'seal') ? set.issued : null };
  }

  /** The plan's own files, with `drafts` draft versions (a shared set always has two). */
  private made(p: OutgoingPlan, drafts: number): Promise<PlanFiles> {
    const key = `${p.id}/${drafts}`;
    let f = this.own.get(key);
    if (!f) this.own.set(key, (f = this.make(p, drafts)));
    return f;
  }

  private async store(bytes: Uint8Array, name: string, by: string, at: number): Promise<AttachmentFile> {
    const sha256 = await this.blobs.put(bytes);
    this.blobRows.push({ sha256, size: bytes.byteLength, uploadedBy: by, createdAt: new Date(at).toISOString() });
    return { sha256, name, size: bytes.byteLength, mime: 'application/pdf' };
  }

  private pdfInput(p: OutgoingPlan, variant: number): IncomingPdfInput {
    const rng = createRandom(`${p.seed}/${variant}`);
    const others = p.recipients.filter((r) => r.kind !== 'archive');
    const archive = p.recipients.find((r) => r.kind === 'archive')?.name ?? 'Lưu: VT';
    const addressee = p.type.name === 'Tờ trình' ? 'Hội đồng nhân dân tỉnh Kon Tum' : p.type.letter ? (others.length > 0 && others.length <= 2 ? others.map((r) => r.name).join('; ') : 'Các cơ quan, đơn vị theo danh sách nơi nhận') : undefined;
    return {
      unnumbered: true,
      issuer: this.demo.agency.name,
      issuerHeader: 'Ủy ban nhân dân\ntỉnh Kon Tum',
      codeNumber: '',
      codeNotation: p.number?.codeNotation ?? symbolFor(p.type.name, this.demo.agency.abbreviation, p.unit.abbreviation),
      issuedDate: new Date(p.createdAt).toISOString().slice(0, 10),
      documentType: p.type.name,
      subject: p.subject,
      signerName: p.signer.fullName,
      signerPosition: p.printedPosition,
      place: this.demo.agency.place,
      bodyParagraphs: outgoingBody(rng, p.type.name, p.topic, { subject: p.subject, replyTo: p.replyTo, draftingUnit: p.unit.name }),
      ...(addressee ? { addressee } : {}),
      recipients: [...(p.type.letter ? ['Như trên'] : others.slice(0, 5).map((r) => r.name)), archive],
      urgency: p.urgency,
      confidentiality: p.confidentiality,
    };
  }

  private async make(p: OutgoingPlan, drafts: number): Promise<PlanFiles> {
    const created = stepOf(p, 'create')!;
    const rendered: RenderedPdf[] = [];
    const files: AttachmentFile[] = [];
    for (let v = 0; v < drafts; v++) {
      const pdf = await renderPdfWithText(this.pdfInput(p, v));
      rendered.push(pdf);
      files.push(await this.store(pdf.bytes, `du-thao-lan-${v + 1}.pdf`, p.author.id, created.at));
    }
    const sign = stepOf(p, 'sign');
    const seal = stepOf(p, 'seal');
    if (!sign) return { drafts: files, signed: null, issued: null };
    const last = rendered.at(-1)!.bytes;
    const placement: Placement = placementOf(rendered.at(-1)!, p.signer.fullName);
    const key = this.pki.signers.get(p.signer.id);
    if (!key) throw new Error(`no demo key for ${p.signer.username}`);
    const position = [p.competence, p.signer.position].filter((s) => s !== '').join(' ');
    const signed = await signAsSigner(last, placement, { key: key.key, name: p.signer.fullName, position }, new Date(sign.at), this.images);
    const signedFile = await this.store(signed, `du-thao-lan-${drafts}-da-ky.pdf`, p.signer.id, sign.at);
    if (!seal || !p.number) return { drafts: files, signed: signedFile, issued: null };
    const issued = await sealAsAgency(signed, placement, this.pki.agency.key, p.number, new Date(seal.at), this.images);
    const name = `${p.number.codeNumber}-${p.number.codeNotation.replace(/\//gu, '-')}.pdf`;
    return { drafts: files, signed: signedFile, issued: await this.store(issued, name, seal.by.id, seal.at) };
  }
}

const BATCH = 500;

/** The demo PKI of the two years before `endDate` (started early by seedDemo: its keys are made on the thread pool). */
export function startDemoPki(demo: DemoOrg, o: { endDate: Date; years: number }): Promise<DemoPki> {
  return makeDemoPki(demo, demoOutgoingSigners(demo), demoOutgoingClerk(demo), { from: new Date(o.endDate.getTime() - o.years * 365 * 86_400_000), endDate: o.endDate });
}

/**
 * The outgoing documents of the demo agency, loaded. `replySources` are the demo's incoming
 * documents a reply may answer (replySourceOf).
 */
export async function seedDemoOutgoing(
  context: { db: Db; blobs: Pick<BlobStore, 'put'> },
  demo: DemoOrg,
  o: DemoOutgoingSeedOptions & { count: number; endDate: Date; years: number; withPdfs: boolean; replySources: readonly DemoReplySource[]; pki?: Promise<DemoPki> },
): Promise<DemoOutgoingResult> {
  const { db } = context;
  const pki = await (o.pki ?? startDemoPki(demo, o));
  const settings: OutgoingSettings = { registers: demoOutgoingRegisters(demo), trustedRoots: [pki.trustedRoot] };
  await db.tx(async (q) => {
    await writeOutgoingSettings(q, demo.agency.id, settings, await loadOrganisation(q, demo.agency.id));
  });
  const org = await loadOrganisation(db, demo.agency.id);
  const { plans, arrivals } = planDemoOutgoing(demo, {
    count: o.count,
    endDate: o.endDate,
    years: o.years,
    registers: settings.registers,
    ...(o.awaitingNumber !== undefined ? { awaitingNumber: o.awaitingNumber } : {}),
    ...(o.awaitingSeal !== undefined ? { awaitingSeal: o.awaitingSeal } : {}),
    replySources: o.replySources,
  });
  const files = new OutgoingFiles(context.blobs, demo, pki, plans, { withPdfs: o.withPdfs, ownFiles: o.ownFiles ?? 20 });
  // The key files' encryption runs on the thread pool while the documents are made.
  const keysWritten: Promise<string[]> = o.certificatesDir ? writeDemoKeys(pki, o.certificatesDir, DEMO_KEY_PASSWORD) : Promise.resolve([]);
  keysWritten.catch(() => undefined);
  const agency = { name: demo.agency.name, abbreviation: demo.agency.abbreviation };
  let copies = 0;
  for (let i = 0; i < plans.length; i += BATCH) {
    const batch = plans.slice(i, i + BATCH);
    const made = new Map<string, PlanFiles>();
    for (const p of batch) made.set(p.id, await files.filesOf(p));
    const docs: OutgoingDocument[] = [];
    const unitCopies: IncomingDocument[] = [];
    for (const p of batch) {
      const built = buildDemoOutgoing(p, {
        org,
        agency,
        arrivals,
        files: (x) => made.get(x.id)!,
        certificate: (signerId) => ({ certificate: (signerId === null ? pki.agency : pki.signers.get(signerId)!).summary, keyStore: 'file' }),
      });
      docs.push(built.doc);
      unitCopies.push(...built.copies);
    }
    // The files first (the outgoing rows name them), then the documents, then the units' copies.
    await bulkInsertDocuments(db, [], org, files.blobRows.splice(0));
    await db.tx((q) => bulkInsertOutgoing(q, docs, org));
    await bulkInsertDocuments(db, unitCopies, org);
    copies += unitCopies.length;
  }
  const keyFiles = await keysWritten;
  return { documents: plans.length, copies, keyFiles, pki };
}

/** Where the demo process keeps the signing keys: beside its database. */
export const demoCertificatesDir = (dataDir: string): string => join(dataDir, 'certificates');
