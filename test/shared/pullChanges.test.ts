/**
 * How the core reads a pull page (shared/sync/protocol.ts splitPullChanges): record
 * envelopes of protocol 2 checked by each kind's own schema, and a protocol 1 page
 * from a server of the previous release mapped to the same envelopes — one record
 * that cannot be read is set aside by kind and id, never the page.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createIncoming } from '../../src/shared/incoming/rules.js';
import { IncomingDocument } from '../../src/shared/incoming/model.js';
import { Task } from '../../src/shared/tasks/model.js';
import { splitPullChanges } from '../../src/shared/sync/protocol.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import { metadata } from '../helpers/api.js';
import { FIXTURE_ORG, U } from '../helpers/fixtures.js';

const org = { units: FIXTURE_ORG.units, users: FIXTURE_ORG.users.map((u) => ({ ...u, agencyId: FIXTURE_ORG.agency.id, active: true })) } as never;
const clerk = { ...U.vanthu, agencyId: FIXTURE_ORG.agency.id, active: true } as UserSummary;
const schemas = new Map<string, z.ZodType>([
  ['incoming', IncomingDocument],
  ['tasks', Task],
]);

function doc(): IncomingDocument {
  const d = createIncoming({ documentId: randomUUID(), metadata: metadata(), files: [] }, { actor: clerk, org, now: new Date('2026-11-25T02:00:00Z') }, { number: 1, year: 2026 }, []);
  return { ...d, readAt: null };
}

describe('reading a pull page', () => {
  it('protocol 2: each record is checked by its kind; a removal needs no state; a kind this build does not read is ignored', () => {
    const good = doc();
    const bad = { ...doc(), subject: 'Báo cáo\u0007' };
    const taskId = randomUUID();
    const { changes, refused } = splitPullChanges(
      [
        { kind: 'incoming', id: good.id, version: good.version, state: good },
        { kind: 'incoming', id: bad.id, version: bad.version, state: bad },
        { kind: 'tasks', id: taskId, removed: true },
        { kind: 'schedule', id: randomUUID(), version: 1, state: { anything: true } },
      ],
      schemas,
      2,
    );
    expect(changes).toEqual([
      { kind: 'incoming', id: good.id, state: good },
      { kind: 'tasks', id: taskId, removed: true },
    ]);
    expect(refused).toEqual([{ kind: 'incoming', recordId: bad.id, issues: ['subject: control_characters'] }]);
  });

  it('protocol 1 (a server of the previous release): documents come as incoming envelopes, and an unreadable one is set aside by id', () => {
    const good = doc();
    const bad = { ...doc(), history: [{ id: 1, actorId: clerk.id, action: 'registered', at: good.arrivalDate, summary: 'x'.repeat(3000), details: {} }] };
    const gone = randomUUID();
    const { changes, refused } = splitPullChanges(
      [
        { op: 'put', doc: good },
        { op: 'put', doc: bad },
        { op: 'remove', id: gone },
      ],
      schemas,
      undefined,
    );
    expect(changes).toEqual([
      { kind: 'incoming', id: good.id, state: good },
      { kind: 'incoming', id: gone, removed: true },
    ]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ kind: 'incoming', recordId: bad.id });
    expect(refused[0]!.issues.join()).toContain('history.0.summary');
  });

  it('an envelope that names no record is set aside without an id, and the rest of the page still applies', () => {
    const good = doc();
    const { changes, refused } = splitPullChanges([{ kind: 'incoming', version: 1 }, { kind: 'incoming', id: good.id, version: 1, state: good }], schemas, 2);
    expect(changes).toHaveLength(1);
    expect(refused).toEqual([expect.objectContaining({ kind: 'incoming', recordId: null })]);
  });
});
