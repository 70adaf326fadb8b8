/**
 * The agency's outgoing settings (shared/outgoing/model.ts OutgoingSettings): its registers
 * ("sổ văn bản đi", each a number series per year) and the certificate roots its viewers trust,
 * stored as JSON in agencies.outgoing_settings and read with the organisation
 * (Organisation.outgoing). An agency that never set them has the defaults: one shared register
 * for every type and one for secret documents (Decree 30 Art. 15 gives secret documents their
 * own series), no trusted roots. A change bumps org_version, so every client re-reads the
 * organisation.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { OrgView } from '../../shared/domain/org.js';
import { AppError } from '../../shared/i18n/errors.js';
import { OutgoingSettings } from '../../shared/outgoing/model.js';
import type { Queryable } from '../db/database.js';

/**
 * A default register's id, derived from the agency (a UUID of version 8): the same every time
 * the defaults are read, so numbers given in a default register keep their series.
 */
export function defaultRegisterId(agencyId: string, name: 'shared' | 'secret'): string {
  const hex = createHash('sha256').update(`ioffice:outgoing-register:${agencyId}:${name}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const id = `${hex.slice(0, 12)}8${hex.slice(13, 16)}${variant}${hex.slice(17, 32)}`;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

export function defaultOutgoingSettings(agencyId: string): OutgoingSettings {
  return {
    registers: [
      { id: defaultRegisterId(agencyId, 'shared'), name: 'Sổ văn bản đi', documentTypes: [], secret: false },
      { id: defaultRegisterId(agencyId, 'secret'), name: 'Sổ văn bản mật', documentTypes: [], secret: true },
    ],
    trustedRoots: [],
  };
}

/** The stored column as settings; NULL (never set) or unreadable: none (the caller takes the defaults). */
export function parseOutgoingSettings(stored: string | null | undefined): OutgoingSettings | undefined {
  if (stored === null || stored === undefined || stored === '') return undefined;
  try {
    const parsed = OutgoingSettings.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Written only through writeOutgoingSettings, which validates: unreadable text never blocks sign-in.
    return undefined;
  }
}

/** The settings in force: the stored ones, else the defaults. */
export function outgoingSettingsOf(agencyId: string, stored: string | null | undefined): OutgoingSettings {
  return parseOutgoingSettings(stored) ?? defaultOutgoingSettings(agencyId);
}

export async function loadOutgoingSettings(q: Queryable, agencyId: string): Promise<OutgoingSettings> {
  const row = (await q.query<{ outgoing_settings: string | null }>('SELECT outgoing_settings FROM agencies WHERE id = $1', [agencyId])).rows[0];
  return outgoingSettingsOf(agencyId, row?.outgoing_settings);
}

const invalid = (details: string): AppError => new AppError('validation_failed', { details });
const typeKey = (t: string): string => t.normalize('NFC').trim().toLocaleLowerCase('vi');

/**
 * What the schema cannot say: register ids are unique; a document type is claimed by one
 * register of each secrecy at most, and one register of each secrecy at most takes the types
 * no other claims (else the register a document is numbered in would be a matter of order);
 * every trusted root is a certificate. A type no register takes is refused at issue
 * (register_missing), as the agency chose.
 */
export function checkOutgoingSettings(settings: OutgoingSettings): void {
  const ids = settings.registers.map((r) => r.id);
  if (new Set(ids).size !== ids.length) throw invalid('registers: trùng mã sổ (duplicate register id)');
  for (const secret of [false, true]) {
    const mine = settings.registers.filter((r) => r.secret === secret);
    const claimed = new Set<string>();
    for (const r of mine)
      for (const t of r.documentTypes) {
        if (claimed.has(typeKey(t))) throw invalid(`registers: loại "${t}" thuộc hai sổ (a type in two registers)`);
        claimed.add(typeKey(t));
      }
    if (mine.filter((r) => r.documentTypes.length === 0).length > 1) throw invalid('registers: hai sổ chung cùng độ mật (two catch-all registers of one secrecy)');
  }
  settings.trustedRoots.forEach((b64, i) => {
    try {
      new X509Certificate(Buffer.from(b64, 'base64'));
    } catch {
      throw invalid(`trustedRoots[${i}]: không phải chứng thư số (not a DER certificate)`);
    }
  });
}

/**
 * Set the agency's settings in the caller's transaction (the admin route, the seed). Returns the
 * users whose clients should pull: everyone in the agency (the organisation changed), or nobody
 * when nothing changed. Numbers already given keep their register id, whatever becomes of it.
 */
export async function writeOutgoingSettings(q: Queryable, agencyId: string, settings: OutgoingSettings, org: Pick<OrgView, 'users'>): Promise<Set<string>> {
  const parsed = OutgoingSettings.parse(settings);
  checkOutgoingSettings(parsed);
  const row = (await q.query<{ outgoing_settings: string | null }>('SELECT outgoing_settings FROM agencies WHERE id = $1 FOR UPDATE', [agencyId])).rows[0];
  if (!row) throw new Error(`unknown agency ${agencyId}`);
  const text = JSON.stringify(parsed);
  if (JSON.stringify(outgoingSettingsOf(agencyId, row.outgoing_settings)) === text) return new Set();
  await q.query('UPDATE agencies SET outgoing_settings = $2, org_version = org_version + 1 WHERE id = $1', [agencyId, text]);
  return new Set(org.users.map((u) => u.id));
}
