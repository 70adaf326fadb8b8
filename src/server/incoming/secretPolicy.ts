/**
 * The agency's secret-content policy (docs/decisions.md §19): read with the
 * organisation, changed by the server's command line. A change bumps org_version
 * (clients re-read the organisation, so the registration form's note follows) and
 * re-sends every secret document of a changed level, so each desktop gets the state
 * the new policy allows — content added, or content taken away.
 */
import { DEFAULT_SECRET_CONTENT_POLICY, SECRET_LEVELS, type SecretContentPolicy } from '../../shared/incoming/secretContent.js';
import { SecretContentPolicy as PolicySchema } from '../../shared/model/organisation.js';
import type { Db, Queryable } from '../db/database.js';
import { recordChanges } from '../sync/changeLog.js';

/** The stored column (NULL: the default) as a policy. */
export function parseSecretContentPolicy(stored: string | null | undefined): SecretContentPolicy {
  if (stored === null || stored === undefined || stored === '') return { ...DEFAULT_SECRET_CONTENT_POLICY };
  return PolicySchema.parse({ ...DEFAULT_SECRET_CONTENT_POLICY, ...(JSON.parse(stored) as object) });
}

export async function loadSecretContentPolicy(q: Queryable, agencyId: string): Promise<SecretContentPolicy> {
  const row = (await q.query<{ secret_content_policy: string | null }>('SELECT secret_content_policy FROM agencies WHERE id = $1', [agencyId])).rows[0];
  return parseSecretContentPolicy(row?.secret_content_policy);
}

/** Set (part of) an agency's policy; returns the new policy and the users whose clients should pull. */
export async function setSecretContentPolicy(
  db: Db,
  agencyId: string,
  change: Partial<SecretContentPolicy>,
): Promise<{ policy: SecretContentPolicy; pokeUsers: Set<string> }> {
  return db.tx(async (q) => {
    const row = (await q.query<{ secret_content_policy: string | null }>('SELECT secret_content_policy FROM agencies WHERE id = $1 FOR UPDATE', [agencyId])).rows[0];
    if (!row) throw new Error(`unknown agency ${agencyId}`);
    const before = parseSecretContentPolicy(row.secret_content_policy);
    const policy = PolicySchema.parse({ ...before, ...change });
    const changedLevels = SECRET_LEVELS.filter((l) => before[l] !== policy[l]);
    const pokeUsers = new Set<string>();
    if (changedLevels.length === 0) return { policy, pokeUsers };
    await q.query('UPDATE agencies SET secret_content_policy = $2, org_version = org_version + 1 WHERE id = $1', [agencyId, JSON.stringify(policy)]);
    // Secret documents are rare; their level is in the stored state.
    const docs = (
      await q.query<{ id: string }>(
        `SELECT id FROM documents WHERE agency_id = $1 AND content_withheld AND (state::jsonb ->> 'confidentiality') = ANY($2::text[]) ORDER BY id`,
        [agencyId, changedLevels],
      )
    ).rows.map((r) => r.id);
    await recordChanges(
      q,
      docs.map((recordId) => ({ kind: 'incoming', recordId, userId: null, op: 'put' as const })),
    );
    // Everyone in the agency re-reads the organisation (the form's note follows the policy).
    for (const r of (await q.query<{ id: string }>('SELECT id FROM users WHERE agency_id = $1', [agencyId])).rows) pokeUsers.add(r.id);
    return { policy, pokeUsers };
  });
}
