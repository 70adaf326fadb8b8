/**
 * The organisation (agency, units, users) as the rules and clients see it.
 * Loaded per agency and cached by org_version, which every org change bumps.
 */
import { Agency, Organisation, Unit, UserSummary, type Role } from '../../shared/model/organisation.js';
import type { Db, Queryable } from '../db/database.js';
import { hashPassword } from '../auth/passwords.js';
import { parseSecretContentPolicy } from '../incoming/secretPolicy.js';
import { parseScheduleSettings } from '../schedule/settings.js';
import { outgoingSettingsOf } from '../outgoing/settings.js';

interface UserRow {
  id: string;
  agency_id: string;
  unit_id: string;
  username: string;
  full_name: string;
  position: string;
  role: Role;
  active: boolean;
}

export function toUserSummary(r: UserRow): UserSummary {
  return { id: r.id, agencyId: r.agency_id, unitId: r.unit_id, username: r.username, fullName: r.full_name, position: r.position, role: r.role, active: r.active };
}

export async function loadOrganisation(q: Queryable, agencyId: string): Promise<Organisation> {
  const a = (
    await q.query<{
      id: string;
      code: string;
      name: string;
      abbreviation: string;
      place: string;
      org_version: number;
      secret_content_policy: string | null;
      schedule_settings: string | null;
      outgoing_settings: string | null;
    }>(
      'SELECT * FROM agencies WHERE id = $1',
      [agencyId],
    )
  ).rows[0];
  if (!a) throw new Error(`unknown agency ${agencyId}`);
  const units = (await q.query<{ id: string; agency_id: string; parent_id: string | null; name: string; abbreviation: string; sort_order: number }>(
    'SELECT * FROM units WHERE agency_id = $1 ORDER BY sort_order, name',
    [agencyId],
  )).rows.map((u): Unit => ({ id: u.id, agencyId: u.agency_id, parentId: u.parent_id, name: u.name, abbreviation: u.abbreviation, sortOrder: u.sort_order }));
  const schedule = parseScheduleSettings(a.schedule_settings);
  const users = (await q.query<UserRow>('SELECT id, agency_id, unit_id, username, full_name, position, role, active FROM users WHERE agency_id = $1 ORDER BY username', [agencyId])).rows.map(toUserSummary);
  return {
    version: a.org_version,
    agency: { id: a.id, code: a.code, name: a.name, abbreviation: a.abbreviation, place: a.place },
    units,
    users,
    secretContent: parseSecretContentPolicy(a.secret_content_policy),
    // Absent when never set: no office unit (the agency's leaders compile the week), no rooms.
    ...(schedule ? { schedule } : {}),
    // Never absent from this server: an agency that set none numbers in the default registers.
    outgoing: outgoingSettingsOf(a.id, a.outgoing_settings),
  };
}

/** Caches each agency's organisation; a cheap version check per use keeps several instances coherent. */
export class OrganisationCache {
  private readonly cache = new Map<string, Organisation>();
  async get(q: Queryable, agencyId: string): Promise<Organisation> {
    const v = (await q.query<{ org_version: number }>('SELECT org_version FROM agencies WHERE id = $1', [agencyId])).rows[0]?.org_version;
    const hit = this.cache.get(agencyId);
    if (hit && hit.version === v) return hit;
    const org = await loadOrganisation(q, agencyId);
    this.cache.set(agencyId, org);
    return org;
  }
}

export interface OrganisationSpec {
  agency: Agency;
  units: Array<Omit<Unit, 'agencyId'>>;
  users: Array<{ id: string; unitId: string; username: string; fullName: string; position: string; role: Role; active?: boolean }>;
}

/** Create (or replace the users and units of) an agency. Passwords are hashed with scrypt. */
export async function createOrganisation(db: Db, spec: OrganisationSpec, passwordFor: (username: string) => string): Promise<void> {
  const agency = Agency.parse(spec.agency);
  const hashes = await Promise.all(spec.users.map((u) => hashPassword(passwordFor(u.username))));
  await db.tx(async (q) => {
    await q.query(
      `INSERT INTO agencies (id, code, name, abbreviation, place) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, abbreviation = EXCLUDED.abbreviation,
         place = EXCLUDED.place, org_version = agencies.org_version + 1`,
      [agency.id, agency.code, agency.name, agency.abbreviation, agency.place],
    );
    // Parents first, so the foreign key holds.
    const pending = [...spec.units];
    const done = new Set<string>();
    while (pending.length > 0) {
      const idx = pending.findIndex((u) => u.parentId === null || done.has(u.parentId));
      if (idx < 0) throw new Error('units do not form a tree');
      const u = Unit.parse({ ...pending.splice(idx, 1)[0], agencyId: agency.id });
      await q.query(
        `INSERT INTO units (id, agency_id, parent_id, name, abbreviation, sort_order) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, name = EXCLUDED.name, abbreviation = EXCLUDED.abbreviation, sort_order = EXCLUDED.sort_order`,
        [u.id, u.agencyId, u.parentId, u.name, u.abbreviation, u.sortOrder],
      );
      done.add(u.id);
    }
    for (const [i, raw] of spec.users.entries()) {
      const u = UserSummary.parse({ ...raw, agencyId: agency.id, active: raw.active ?? true });
      await q.query(
        `INSERT INTO users (id, agency_id, unit_id, username, full_name, position, role, password_hash, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET unit_id = EXCLUDED.unit_id, username = EXCLUDED.username, full_name = EXCLUDED.full_name,
           position = EXCLUDED.position, role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, active = EXCLUDED.active`,
        [u.id, u.agencyId, u.unitId, u.username.toLowerCase(), u.fullName, u.position, u.role, hashes[i], u.active],
      );
    }
  });
}
