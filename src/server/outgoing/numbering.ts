/**
 * The number of an outgoing document (Decree 30 Art. 15; DOMAIN.md §3): the server gives it,
 * with the issue time, when the clerk's `outgoing.issue` is pushed. The register is the one the
 * agency's settings name for the document's type and secrecy (shared registerFor); the series
 * is one row of outgoing_counters per (agency, register, year), taken under its row lock inside
 * the push's transaction: concurrent issues wait their turn, and a push that fails after taking
 * a number rolls the counter back with everything else, so the series has no gap. A number is
 * never given again: a revoked document keeps its own.
 *
 * The number's date is the server's (decisions §21: the rules date the user's action by when it
 * was taken, but "the System assigns the number and the issue time"), in Vietnam's calendar.
 */
import type { RuleContext } from '../../shared/domain/ruleContext.js';
import { AppError } from '../../shared/i18n/errors.js';
import type { IssuedNumber, OutgoingDocument } from '../../shared/outgoing/model.js';
import { codeNumberOf, registerFor, symbolFor } from '../../shared/outgoing/numbering.js';
import { vnDateParts } from '../../shared/text/vietnamese.js';
import type { Queryable } from '../db/database.js';
import { loadOutgoingSettings } from './settings.js';

export interface AgencyFacts {
  readonly name: string;
  readonly abbreviation: string;
}

export async function agencyFacts(q: Queryable, agencyId: string): Promise<AgencyFacts> {
  const row = (await q.query<AgencyFacts>('SELECT name, abbreviation FROM agencies WHERE id = $1', [agencyId])).rows[0];
  if (!row) throw new Error(`unknown agency ${agencyId}`);
  return row;
}

/** The next number of the register's series for `year`, under the counter's row lock. */
async function nextInSeries(q: Queryable, agencyId: string, registerId: string, year: number): Promise<number> {
  await q.query('INSERT INTO outgoing_counters (agency_id, register_id, year, last_number) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING', [agencyId, registerId, year]);
  const last = (
    await q.query<{ last_number: number }>('SELECT last_number FROM outgoing_counters WHERE agency_id = $1 AND register_id = $2 AND year = $3 FOR UPDATE', [
      agencyId,
      registerId,
      year,
    ])
  ).rows[0]!.last_number;
  const n = Number(last) + 1;
  await q.query('UPDATE outgoing_counters SET last_number = $4 WHERE agency_id = $1 AND register_id = $2 AND year = $3', [agencyId, registerId, year, n]);
  return n;
}

/** Give the document its number now (the caller applies it with the rules, in the same transaction). */
export async function takeNumber(q: Queryable, doc: OutgoingDocument, ctx: RuleContext): Promise<IssuedNumber> {
  const settings = ctx.org.outgoing ?? (await loadOutgoingSettings(q, doc.agencyId));
  const register = registerFor(settings.registers, doc.documentType, doc.confidentiality);
  if (register === null) throw new AppError('register_missing');
  const agency = await agencyFacts(q, doc.agencyId);
  const unit = ctx.org.units.find((u) => u.id === doc.draftingUnitId);
  if (!unit) throw new AppError('outgoing_unit_invalid');
  const at = ctx.appliedAt ?? ctx.now;
  const year = vnDateParts(at).year;
  const n = await nextInSeries(q, doc.agencyId, register.id, year);
  return {
    registerId: register.id,
    year,
    n,
    codeNumber: codeNumberOf(n),
    codeNotation: symbolFor(doc.documentType, agency.abbreviation, unit.abbreviation),
    issuedAt: at.toISOString(),
    issuedBy: ctx.actor.id,
  };
}
