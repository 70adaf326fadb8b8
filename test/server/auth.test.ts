/**
 * Signing in and out, sessions and their expiry, throttling of password guessing,
 * disabled accounts — against the real server over HTTP, on both backends.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse, PullResponse } from '../../src/shared/sync/protocol.js';
import { http, login } from '../helpers/api.js';
import { FIXTURE_ORG, FIXTURE_PASSWORD, U } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, expectError, HOUR, MINUTE } from './support.js';

const TTL = 8 * HOUR;

describe.each(BACKENDS)('auth (%s)', (backend) => {
  let s: TestServer;
  const clock = new Clock('2026-11-25T01:30:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: TTL });
  });
  afterAll(async () => s?.close());

  const signIn = (username: string, password: string, deviceName?: string) =>
    http(s.url, 'POST', '/auth/login', { json: { username, password, ...(deviceName ? { deviceName } : {}) } });
  const me = (token: string) => http(s.url, 'GET', '/me', { token });

  it('health answers without a session and names the database in use', async () => {
    const r = await http(s.url, 'GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, database: backend });
  });

  it('signing in returns a token, the user and the agency with Vietnamese names intact', async () => {
    const r = await signIn('vanthu', FIXTURE_PASSWORD, 'Máy văn thư');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const body = LoginResponse.parse(r.body);
    expect(body.expiresAt).toBe(new Date(clock.now().getTime() + TTL).toISOString());
    expect(body.user).toEqual({
      id: U.vanthu.id,
      agencyId: FIXTURE_ORG.agency.id,
      unitId: U.vanthu.unitId,
      username: 'vanthu',
      fullName: 'Nguyễn Thị Hoa',
      position: 'Văn thư',
      role: 'clerk',
      active: true,
    });
    expect(body.agency).toEqual(FIXTURE_ORG.agency);
    expect(body.agency.name).toBe('Ủy ban nhân dân tỉnh Kon Tum'.normalize('NFC'));
    // The password hash never leaves the server.
    expect(JSON.stringify(r.body)).not.toMatch(/scrypt|password/iu);

    const who = await me(body.token);
    expect(who.status).toBe(200);
    expect(who.body.user.fullName).toBe('Nguyễn Thị Hoa');
    expect(who.body.agency.name).toBe('Ủy ban nhân dân tỉnh Kon Tum');
  });

  it('the user name is matched whatever its case, spacing or Unicode form', async () => {
    const r = await signIn('  VanThu ', FIXTURE_PASSWORD);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.user.id).toBe(U.vanthu.id);
    // A password typed in decomposed form (macOS, some keyboards) is the same password.
    const nfd = await signIn('cv.kinhte1', FIXTURE_PASSWORD.normalize('NFD'));
    expect(FIXTURE_PASSWORD.normalize('NFD')).not.toBe(FIXTURE_PASSWORD);
    expect(nfd.status, JSON.stringify(nfd.body)).toBe(200);
  });

  it('the database keeps only a hash of the session token', async () => {
    const token = await login(s.url, 'chutich');
    const rows = (await s.server.db.query<{ token_hash: string; user_id: string }>('SELECT token_hash, user_id FROM sessions')).rows;
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
    const mine = rows.find((r) => r.token_hash === createHash('sha256').update(token).digest('hex'));
    expect(mine?.user_id).toBe(U.chutich.id);
  });

  it('a wrong password and an unknown user are refused alike, with a message in both languages', async () => {
    const wrong = await signIn('cv.kinhte2', 'mat-khau-sai');
    expectError(wrong, 401, 'invalid_credentials');
    expect(wrong.body.message.vi).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const unknown = await signIn('khong.ton.tai', FIXTURE_PASSWORD);
    expectError(unknown, 401, 'invalid_credentials');
    // Nothing tells an attacker which user names exist.
    expect(unknown.body).toEqual(wrong.body);
    expect((await s.server.db.query('SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1', ['cv.kinhte2'])).rowCount).toBe(0);
  });

  it('the sixth failed attempt in a row is throttled, even with the right password, until the window passes', async () => {
    for (let i = 1; i <= 5; i++) expectError(await signIn('tp.noichinh', `sai-${i}`), 401, 'invalid_credentials');
    const sixth = await signIn('tp.noichinh', FIXTURE_PASSWORD);
    expectError(sixth, 429, 'rate_limited');
    // Also in another spelling of the same user name.
    expectError(await signIn('TP.NOICHINH', FIXTURE_PASSWORD), 429, 'rate_limited');
    // Other users are not affected.
    expect((await signIn('cv.noichinh', FIXTURE_PASSWORD)).status).toBe(200);

    clock.advance(14 * MINUTE);
    expectError(await signIn('tp.noichinh', FIXTURE_PASSWORD), 429, 'rate_limited');
    clock.advance(MINUTE + 1000);
    const after = await signIn('tp.noichinh', FIXTURE_PASSWORD);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
  });

  it('unknown user names are throttled too', async () => {
    for (let i = 1; i <= 5; i++) expectError(await signIn('doan.mo', `sai-${i}`), 401, 'invalid_credentials');
    expectError(await signIn('doan.mo', 'sai-6'), 429, 'rate_limited');
  });

  it('a successful sign-in clears the count of failures', async () => {
    for (let i = 1; i <= 4; i++) expectError(await signIn('cv.kinhte1', `sai-${i}`), 401, 'invalid_credentials');
    expect((await signIn('cv.kinhte1', FIXTURE_PASSWORD)).status).toBe(200);
    for (let i = 1; i <= 4; i++) expectError(await signIn('cv.kinhte1', `sai-lai-${i}`), 401, 'invalid_credentials');
    expect((await signIn('cv.kinhte1', FIXTURE_PASSWORD)).status).toBe(200);
  });

  it('signing out invalidates that token and only that one', async () => {
    const [a, b] = await Promise.all([login(s.url, 'tp.kinhte'), login(s.url, 'tp.kinhte')]);
    expect((await me(a)).status).toBe(200);
    const out = await http(s.url, 'POST', '/auth/logout', { token: a });
    expect(out.status).toBe(204);
    expectError(await me(a), 401, 'unauthenticated');
    expectError(await http(s.url, 'POST', '/sync/pull', { token: a, json: { clientId: randomUUID(), cursor: null } }), 401, 'unauthenticated');
    // The same user's other device stays signed in.
    expect((await me(b)).status).toBe(200);
    // Signing out twice, or without a token, is harmless.
    expect((await http(s.url, 'POST', '/auth/logout', { token: a })).status).toBe(204);
    expect((await http(s.url, 'POST', '/auth/logout')).status).toBe(204);
    expect((await me(b)).status).toBe(200);
  });

  it('a session stops working when it expires', async () => {
    const token = await login(s.url, 'cv.kinhte2');
    clock.advance(TTL - 1000);
    const before = await http(s.url, 'POST', '/sync/pull', { token, json: { clientId: randomUUID(), cursor: null } });
    expect(before.status).toBe(200);
    PullResponse.parse(before.body);
    clock.advance(2000);
    expectError(await me(token), 401, 'unauthenticated');
    expectError(await http(s.url, 'POST', '/sync/pull', { token, json: { clientId: randomUUID(), cursor: null } }), 401, 'unauthenticated');
    // Signing in again gives a fresh session.
    expect((await me(await login(s.url, 'cv.kinhte2'))).status).toBe(200);
  });

  it('a missing or malformed Authorization header is refused', async () => {
    const token = await login(s.url, 'vanthu');
    const variants: Array<Record<string, string>> = [
      {},
      { authorization: '' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
      { authorization: token },
      { authorization: `Basic ${Buffer.from(`vanthu:${FIXTURE_PASSWORD}`).toString('base64')}` },
      { authorization: `Bearer ${token}x` },
      { authorization: `Bearer ${token.slice(0, -1)}` },
      { authorization: `Bearer ${token} ${token}` },
      { authorization: `Bearer ${'A'.repeat(43)}` },
      { authorization: `Bearer ${'A'.repeat(5000)}` },
      { authorization: `Bearer ${token.slice(0, 10)}'; DROP TABLE sessions; --` },
    ];
    for (const headers of variants) {
      expectError(await http(s.url, 'GET', '/me', { headers }), 401, 'unauthenticated');
      expectError(await http(s.url, 'GET', '/org', { headers }), 401, 'unauthenticated');
    }
    // The genuine header still works, and the sessions table is intact.
    expect((await me(token)).status).toBe(200);
  });

  it('the organisation is readable by every signed-in user, without password hashes', async () => {
    const token = await login(s.url, 'cv.noichinh');
    const r = await http(s.url, 'GET', '/org', { token });
    expect(r.status).toBe(200);
    expect(r.body.agency).toEqual(FIXTURE_ORG.agency);
    expect(r.body.units.map((u: any) => u.name).sort()).toEqual(FIXTURE_ORG.units.map((u) => u.name).sort());
    expect(r.body.users.map((u: any) => u.fullName).sort()).toEqual(FIXTURE_ORG.users.map((u) => u.fullName).sort());
    expect(JSON.stringify(r.body)).not.toMatch(/scrypt|password/iu);
    expectError(await http(s.url, 'GET', '/org'), 401, 'unauthenticated');
  });

  it('a disabled account cannot sign in, and its open sessions stop working at once', async () => {
    const token = await login(s.url, 'cv.noichinh');
    expect((await me(token)).status).toBe(200);
    await s.server.db.query('UPDATE users SET active = false WHERE username = $1', ['cv.noichinh']);
    try {
      expectError(await me(token), 401, 'unauthenticated');
      expectError(await http(s.url, 'GET', '/sync/events', { token }), 401, 'unauthenticated');
      const r = await signIn('cv.noichinh', FIXTURE_PASSWORD);
      expectError(r, 403, 'account_disabled');
      expect(r.body.token).toBeUndefined();
      // A wrong password does not reveal that the account exists but is disabled.
      expectError(await signIn('cv.noichinh', 'sai'), 401, 'invalid_credentials');
      const sessions = (await s.server.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [U['cv.noichinh'].id])).rowCount;
      expectError(await signIn('cv.noichinh', FIXTURE_PASSWORD), 403, 'account_disabled');
      expect((await s.server.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [U['cv.noichinh'].id])).rowCount).toBe(sessions);
    } finally {
      await s.server.db.query('UPDATE users SET active = true WHERE username = $1', ['cv.noichinh']);
    }
    // Re-enabled: the account works again.
    expect((await signIn('cv.noichinh', FIXTURE_PASSWORD)).status).toBe(200);
  });
});
