/**
 * The demo agency's signing material and signed PDFs (issue #10): a demo CA ("CA thử nghiệm
 * iOffice (đào tạo)"), a personal certificate for each leader who signs, the agency's
 * organisation certificate (the seal), all made with the signing engine's makeCertificate; the
 * keys written as PKCS#12 files (password demo@2026) for the demo's users to sign with in the
 * app; and each document's files as the app makes them: the draft rendered with its number and
 * date left blank, signed by the signer with the engine (an incremental update with the drawn
 * signature), then the number and date stamped into the blanks and the agency's signature with
 * the seal applied (a second incremental update), exactly as the core's signing and sealing do.
 *
 * The keys are random: every seed makes a new CA, which the seed sets as the agency's trusted
 * root, so the app verifies the demo's signatures as trusted.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateSummary, IssuedNumber } from '../../../shared/outgoing/model.js';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import {
  generateKeys,
  issueStamps,
  keyFromPkcs8,
  makeCertificate,
  sealImage,
  signatureImage,
  signPdf,
  toPkcs12,
  writeFileAtomic,
  type IssuedCertificate,
  type Placement,
  type SigningKey,
} from '../../../node/pdfsign/index.js';
import { certificateSummaryOf } from '../../../node/pdfsign/certificateSummary.js';
import { placementFromText } from '../../../node/pdfsign/placement.js';
import type { RenderedPdf } from './pdf.js';
import type { DemoOrg, DemoUser } from './organisation.js';

/** The password of every demo key file: the demo accounts' own. */
export { DEMO_PASSWORD as DEMO_KEY_PASSWORD } from './organisation.js';

export const DEMO_CA_NAME = 'CA thử nghiệm iOffice (đào tạo)';

export interface DemoKey {
  /** Whose file it is (the signer; for the agency's key, the clerk who seals). */
  username: string;
  certificate: Uint8Array;
  pkcs8: Uint8Array;
  key: SigningKey;
  summary: CertificateSummary;
}

export interface DemoPki {
  root: IssuedCertificate;
  /** By user id: every leader who signs the demo's documents. */
  signers: Map<string, DemoKey>;
  /** The agency's organisation certificate, kept by the clerk. */
  agency: DemoKey;
  /** The root as OutgoingSettings.trustedRoots keeps it (base64 DER). */
  trustedRoot: string;
}

const YEAR = 365 * 86_400_000;

/** A fake, well-formed citizen id (CCCD: 12 digits, 062 = Kon Tum) from the user's id. */
const citizenId = (u: DemoUser): string => `CCCD:062${(parseInt(u.id.replace(/-/gu, '').slice(0, 12), 16) % 1e9).toString().padStart(9, '0')}`;

/**
 * The demo CA and the certificates of `signers` and of the agency, valid from before the
 * oldest signature of the demo's two years (`from`) to years after `endDate`. Key generation
 * (RSA 2048, as the Vietnamese CAs issue) takes most of the time — a fraction of a second a key,
 * on the thread pool: the seed starts it before the incoming documents, which it overlaps.
 */
export async function makeDemoPki(org: DemoOrg, signers: readonly DemoUser[], clerk: DemoUser, o: { from: Date; endDate: Date }): Promise<DemoPki> {
  const notBefore = new Date(o.from.getTime() - 90 * 86_400_000);
  // Every key pair at once: Node generates them on its thread pool, in parallel and beside the main thread.
  const pairs = await Promise.all([null, ...signers, clerk].map(() => generateKeys('RSA')));
  const root = await makeCertificate({
    keys: pairs[0]!,
    role: 'root',
    subject: { commonName: DEMO_CA_NAME, organisation: 'iOffice (dữ liệu đào tạo, không có giá trị pháp lý)' },
    notBefore: new Date(notBefore.getTime() - YEAR),
    notAfter: new Date(o.endDate.getTime() + 15 * YEAR),
  });
  const unitName = new Map(org.units.map((u) => [u.id, u.name]));
  let next = 1;
  const issue = async (username: string, subject: Parameters<typeof makeCertificate>[0]['subject'], role: 'person' | 'organisation'): Promise<DemoKey> => {
    const c = await makeCertificate({ role, subject, issuer: root, notBefore, notAfter: new Date(o.endDate.getTime() + 3 * YEAR), keys: pairs[next++]! });
    return { username, certificate: c.certificate, pkcs8: c.pkcs8, key: keyFromPkcs8(c.pkcs8, c.certificate, [root.certificate]), summary: certificateSummaryOf(c.certificate) };
  };
  const out = new Map<string, DemoKey>();
  for (const u of signers)
    out.set(
      u.id,
      await issue(u.username, { commonName: u.fullName, organisation: org.agency.name, unit: unitName.get(u.unitId), title: u.position, province: 'Kon Tum', uid: citizenId(u) }, 'person'),
    );
  const agency = await issue(clerk.username, { commonName: org.agency.name, organisation: org.agency.name, province: 'Kon Tum', uid: 'MST:6100100000' }, 'organisation');
  return { root, signers: out, agency, trustedRoot: Buffer.from(root.certificate).toString('base64') };
}

