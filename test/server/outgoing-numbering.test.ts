/**
 * Numbers of outgoing documents (issue #10; Decree 30 Art. 15) against the real server, on
 * PGlite and PostgreSQL: the agency's registers (the defaults, changed by its administrator);
 * fifty clerks' clients asking at once for numbers in one register get 1 to 50, each once; a
 * secret document is numbered in the secret register's own series; a refused issue takes no
 * number (no gap); a type with its own register gets its own series and symbol; the series
 * restarts at 1 on 1 January, Vietnam time, by the server's clock.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Organisation } from '../../src/shared/model/organisation.js';
import type { OutgoingSettings } from '../../src/shared/outgoing/model.js';
import { http, PushClient } from '../helpers/api.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { expectApplied, OutgoingFlow, outgoingOf, pullOutgoing, type Actor, type Tokens } from './outgoingSupport.js';
import { Clock, DAY, expectError, expectRejected, loginAll } from './support.js';

const USERS = ['cv.kinhte1', 'cv.kinhte2', 'tp.kinhte', 'chutich', 'vanthu', 'cv.noichinh', 'quantri'] as const satisfies readonly Actor[];
const CONCURRENT = 50;

describe.each(BACKENDS)('outgoing numbers (%s)', (backend) => {
  let s: TestServer;
  let t: Tokens;
  let flow: OutgoingFlow;
  let defaults: OutgoingSettings;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = (await loginAll(s.url, USERS)) as Tokens;
    flow = new OutgoingFlow(s.url, t);
  });
  afterAll(async () => s?.close());

  const org = async (u: Actor): Promise<Organisation> => Organisation.parse((await http(s.url, 'GET', '/org', { token: t[u] })).body);
  const put = (u: Actor, json: unknown) => http(s.url, 'PUT', '/admin/outgoing-settings', { token: t[u], json });
  const numberOf = async (id: string) => (await outgoingOf(s.url, t.vanthu, id))!.number!;

  it('an agency that set none has a shared register and a secret one; only its administrator changes them, and every client reads the change', async () => {
    const first = await org('cv.kinhte1');
    defaults = (await http(s.url, 'GET', '/admin/outgoing-settings', { token: t.quantri })).body as OutgoingSettings;
    expect(defaults).toEqual({
      registers: [
        { id: expect.any(String), name: 'Sổ văn bản đi', documentTypes: [], secret: false },
        { id: expect.any(String), name: 'Sổ văn bản mật', documentTypes: [], secret: true },
      ],
      trustedRoots: [],
    });
    expect(first.outgoing).toEqual(defaults);
    // The same ids every time they are read: a default register's series is kept.
    expect((await org('vanthu')).outgoing).toEqual(defaults);

    for (const u of ['vanthu', 'chutich'] as const) {
      expectError(await http(s.url, 'GET', '/admin/outgoing-settings', { token: t[u] }), 403, 'forbidden');
      expectError(await put(u, defaults), 403, 'forbidden');
    }
    const [shared, secret] = defaults.registers as [OutgoingSettings['registers'][number], OutgoingSettings['registers'][number]];
    expectError(await put('quantri', { ...defaults, registers: [shared, { ...secret, id: shared.id }] }), 400, 'validation_failed');
    expectError(await put('quantri', { ...defaults, registers: [shared, { ...shared, id: randomUUID(), name: 'Sổ thứ hai' }, secret] }), 400, 'validation_failed');
    const qd = { id: randomUUID(), name: 'Sổ quyết định', documentTypes: ['Quyết định'], secret: false };
    expectError(await put('quantri', { ...defaults, registers: [shared, qd, { ...qd, id: randomUUID(), name: 'Sổ khác', documentTypes: ['quyết định'] }, secret] }), 400, 'validation_failed');
    expectError(await put('quantri', { ...defaults, trustedRoots: ['AAAA'] }), 400, 'validation_failed');
    expectError(await put('quantri', { ...defaults, registers: [] }), 400, 'validation_failed');
    expect((await org('cv.kinhte1')).version).toBe(first.version);

    // The trusted roots (base64 DER) the viewers check signatures against.
    const root = Buffer.from((await flow.pki()).root.certificate).toString('base64');
    const withRoot = { ...defaults, trustedRoots: [root] };
    const r = await put('quantri', withRoot);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual(withRoot);
    const after = await org('cv.kinhte1');
    expect(after.version).toBe(first.version + 1);
    expect(after.outgoing).toEqual(withRoot);
    // The same again changes nothing.
    expect((await put('quantri', withRoot)).status).toBe(200);
    expect((await org('cv.kinhte1')).version).toBe(after.version);
  });

  it(`${CONCURRENT} issues pushed at once from as many clients take 1 to ${CONCURRENT}, each once; a secret document starts the secret register's series`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < CONCURRENT; i++) ids.push(await flow.toIssue(i % 2 === 0 ? 'cv.kinhte1' : 'cv.kinhte2'));
    const secretId = await flow.toIssue('cv.kinhte1', { fields: { confidentiality: 'confidential', subject: 'Kế hoạch bảo vệ bí mật nhà nước' } });

    const results = await Promise.all(ids.map((id) => new PushClient(s.url, t.vanthu).send('outgoing.issue', { documentId: id })));
    for (const r of results) expectApplied(r);
    const docs = (await pullOutgoing(s.url, t.vanthu)).records;
    const numbers = ids.map((id) => docs.get(id)!.number!);
    expect(numbers.map((n) => n.n).sort((a, b) => a - b)).toEqual(Array.from({ length: CONCURRENT }, (_, i) => i + 1));
    expect(new Set(numbers.map((n) => `${n.codeNumber}/${n.codeNotation}`)).size).toBe(CONCURRENT);
    expect(new Set(numbers.map((n) => n.registerId))).toEqual(new Set([defaults.registers[0]!.id]));
    expect(numbers.find((n) => n.n === 5)).toMatchObject({ codeNumber: '05', codeNotation: 'UBND-KT', year: 2026 });
    expect(numbers.find((n) => n.n === 50)?.codeNumber).toBe('50');

    expectApplied(await flow.issue('vanthu', secretId));
    expect(await numberOf(secretId)).toMatchObject({ registerId: defaults.registers[1]!.id, n: 1, codeNumber: '01' });
  });

  it('a refused issue takes no number; a type with a register of its own has its own series and symbol', async () => {
    const congVan = await flow.toIssue('cv.kinhte1');
    const quyetDinh = await flow.toIssue('cv.kinhte1', { fields: { documentType: 'Quyết định', subject: 'Quyết định thành lập tổ công tác' } });
    // Not a clerk: refused before any number is taken.
    expectRejected(await flow.issue('cv.kinhte1', congVan), 'not_clerk_outgoing');
    // The agency keeps registers for decisions and secret documents only: a công văn has none.
    const qd = { id: randomUUID(), name: 'Sổ quyết định', documentTypes: ['Quyết định'], secret: false };
    const secret = defaults.registers[1]!;
    expect((await put('quantri', { registers: [qd, secret], trustedRoots: [] })).status).toBe(200);
    expectRejected(await flow.issue('vanthu', congVan), 'register_missing');
    expect((await outgoingOf(s.url, t.vanthu, congVan))!).toMatchObject({ status: 'to_issue', number: null });
    expectApplied(await flow.issue('vanthu', quyetDinh));
    expect(await numberOf(quyetDinh)).toMatchObject({ registerId: qd.id, n: 1, codeNumber: '01', codeNotation: 'QĐ-UBND' });

    // The shared register back, under its id: its series goes on with no gap.
    expect((await put('quantri', { registers: [defaults.registers[0], qd, secret], trustedRoots: [] })).status).toBe(200);
    expectApplied(await flow.issue('vanthu', congVan));
    expect(await numberOf(congVan)).toMatchObject({ registerId: defaults.registers[0]!.id, n: CONCURRENT + 1 });
  });

  it('the series restarts at 1 on 1 January in Vietnam, by the server\'s clock', async () => {
    const late = await flow.toIssue('cv.kinhte1');
    const early = await flow.toIssue('cv.kinhte1');
    // 23:59 on 31 December in Kon Tum (16:59 UTC): still this year's series.
    clock.set('2026-12-31T16:59:00Z');
    expectApplied(await flow.issue('vanthu', late));
    expect(await numberOf(late)).toMatchObject({ year: 2026, n: CONCURRENT + 2, issuedAt: '2026-12-31T16:59:00.000Z' });
    // 00:01 on 1 January in Kon Tum, still 31 December in UTC: the new year's first number.
    clock.set('2026-12-31T17:01:00Z');
    expectApplied(await flow.issue('vanthu', early));
    expect(await numberOf(early)).toMatchObject({ registerId: defaults.registers[0]!.id, year: 2027, n: 1, codeNumber: '01', issuedAt: '2026-12-31T17:01:00.000Z' });
  });
});
