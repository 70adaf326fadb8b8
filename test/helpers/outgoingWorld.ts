/**
 * Outgoing documents made by the shared rules (as the server and the core's overlay make them),
 * for the core's tests of the outgoing store and lists: the fixture organisation with two
 * registers (the shared series and the secret one), and a record store standing in for the
 * server's, which gives numbers in each register's series as the server does.
 */
import { expect } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import type { OrgView } from '../../src/shared/domain/org.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import { buildRegistry } from '../../src/shared/sync/registry.js';
import {
  canSeeOutgoing,
  codeNumberOf,
  OutgoingDocument,
  outgoingMutations,
  registerFor,
  symbolFor,
  type IssueFacts,
  type OutgoingMutationInput,
  type OutgoingMutationName,
} from '../../src/shared/outgoing/schemas.js';
import { vnDateParts } from '../../src/shared/text/vietnamese.js';
import { FIXTURE_ORG } from './fixtures.js';
import { ORG as TASK_ORG } from './taskWorld.js';

export const REGISTER_SHARED = '0f100000-0000-4000-8000-000000000001';
export const REGISTER_SECRET = '0f100000-0000-4000-8000-000000000002';

export const OUTGOING_ORG: OrgView = {
  ...TASK_ORG,
  outgoing: {
    registers: [
      { id: REGISTER_SHARED, name: 'Sổ văn bản đi', documentTypes: [], secret: false },
      { id: REGISTER_SECRET, name: 'Sổ văn bản mật', documentTypes: [], secret: true },
    ],
    trustedRoots: [],
  },
};

const user = (username: string): UserSummary => OUTGOING_ORG.users.find((u) => u.username === username)!;
export const Q = {
  vanthu: user('vanthu'), // the clerk
  chutich: user('chutich'), // agency leader, signs
  tpKinhte: user('tp.kinhte'), // leads Phòng Kinh tế, reviews its drafts
  cv1: user('cv.kinhte1'),
  cv2: user('cv.kinhte2'),
  tpNoichinh: user('tp.noichinh'),
  cvNoichinh: user('cv.noichinh'),
};

const registry = buildRegistry(outgoingMutations);

/** A record store standing in for the server's: every action goes through the outgoing rules. */
export function outgoingWorld(org: OrgView = OUTGOING_ORG) {
  const docs = new Map<string, OutgoingDocument>();
  const counters = new Map<string, number>();

  /** The number the server gives: the next of the document's register for the Vietnam year. */
  function numberFor(d: OutgoingDocument, clerk: UserSummary, now: Date): IssueFacts['number'] {
    const register = registerFor(org.outgoing!.registers, d.documentType, d.confidentiality)!;
    const year = vnDateParts(now).year;
    const key = `${register.id}/${year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const unit = org.units.find((u) => u.id === d.draftingUnitId)!;
    return { registerId: register.id, year, n, codeNumber: codeNumberOf(n), codeNotation: symbolFor(d.documentType, FIXTURE_ORG.agency.abbreviation, unit.abbreviation), issuedAt: now.toISOString(), issuedBy: clerk.id };
  }

  function act<N extends OutgoingMutationName>(actor: UserSummary, name: N, input: OutgoingMutationInput[N], now: Date): OutgoingDocument {
    const def = registry.get(name)!;
    const args = def.args.parse(input) as { documentId: string };
    const ctx: RuleContext = { actor, org, now };
    const before = docs.get(args.documentId) ?? null;
    const facts: unknown = name === 'outgoing.issue' ? { number: numberFor(before!, actor, now) } : name === 'outgoing.dispatch' ? { incomingIds: {} } : undefined;
    const next = def.apply(before, args, ctx, facts) as OutgoingDocument;
    expect(OutgoingDocument.parse(next)).toEqual(next);
    docs.set(next.id, next);
    return next;
  }

  /** What `u` may see, as the server sends it. */
  function visibleTo(u: UserSummary): OutgoingDocument[] {
    return [...docs.values()].filter((d) => canSeeOutgoing(d, u, org));
  }
  return { docs, act, visibleTo };
}
export type OutgoingWorld = ReturnType<typeof outgoingWorld>;
