/**
 * What the UI sees of the sync machinery for any kind of record: the actions still
 * waiting to sync, those the server refused, and records this version could not read.
 */
import { z } from 'zod';
import { isoDateTime, uuid } from '../model/primitives.js';
import { ErrorBody } from './protocol.js';

/** A record kind, named like its slice ('incoming', 'tasks'). */
export const RecordKind = z.string().regex(/^[a-z][a-z_]{1,30}$/u);

/** A pending local mutation as the UI shows it ("waiting to sync"). */
export const PendingMutation = z.object({
  id: z.number().int().positive(),
  name: z.string().max(64),
  kind: RecordKind,
  recordId: uuid,
  createdAt: isoDateTime,
});
export type PendingMutation = z.infer<typeof PendingMutation>;

export const FailedMutation = PendingMutation.extend({
  error: ErrorBody,
  failedAt: isoDateTime,
});
export type FailedMutation = z.infer<typeof FailedMutation>;

/** A record a pull brought that this version's schema refused: set aside, retried (decisions §18). */
export const RefusedRecord = z.object({ kind: RecordKind, recordId: uuid, error: ErrorBody, refusedAt: isoDateTime });
export type RefusedRecord = z.infer<typeof RefusedRecord>;

/** An action the server applied with a remark the user should read (its clock was off, a possible duplicate). */
export const MutationWarning = PendingMutation.extend({ warnings: z.array(ErrorBody).min(1) });
export type MutationWarning = z.infer<typeof MutationWarning>;
