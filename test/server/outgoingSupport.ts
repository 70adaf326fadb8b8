/**
 * Helpers of the outgoing suites (test/server/outgoing*.test.ts): protocol 2 pulls of the
 * outgoing and incoming kinds, folded as a desktop folds them, each state checked with the
 * clients' schema; files uploaded as the core uploads them; the signer's and the clerk's
 * signatures made with the real engine (src/node/pdfsign) and the test PKI, as the core makes
 * them; and a document taken along its life one pushed mutation at a time.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { IncomingDocument } from '../../src/shared/incoming/model.js';
import { OutgoingDocument } from '../../src/shared/outgoing/model.js';
import type { CertificateSummary } from '../../src/shared/outgoing/model.js';
import { API_PREFIX, RecordChange } from '../../src/shared/sync/protocol.js';
import { findPlacement, signPdf, type SigningKey } from '../../src/node/pdfsign/index.js';
import { certificateSummaryOf } from '../../src/main/core/outgoing/keys.js';
import { sealStamps } from '../../src/main/core/outgoing/signing.js';
import { http, PushClient, sha256 } from '../helpers/api.js';
import { serverClock } from '../helpers/clocks.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { makeTestPdf } from '../helpers/testPdfs.js';
import { testPki, type TestPki } from '../helpers/testPki.js';

export interface PulledKind<T> {
  records: Map<string, T>;
  removed: string[];
  cursor: string;
}

/** Every page of a protocol 2 pull of one kind for a user, each state checked with the clients' schema. */
async function pullKind<T extends { version: number }>(url: string, token: string, kind: string, parse: (s: unknown) => T, cursor: string | null = null): Promise<PulledKind<T>> {
  const records = new Map<string, T>();
  const removed: string[] = [];
  const clientId = randomUUID();
  for (;;) {
    const r = await http(url, 'POST', '/sync/pull', { token, json: { clientId, cursor, limit: 500, protocol: 2, kinds: [kind] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const raw of r.body.changes) {
      const c = RecordChange.parse(raw);
      expect(c.kind).toBe(kind);
      if ('removed' in c) (records.delete(c.id), removed.push(c.id));
      else {
        const rec = parse(c.state);
        expect(c.version).toBe(rec.version);
        records.set(c.id, rec);
      }
    }
    cursor = r.body.cursor as string;
    if (!r.body.more) return { records, removed, cursor };
  }
}

export const pullOutgoing = (url: string, token: string): Promise<PulledKind<OutgoingDocument>> => pullKind(url, token, 'outgoing', (s) => OutgoingDocument.parse(s));
export const pullIncoming = (url: string, token: string): Promise<PulledKind<IncomingDocument>> => pullKind(url, token, 'incoming', (s) => IncomingDocument.parse(s));

/** The document as a user sees it (undefined: not at all). */
export async function outgoingOf(url: string, token: string, id: string): Promise<OutgoingDocument | undefined> {
  return (await pullOutgoing(url, token)).records.get(id);
}

export interface UploadedFile {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

/** Upload bytes as the core does (the server sniffs the type). */
export async function upload(url: string, token: string, bytes: Uint8Array, name: string, mime = 'application/pdf'): Promise<UploadedFile> {
  const sha = sha256(bytes);
  const r = await http(url, 'PUT', `/files/${sha}`, { token, body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
  return { sha256: sha, name, size: bytes.byteLength, mime };
}

export async function download(url: string, token: string, sha: string): Promise<{ status: number; bytes: Uint8Array; body: unknown }> {
  const res = await fetch(`${url}${API_PREFIX}/files/${sha}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  let body: unknown = null;
  if (res.status !== 200) body = JSON.parse(Buffer.from(bytes).toString('utf8'));
  return { status: res.status, bytes, body };
}

/** The signer's signature on the draft, as the core's signing makes it (incremental update). */
export async function signAs(pdf: Uint8Array, key: SigningKey, at: Date): Promise<Uint8Array> {
  const placement = await findPlacement(pdf, { signerName: 'Trần Minh Quang' });
  return signPdf(pdf, key, {
    signingTime: at,
    reason: 'Ký ban hành văn bản',
    location: 'Kon Tum',
    fieldName: 'ChuKyNguoiKy',
    appearance: { page: placement.signerRect.page, rect: placement.signerRect.rect, lines: ['CHỦ TỊCH', 'Trần Minh Quang'] },
  });
}

/** The clerk's seal: the number and date stamped (the core's own stamps) and the agency's signature. */
export async function sealAs(signed: Uint8Array, key: SigningKey, number: NonNullable<OutgoingDocument['number']>, at: Date, o: { stamps?: boolean } = {}): Promise<Uint8Array> {
  const placement = await findPlacement(signed, { signerName: 'Trần Minh Quang' });
  return signPdf(signed, key, {
    signingTime: at,
    reason: 'Phát hành văn bản',
    location: 'Kon Tum',
    fieldName: 'ChuKyCoQuan',
    appearance: { page: placement.sealRect.page, rect: placement.sealRect.rect },
    stamps: o.stamps === false ? [] : sealStamps(placement, number),
  });
}

export function certificateOf(der: Uint8Array): CertificateSummary {
  return certificateSummaryOf(der);
}

/** Users of the outgoing suites. */
export type Actor = 'cv.kinhte1' | 'cv.kinhte2' | 'tp.kinhte' | 'chutich' | 'vanthu' | 'tp.noichinh' | 'cv.noichinh' | 'quantri';

/** A Phòng Nội chính clerk the suites add to the fixture organisation (the unit keeps its own register of arrivals). */
export const UNIT_CLERK = { id: '0b000000-0000-4000-8000-0000000000a1', unitId: UNITS.internal.id, username: 'vanthu.noichinh', fullName: 'Đỗ Thị Mai', position: 'Văn thư phòng', role: 'clerk' as const } as const;

/** The suites' users' session tokens (each suite signs in those it uses). */
export type Tokens = Record<Actor | typeof UNIT_CLERK.username, string>;

export interface Draft {
  fields?: Record<string, unknown>;
  recipients?: unknown[];
  relation?: { kind: 'replaces' | 'updates'; documentId: string } | null;
  replyTo?: string | null;
}

/**
 * Takes documents along their life over HTTP: each step a pushed mutation of the user who takes
 * it, from their own client; the PDFs are made, signed and sealed by the engine.
 */
export class OutgoingFlow {
  readonly clients = new Map<string, PushClient>();
  private pkiP: Promise<TestPki> = testPki();
  private draftPdfP: Promise<Uint8Array> | null = null;

  constructor(
    readonly url: string,
    readonly tokens: Readonly<Partial<Tokens>>,
  ) {}

  client(u: keyof Tokens): PushClient {
    let c = this.clients.get(u);
    if (!c) this.clients.set(u, (c = new PushClient(this.url, this.tokens[u]!)));
    return c;
  }

  pki(): Promise<TestPki> {
    return this.pkiP;
  }

  now(): Date {
    return serverClock(this.url)();
  }

  draftPdf(): Promise<Uint8Array> {
    this.draftPdfP ??= makeTestPdf({ numberLine: 'Số:      /UBND-KT' });
    return this.draftPdfP;
  }

  /** outgoing.create by `author` with a PDF draft; returns the id. */
  async create(author: Actor, d: Draft = {}): Promise<string> {
    const documentId = randomUUID();
    const file = await upload(this.url, this.tokens[author]!, await this.draftPdf(), 'du-thao.pdf');
    await this.client(author).apply('outgoing.create', {
      documentId,
      fields: {
        documentType: 'Công văn',
        subject: `V/v gửi, nhận văn bản điện tử (${documentId.slice(0, 8)})`,
        draftingUnitId: U[author].unitId,
        recipients: d.recipients ?? [],
        ...d.fields,
      },
      file,
      relation: d.relation ?? null,
      replyTo: d.replyTo ?? null,
    });
    return documentId;
  }

  async submit(author: Actor, documentId: string, route: [kind: 'review' | 'comment' | 'format' | 'sign', user: Actor][]): Promise<void> {
    await this.client(author).apply('outgoing.submit', { documentId, route: route.map(([kind, u]) => ({ stepId: randomUUID(), kind, userId: U[u].id })) });
  }

  /** The draft's latest PDF, as the signer's core has it. */
  async latestPdf(token: string, documentId: string): Promise<Uint8Array> {
    const doc = await outgoingOf(this.url, token, documentId);
    const v = doc!.versions.at(-1)!;
    const got = await download(this.url, token, v.file.sha256);
    expect(got.status).toBe(200);
    return got.bytes;
  }

  /** The signer's signature, made and pushed as the core does; returns the push's result. */
  async sign(signer: Actor, documentId: string, o: { pdf?: Uint8Array; key?: 'person' | 'unknown'; claim?: CertificateSummary } = {}): Promise<{ r: Awaited<ReturnType<PushClient['send']>>; bytes: Uint8Array }> {
    const pki = await this.pki();
    const key = o.key === 'unknown' ? pki.unknownKey : pki.personKey;
    const bytes = await signAs(o.pdf ?? (await this.latestPdf(this.tokens[signer]!, documentId)), key, this.now());
    const file = await upload(this.url, this.tokens[signer]!, bytes, 'du-thao-da-ky.pdf');
    const r = await this.client(signer).send('outgoing.sign', { documentId, file, certificate: o.claim ?? certificateOf(key.certificate), keyStore: 'file' });
    return { r, bytes };
  }

  async issue(clerk: Actor, documentId: string): Promise<Awaited<ReturnType<PushClient['send']>>> {
    return this.client(clerk).send('outgoing.issue', { documentId });
  }

  /** The clerk's seal over the signed version, pushed; returns the push's result and the issued bytes. */
  async seal(clerk: Actor, documentId: string, o: { stamps?: boolean } = {}): Promise<{ r: Awaited<ReturnType<PushClient['send']>>; bytes: Uint8Array }> {
    const pki = await this.pki();
    const doc = (await outgoingOf(this.url, this.tokens[clerk]!, documentId))!;
    const signed = doc.versions.findLast((v) => v.kind === 'signed')!;
    const got = await download(this.url, this.tokens[clerk]!, signed.file.sha256);
    expect(got.status).toBe(200);
    const bytes = await sealAs(got.bytes, pki.organisationKey, doc.number!, this.now(), o);
    const file = await upload(this.url, this.tokens[clerk]!, bytes, 'van-ban-phat-hanh.pdf');
    const r = await this.client(clerk).send('outgoing.seal', { documentId, file, certificate: certificateOf(pki.organisation.certificate), keyStore: 'token' });
    return { r, bytes };
  }

  /** Drafted by `author`, submitted straight to the chairman, signed: awaiting its number. */
  async toIssue(author: Actor, d: Draft = {}): Promise<string> {
    const id = await this.create(author, d);
    await this.submit(author, id, [['sign', 'chutich']]);
    // The draft just created is its latest version: the signer's core signs those bytes.
    const { r } = await this.sign('chutich', id, { pdf: await this.draftPdf() });
    expectApplied(r);
    return id;
  }

  /** …numbered and sealed: issued. */
  async issued(author: Actor, d: Draft = {}): Promise<string> {
    const id = await this.toIssue(author, d);
    expectApplied(await this.issue('vanthu', id));
    expectApplied((await this.seal('vanthu', id)).r);
    return id;
  }
}

export function expectApplied(r: { status: number; body: any }): void {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.results[0].status, JSON.stringify(r.body.results[0])).toBe('applied');
}
