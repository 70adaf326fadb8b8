/**
 * Bad input to every endpoint: each answer is a 4xx with `{ code, message: { vi, en } }`
 * (never a stack trace or a 500), and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ABANDONED_MUTATION, MAX_JSON_BYTES } from '../../src/shared/sync/protocol.js';
import { http, makePdf, metadata, PushClient, sha256, type HttpResult } from '../helpers/api.js';
import { FIXTURE_PASSWORD, U } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { DAY, expectError, expectRejected, loginAll, pullPage, rowCounts } from './support.js';

describe.each(BACKENDS)('bad input (%s)', (backend) => {
  let s: TestServer;
  let t: Record<'vanthu' | 'chutich', string>;
  let docId: string;
  let counts: Record<string, number>;

  beforeAll(async () => {
    s = await startTestServer({ backend, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, ['vanthu', 'chutich']);
    docId = await new PushClient(s.url, t.vanthu).register();
  });
  afterAll(async () => s?.close());
  beforeEach(async () => {
    counts = await rowCounts(s);
  });
  const nothingChanged = async () => expect(await rowCounts(s)).toEqual(counts);

  /** The JSON endpoints, each with the token it needs. */
  const endpoints = () => [
    { path: '/auth/login', token: undefined },
    { path: '/sync/pull', token: t.chutich },
    { path: '/sync/push', token: t.chutich },
    { path: '/incoming/duplicates', token: t.vanthu },
  ];
  const post = (path: string, token: string | undefined, body: string, contentType = 'application/json'): Promise<HttpResult> =>
    http(s.url, 'POST', path, { ...(token ? { token } : {}), body, headers: { 'content-type': contentType } });
  const postJson = (path: string, token: string | undefined, json: unknown) => http(s.url, 'POST', path, { ...(token ? { token } : {}), json });
  const envelope = (mutations: unknown[], clientId = randomUUID()) => ({ clientId, mutations });
  const mutation = (id: unknown, name = 'incoming.markRead', args: unknown = { documentId: docId }, createdAt: unknown = new Date().toISOString()) => ({ id, name, args, createdAt });

  it('malformed JSON is refused on every JSON endpoint', async () => {
    for (const { path, token } of endpoints()) {
      for (const body of ['{bad', '{"username": "vanthu"', '', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '\u0000', '{"a":1}{"b":2}']) {
        const r = await post(path, token, body);
        expectError(r, 400, 'invalid_json');
      }
    }
    await nothingChanged();
  });

  it('JSON of the wrong shape or types is refused, saying what was wrong', async () => {
    const shapes: unknown[] = [null, [], 'vanthu', 42, true, {}];
    for (const { path, token } of endpoints()) for (const body of shapes) expectError(await postJson(path, token, body), 400, 'validation_failed');

    const login = await postJson('/auth/login', undefined, { username: 1, password: ['x'] });
    expectError(login, 400, 'validation_failed');
    expect(login.body.message.en).toMatch(/username/u);
    expect(login.body.message.vi).toMatch(/username/u);
    expectError(await postJson('/auth/login', undefined, { username: 'vanthu' }), 400, 'validation_failed');
    expectError(await postJson('/auth/login', undefined, { username: '', password: FIXTURE_PASSWORD }), 400, 'validation_failed');

    const pull = await postJson('/sync/pull', t.chutich, { clientId: 5, cursor: 7, limit: 'all' });
    expectError(pull, 400, 'validation_failed');
    expect(pull.body.message.en).toMatch(/clientId/u);
    expectError(await postJson('/sync/pull', t.chutich, { clientId: 'máy-của-tôi', cursor: null }), 400, 'validation_failed');
    expectError(await postJson('/sync/pull', t.chutich, { cursor: null }), 400, 'validation_failed');
    for (const limit of [0, -1, 2001, 1.5, '10']) expectError(await postJson('/sync/pull', t.chutich, { clientId: randomUUID(), cursor: null, limit }), 400, 'validation_failed');

    const pushes: unknown[] = [
      { clientId: randomUUID() },
      { clientId: randomUUID(), mutations: 'all' },
      envelope([]),
      { clientId: 'not-a-uuid', mutations: [mutation(1)] },
      envelope([mutation(0)]),
      envelope([mutation(-1)]),
      envelope([mutation(1.5)]),
      envelope([mutation('1')]),
      envelope([mutation(1, '')]),
      envelope([mutation(1, 'incoming.markRead', { documentId: docId }, 'hôm qua')]),
      // A missing createdAt is an older client's mutation, applied at the server's time (decisions §21); a wrong one is refused.
      envelope([{ id: 1, name: 'incoming.markRead', args: { documentId: docId }, createdAt: null }]),
      envelope([mutation(1, 'incoming.markRead', { documentId: docId }, 1764460800000)]),
      envelope([{ id: 1, name: 'incoming.markRead' }]),
      envelope([mutation(1), 'incoming.markRead']),
    ];
    for (const body of pushes) expectError(await postJson('/sync/push', t.chutich, body), 400, 'validation_failed');

    expectError(await postJson('/incoming/duplicates', t.vanthu, { codeNumber: 15, codeNotation: 'QĐ-UBND', issuer: 'Sở', issuedDate: '2026-11-20' }), 400, 'validation_failed');
    expectError(await postJson('/incoming/duplicates', t.vanthu, { codeNumber: '15' }), 400, 'validation_failed');
    await nothingChanged();
  });

  it('over-long strings are refused before anything is done with them', async () => {
    const huge = 'Ư'.repeat(100_000);
    expectError(await postJson('/auth/login', undefined, { username: huge, password: FIXTURE_PASSWORD }), 400, 'validation_failed');
    expectError(await postJson('/auth/login', undefined, { username: 'x'.repeat(65), password: FIXTURE_PASSWORD }), 400, 'validation_failed');
    expectError(await postJson('/auth/login', undefined, { username: 'vanthu', password: huge }), 400, 'validation_failed');
    expectError(await postJson('/auth/login', undefined, { username: 'vanthu', password: FIXTURE_PASSWORD, deviceName: huge }), 400, 'validation_failed');
    expectError(await postJson('/sync/pull', t.chutich, { clientId: randomUUID(), cursor: huge }), 400, 'validation_failed');
    expectError(await postJson('/sync/push', t.chutich, envelope([mutation(1, huge)])), 400, 'validation_failed');
    expectError(await postJson('/incoming/duplicates', t.vanthu, { codeNumber: '15', codeNotation: 'QĐ-UBND', issuer: huge, issuedDate: '2026-11-20' }), 400, 'validation_failed');
    await nothingChanged();
    // The clerk can still sign in: a refused request is not a failed password.
    expect((await postJson('/auth/login', undefined, { username: 'vanthu', password: FIXTURE_PASSWORD })).status).toBe(200);
  });

  it('a JSON body over 2 MB is refused with 413', async () => {
    const big = JSON.stringify({ clientId: randomUUID(), cursor: null, padding: 'a'.repeat(MAX_JSON_BYTES) });
    for (const { path, token } of endpoints()) {
      const r = await post(path, token, big);
      expectError(r, 413, 'payload_too_large');
      expect(r.body.message.en).toContain('2 MB');
    }
    // Many small mutations adding up to more than 2 MB, too.
    const many = envelope(Array.from({ length: 100 }, (_, i) => mutation(i + 1, 'incoming.addOpinion', { documentId: docId, opinionId: randomUUID(), kind: 'opinion', content: 'ý'.repeat(12_000) })));
    expectError(await postJson('/sync/push', t.chutich, many), 413, 'payload_too_large');
    await nothingChanged();
    expect((await http(s.url, 'GET', '/health')).status).toBe(200);
  });

  it('a body of another content type is refused', async () => {
    for (const { path, token } of endpoints()) {
      expectError(await post(path, token, '<pull/>', 'application/xml'), 415, 'unsupported_media_type');
      expectError(await post(path, token, 'username=vanthu', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
      expectError(await post(path, token, '--x--', 'multipart/form-data; boundary=x'), 415, 'unsupported_media_type');
    }
    // JSON sent as text/plain (what a cross-site form can send without a preflight) is not JSON to the server.
    const csrf = await post('/auth/login', undefined, JSON.stringify({ username: 'vanthu', password: FIXTURE_PASSWORD }), 'text/plain');
    expectError(csrf, 400, 'validation_failed');
    const csrfPush = await post('/sync/push', t.chutich, JSON.stringify(envelope([mutation(1)])), 'text/plain');
    expectError(csrfPush, 400, 'validation_failed');
    await nothingChanged();
  });

  it('unknown routes and methods answer 404, and only after authentication', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/sync/pull'],
      ['PUT', '/sync/push'],
      ['DELETE', `/files/${sha256(makePdf())}`],
      ['POST', '/incoming/register'],
      ['GET', '/admin'],
    ] as const) {
      expectError(await http(s.url, method, path), 401, 'unauthenticated');
      expectError(await http(s.url, method, path, { token: t.chutich }), 404, 'not_found');
    }
    const root = await fetch(`${s.url}/api/v2/health`, { headers: { authorization: `Bearer ${t.chutich}` } });
    expect(root.status).toBe(404);
    expectError({ status: root.status, headers: root.headers, body: await root.json() }, 404, 'not_found');
    await nothingChanged();
  });

  it('a push of more than 100 mutations is refused whole; 100 is fine', async () => {
    const clientId = randomUUID();
    const over = envelope(Array.from({ length: 101 }, (_, i) => mutation(i + 1)), clientId);
    expectError(await postJson('/sync/push', t.chutich, over), 400, 'validation_failed');
    await nothingChanged();
    expect((await pullPage(s.url, t.chutich, clientId, null)).lastMutationId).toBe(0);

    const ok = await postJson('/sync/push', t.chutich, envelope(Array.from({ length: 100 }, (_, i) => mutation(i + 1)), clientId));
    expect(ok.status).toBe(200);
    expect(ok.body.lastMutationId).toBe(100);
    expect(ok.body.results.every((r: any) => r.status === 'applied')).toBe(true);
  });

  it('an unknown mutation or invalid arguments is a rejection that still advances the id, not a 400', async () => {
    const clientId = randomUUID();
    const documentId = randomUUID();
    const r = await postJson(
      '/sync/push',
      t.vanthu,
      envelope(
        [
          mutation(1, 'incoming.delete', { documentId: docId }),
          mutation(2, '__proto__', {}),
          mutation(3, 'incoming.register', { documentId: randomUUID(), metadata: { subject: 'Thiếu thông tin' }, files: [] }),
          mutation(4, 'incoming.register', { documentId: randomUUID(), metadata: metadata({ subject: 'Đ'.repeat(501) }), files: [] }),
          mutation(5, 'incoming.register', { documentId: 'abc', metadata: metadata(), files: [] }),
          mutation(6, 'incoming.register', { documentId: randomUUID(), metadata: metadata(), files: [{ sha256: '../../etc/passwd', name: 'a.pdf', size: 1, mime: 'application/pdf' }] }),
          mutation(7, 'incoming.register', { documentId: randomUUID(), metadata: metadata(), files: [{ sha256: 'a'.repeat(64), name: '../../a.pdf', size: 1, mime: 'application/pdf' }] }),
          mutation(8, 'incoming.markRead', null),
          mutation(9, 'incoming.register', { documentId, metadata: metadata(), files: [] }),
        ],
        clientId,
      ),
    );
    expect(r.status).toBe(200);
    expect(r.body.lastMutationId).toBe(9);
    expect(r.body.results.map((x: any) => [x.status, x.error?.code])).toEqual([
      ['rejected', 'unknown_mutation'],
      ['rejected', 'unknown_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['applied', undefined],
    ]);
    for (const res of r.body.results.slice(0, 8)) expectRejected({ ...r, body: { results: [res] } }, res.error.code);
    expect((await pullPage(s.url, t.vanthu, clientId, null)).lastMutationId).toBe(9);
    const after = await rowCounts(s);
    expect(after.documents).toBe(counts.documents! + 1);
    expect((await s.server.db.query<{ id: string }>('SELECT id FROM documents WHERE id <> $1 ORDER BY id', [docId])).rows.map((x) => x.id)).toEqual([documentId]);
  });

  it('a NUL (or another control character) in any text is refused with 400, or rejects that one mutation, and never makes a 500', async () => {
    const NUL = '\u0000';
    // Requests: sign-in, pull, the duplicate check. Each says which field and which character.
    const login = await postJson('/auth/login', undefined, { username: `van${NUL}thu`, password: FIXTURE_PASSWORD });
    expectError(login, 400, 'control_characters');
    expect(login.body.message.vi).toContain('username');
    expect(login.body.message.en).toContain('U+0000');
    expectError(await postJson('/auth/login', undefined, { username: 'vanthu', password: FIXTURE_PASSWORD, deviceName: `Máy${NUL}` }), 400, 'control_characters');
    expectError(await postJson('/sync/pull', t.chutich, { clientId: randomUUID(), cursor: `x${NUL}` }), 400, 'control_characters');
    const dup = { codeNumber: '15', codeNotation: 'QĐ-UBND', issuer: 'Sở Tài chính', issuedDate: '2026-11-20' };
    for (const field of Object.keys(dup)) expectError(await postJson('/incoming/duplicates', t.vanthu, { ...dup, [field]: `1${NUL}` }), 400, 'control_characters');
    // The envelope of a push: a control character where a time must be is a bad request, like any other non-time.
    expectError(await postJson('/sync/push', t.chutich, envelope([mutation(1, 'incoming.markRead', { documentId: docId }, `2026-11-25T00:00:00Z${NUL}`)])), 400, 'validation_failed');
    await nothingChanged();

    // Mutations: each text field of each kind is a rejection of that mutation (the id advances), nothing is written.
    const registers = ['issuer', 'codeNumber', 'codeNotation', 'documentType', 'subject', 'signerName', 'signerPosition', 'description'].map((field, i) =>
      mutation(i + 1, 'incoming.register', { documentId: randomUUID(), metadata: metadata({ [field]: `A${NUL}B` }), files: [] }),
    );
    const clerkPush = await postJson('/sync/push', t.vanthu, envelope(registers));
    expect(clerkPush.status, JSON.stringify(clerkPush.body)).toBe(200);
    expect(clerkPush.body.lastMutationId).toBe(registers.length);
    for (const r of clerkPush.body.results) expectRejected({ ...clerkPush, body: { results: [r] } }, 'control_characters');
    expect(clerkPush.body.results[4].error.message.vi).toContain('metadata.subject');

    const a = (note: string) => ({ id: randomUUID(), role: 'main', unitId: U['tp.kinhte'].unitId, userId: null, deadline: null, note });
    const leaderMutations = [
      mutation(1, 'incoming.addOpinion', { documentId: docId, opinionId: randomUUID(), kind: 'opinion', content: `Đồng ý${NUL}` }),
      mutation(2, 'incoming.assign', { documentId: docId, instruction: `Giao${NUL}`, assignments: [a('')] }),
      mutation(3, 'incoming.assign', { documentId: docId, instruction: '', assignments: [a(`Gấp${NUL}`)] }),
      mutation(4, 'incoming.revokeAssignment', { documentId: docId, assignmentId: randomUUID(), reason: `\u001b${NUL}` }),
      mutation(5, 'incoming.complete', { documentId: docId, note: `Xong\u007f` }),
      mutation(6, 'incoming.reassign', { documentId: docId, parentAssignmentId: randomUUID(), assignments: [{ id: randomUUID(), role: 'main', userId: U['cv.kinhte1'].id, deadline: null, note: `\u0085` }] }),
      // The name itself: an unknown mutation, answered (and recorded as JSON) without the NUL.
      mutation(7, `incoming.addOpinion${NUL}`, {}),
    ];
    const leaderPush = await postJson('/sync/push', t.chutich, envelope(leaderMutations));
    expect(leaderPush.status, JSON.stringify(leaderPush.body)).toBe(200);
    expect(leaderPush.body.results.map((r: any) => r.error?.code)).toEqual([...Array(6).fill('control_characters'), 'unknown_mutation']);
    expect(leaderPush.body.lastMutationId).toBe(7);
    const after = await rowCounts(s);
    for (const table of ['documents', 'record_access', 'record_changes', 'arrival_counters']) expect(after[table], table).toBe(counts[table]);

    // A NUL in the address: no route takes it, and it reaches no query.
    expectError(await http(s.url, 'GET', '/files/%00', { token: t.chutich }), 400, 'validation_failed');
    expectError(await http(s.url, 'GET', `/files/${'a'.repeat(63)}%00`, { token: t.chutich }), 400, 'validation_failed');
    expect((await http(s.url, 'GET', '/health?x=%00')).status).toBe(200);
  });

  it("a stand-in for a mutation the client gave up is recorded as rejected and moves the id on", async () => {
    const clientId = randomUUID();
    const r = await postJson('/sync/push', t.chutich, envelope([mutation(1, ABANDONED_MUTATION, {}), mutation(2)], clientId));
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: any) => [x.status, x.error?.code])).toEqual([['rejected', 'mutation_abandoned'], ['applied', undefined]]);
    expect(r.body.lastMutationId).toBe(2);
  });

  it('JSON with prototype-polluting keys is refused and pollutes nothing', async () => {
    for (const body of ['{"__proto__":{"polluted":true},"clientId":"x"}', '{"constructor":{"prototype":{"polluted":true}}}']) {
      for (const { path, token } of endpoints()) expectError(await post(path, token, body), 400, 'invalid_json');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await nothingChanged();
  });

  it('deeply nested JSON does not bring the server down', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expectError(await post('/sync/pull', t.chutich, deep), 400, 'validation_failed');
    const r = await post('/sync/push', t.chutich, `{"clientId":"${randomUUID()}","mutations":[{"id":1,"name":"incoming.markRead","createdAt":"2026-11-25T00:00:00Z","args":${deep}}]}`);
    expect(r.status).toBe(200);
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_mutation' } });
    expect((await http(s.url, 'GET', '/health')).status).toBe(200);
  });
});
