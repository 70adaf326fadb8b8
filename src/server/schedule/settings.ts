/**
 * The agency's schedule settings (shared/schedule/model.ts ScheduleSettings): the office unit
 * that compiles the week and the meeting rooms, stored as JSON in agencies.schedule_settings
 * and read with the organisation (Organisation.schedule). A change bumps org_version, so every
 * client re-reads the organisation, and — when the office is another unit — recomputes who
 * sees the requests and drafts (the office sees them all).
 */
import type { OrgView } from '../../shared/domain/org.js';
import { AppError } from '../../shared/i18n/errors.js';
import { ScheduleSettings } from '../../shared/schedule/model.js';
import type { Queryable } from '../db/database.js';
import { refreshEntryAccess } from './store.js';

/** The stored column as settings; NULL (never set) or unreadable: none (the organisation goes without). */
export function parseScheduleSettings(stored: string | null | undefined): ScheduleSettings | undefined {
  if (stored === null || stored === undefined || stored === '') return undefined;
  try {
    const parsed = ScheduleSettings.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Written only through writeScheduleSettings, which validates: unreadable text never blocks sign-in.
    return undefined;
  }
}

/** The settings as the admin screen shows them: none set is no office and no rooms. */
export async function loadScheduleSettings(q: Queryable, agencyId: string): Promise<ScheduleSettings> {
  const row = (await q.query<{ schedule_settings: string | null }>('SELECT schedule_settings FROM agencies WHERE id = $1', [agencyId])).rows[0];
  return parseScheduleSettings(row?.schedule_settings) ?? { officeUnitId: null, rooms: [] };
}

/** What the schema cannot say: the office is a unit of this agency, and no two rooms share an id. */
export function checkScheduleSettings(settings: ScheduleSettings, org: Pick<OrgView, 'units'>): void {
  if (settings.officeUnitId !== null && !org.units.some((u) => u.id === settings.officeUnitId))
    throw new AppError('validation_failed', { details: 'officeUnitId: đơn vị không thuộc cơ quan (not a unit of the agency)' });
  const ids = settings.rooms.map((r) => r.id);
  if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', { details: 'rooms: trùng mã phòng họp (duplicate room id)' });
}

/**
 * Set the agency's settings in the caller's transaction (the admin route, the seed). `org` is
 * the agency's organisation as it is now (the new settings are applied to it here). Returns the
 * users whose clients should pull: everyone in the agency (the organisation changed), or nobody
 * when nothing changed.
 */
export async function writeScheduleSettings(q: Queryable, agencyId: string, settings: ScheduleSettings, org: OrgView): Promise<Set<string>> {
  const parsed = ScheduleSettings.parse(settings);
  checkScheduleSettings(parsed, org);
  const row = (await q.query<{ schedule_settings: string | null }>('SELECT schedule_settings FROM agencies WHERE id = $1 FOR UPDATE', [agencyId])).rows[0];
  if (!row) throw new Error(`unknown agency ${agencyId}`);
  const before = parseScheduleSettings(row.schedule_settings);
  const text = JSON.stringify(parsed);
  if (before !== undefined && JSON.stringify(before) === text) return new Set();
  await q.query('UPDATE agencies SET schedule_settings = $2, org_version = org_version + 1 WHERE id = $1', [agencyId, text]);
  const poke = new Set(org.users.map((u) => u.id));
  // Another office sees every request and draft; the one before no longer does.
  if ((before?.officeUnitId ?? null) !== parsed.officeUnitId) for (const u of await refreshEntryAccess(q, agencyId, { notPublic: true }, { ...org, schedule: parsed })) poke.add(u);
  return poke;
}