/**
 * Each signer's key, and the agency's (as the clerk's), as `<dir>/<username>.p12` with the demo
 * password, and a note saying what they are. Returns the files written.
 */
export async function writeDemoKeys(pki: DemoPki, dir: string, password: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const k of [...pki.signers.values(), pki.agency]) {
    const file = join(dir, `${k.username}.p12`);
    await writeFileAtomic(file, await toPkcs12({ key: k.pkcs8, certificate: k.certificate, chain: [pki.root.certificate], password, friendlyName: k.summary.subject }));
    files.push(file);
  }
  const note = [
    'Khoá ký số thử nghiệm của cơ quan mẫu (dữ liệu đào tạo, không có giá trị pháp lý).',
    `Cấp bởi "${DEMO_CA_NAME}", gốc tin cậy của cơ quan mẫu. Mật khẩu mọi tệp: ${password}`,
    `Lãnh đạo ký văn bản: ${[...pki.signers.values()].map((k) => `${k.username}.p12 (${k.summary.subject})`).join(', ')}.`,
    `Chứng thư số của cơ quan (văn thư đóng dấu): ${pki.agency.username}.p12.`,
    '',
    "The demo agency's test signing keys (training data, no legal value), issued by its trusted demo CA.",
    `Password of every file: ${password}. Import one in the app: Văn bản đi → Ký số → Chứng thư số.`,
    '',
  ].join('\n');
  await writeFileAtomic(join(dir, 'README.txt'), new TextEncoder().encode(note));
  return files;
}

/** The engine's drawn images, made once per signer and once for the seal (each takes milliseconds to draw). */
export class DemoImages {
  private readonly signatures = new Map<string, Promise<Uint8Array>>();
  private seal: Promise<Uint8Array> | null = null;

  constructor(private readonly agencyName: string) {}

  signature(name: string): Promise<Uint8Array> {
    let p = this.signatures.get(name);
    if (!p) this.signatures.set(name, (p = signatureImage(name)));
    return p;
  }

  sealImage(): Promise<Uint8Array> {
    this.seal ??= sealImage(this.agencyName);
    return this.seal;
  }
}

/**
 * Where the number, the date, the signature and the seal go on a draft: the engine's own rules
 * (src/node/pdfsign placement) applied to the text the seed drew, as the core applies them to the
 * text pdf.js reads — without reading the PDF back, which would cost the first start some 50 ms a
 * document and seconds to load pdf.js.
 */
export function placementOf(draft: RenderedPdf, signerName: string): Placement {
  return placementFromText(draft.pages, draft.text, { signerName });
}

/** The signer's signature on the draft, as the core's signDraft makes it. */
export async function signAsSigner(pdf: Uint8Array, placement: Placement, signer: { key: SigningKey; name: string; position: string }, at: Date, images: DemoImages): Promise<Uint8Array> {
  return signPdf(pdf, signer.key, {
    signingTime: at,
    reason: 'Ký ban hành văn bản',
    location: 'Kon Tum',
    fieldName: 'ChuKyNguoiKy',
    appearance: {
      page: placement.signerRect.page,
      rect: placement.signerRect.rect,
      image: await images.signature(signer.name),
      lines: [signer.position.toLocaleUpperCase('vi'), signer.name].filter((s) => s !== ''),
    },
  });
}

/** The clerk's seal over the signed PDF: the number and the date in their blanks, the agency's signature with the seal. */
export async function sealAsAgency(signed: Uint8Array, placement: Placement, agency: SigningKey, number: IssuedNumber, at: Date, images: DemoImages): Promise<Uint8Array> {
  return signPdf(signed, agency, {
    signingTime: at,
    reason: `Phát hành văn bản số ${formatNumberSymbol(number.codeNumber, number.codeNotation)}`,
    location: 'Kon Tum',
    fieldName: 'ChuKyCoQuan',
    appearance: { page: placement.sealRect.page, rect: placement.sealRect.rect, image: await images.sealImage() },
    stamps: issueStamps(placement, { number: number.codeNumber, symbol: number.codeNotation, date: new Date(number.issuedAt) }),
  });
}
