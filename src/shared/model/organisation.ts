import { z } from 'zod';
import { isValidAgencyCode } from '../domain/agencyCode.js';
import { SECRET_CONTENT_MODES } from '../incoming/secretContent.js';
import { ScheduleSettings } from '../schedule/model.js';
import { OutgoingSettings } from '../outgoing/model.js';
import { requiredText, text, uuid } from './primitives.js';

export const ROLES = ['clerk', 'specialist', 'leader', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Agency = z.object({
  id: uuid,
  code: z.string().refine(isValidAgencyCode, { message: 'invalid agency code' }),
  name: requiredText(200),
  abbreviation: requiredText(20),
  place: requiredText(50),
});
export type Agency = z.infer<typeof Agency>;

/** A unit of the agency, in a tree. The root unit holds the agency's leadership. */
export const Unit = z.object({
  id: uuid,
  agencyId: uuid,
  parentId: uuid.nullable(),
  name: requiredText(200),
  abbreviation: requiredText(20),
  sortOrder: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

/** What every signed-in user may know about a colleague. */
export const UserSummary = z.object({
  id: uuid,
  agencyId: uuid,
  unitId: uuid,
  username: requiredText(64),
  fullName: requiredText(50),
  position: text(100),
  role: Role,
  active: z.boolean(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** The agency's choice, per secret level, of what reaches desktops (shared/incoming/secretContent.ts). */
export const SecretContentPolicy = z.object({
  confidential: z.enum(SECRET_CONTENT_MODES),
  secret: z.enum(SECRET_CONTENT_MODES),
  top_secret: z.enum(SECRET_CONTENT_MODES),
});

export const Organisation = z.object({
  version: z.number().int().nonnegative(),
  agency: Agency,
  units: z.array(Unit),
  users: z.array(UserSummary),
  /** Absent from an older server or cache: the Decree 30 default applies. */
  secretContent: SecretContentPolicy.optional(),
  /** The weekly schedule's office and meeting rooms; absent from an older server: no office, no rooms. */
  schedule: ScheduleSettings.optional(),
  /** Outgoing registers and the trusted certificate roots; absent from an older server: none (issuing refused: register_missing). */
  outgoing: OutgoingSettings.optional(),
});
export type Organisation = z.infer<typeof Organisation>;

// The organisation look-ups are pure and zod-free in shared/domain/org.ts (the renderer imports them there).
export { isAgencyLeader, unitSubtree } from '../domain/org.js';
