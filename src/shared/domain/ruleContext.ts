import type { UserSummary } from '../model/organisation.js';
import type { OrgView } from './org.js';

/** What every feature's rules are applied with, on the server and in the core's overlay alike. */
export interface RuleContext {
  readonly actor: UserSummary;
  readonly org: OrgView;
  /**
   * When the user took the action (the mutation's time, checked by the server against
   * its clock: shared/domain/actionTime.ts). It dates what the user did and is "today"
   * for every "not in the past" check, however late the server applies it.
   */
  readonly now: Date;
  /** When the server applies it (the record's updatedAt); `now` when not given. */
  readonly appliedAt?: Date;
}
