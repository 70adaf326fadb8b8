import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isValidAgencyCode } from '../../src/shared/domain/agencyCode.js';
import { Agency, Unit, UserSummary, isAgencyLeader, unitSubtree } from '../../src/shared/model/organisation.js';
import { ROLES } from '../../src/shared/model/organisation.js';
import { DEMO_PASSWORD, DEMO_USERS, demoOrganisation, usernameFor } from '../../src/server/seed/content/organisation.js';
import { createRandom, uuidFromName } from '../../src/server/seed/content/random.js';

const org = demoOrganisation();
const root = org.units.find((u) => u.parentId === null);
const byUsername = new Map(org.users.map((u) => [u.username, u]));
const unitOf = (username: string) => org.units.find((u) => u.id === byUsername.get(username)?.unitId);

describe('random', () => {
  it('is deterministic and seed-dependent', () => {
    const a = createRandom('x');
    const b = createRandom('x');
    const c = createRandom('y');
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it('keeps int, pick, shuffle and sample within bounds', () => {
    const r = createRandom(42);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(items).toContain(r.pick(items));
    expect([...r.shuffle(items)].sort()).toEqual(items);
    expect(new Set(r.sample(items, 3)).size).toBe(3);
    expect(r.weighted([['only', 1]])).toBe('only');
  });

  it('makes UUIDs zod accepts, stable by name', () => {
    const r = createRandom(1);
    for (let i = 0; i < 50; i++) expect(z.string().uuid().safeParse(r.uuid()).success).toBe(true);
    expect(uuidFromName('a')).toBe(uuidFromName('a'));
    expect(uuidFromName('a')).not.toBe(uuidFromName('b'));
    expect(z.string().uuid().safeParse(uuidFromName('a')).success).toBe(true);
  });
});

describe('demo organisation', () => {
  it('is a provincial People’s Committee with a valid agency code', () => {
    expect(org.agency.name).toBe('Ủy ban nhân dân tỉnh Kon Tum');
    expect(org.agency.abbreviation).toBe('UBND');
    expect(org.agency.place).toBe('Kon Tum');
    expect(isValidAgencyCode(org.agency.code)).toBe(true);
    expect(Agency.safeParse(org.agency).success).toBe(true);
  });

  it('is deterministic', () => {
    expect(demoOrganisation()).toEqual(org);
  });

  it('has about fifty users, in every role', () => {
    expect(org.users.length).toBeGreaterThanOrEqual(45);
    expect(org.users.length).toBeLessThanOrEqual(60);
    for (const role of ROLES) expect(org.users.some((u) => u.role === role)).toBe(true);
    expect(org.users.filter((u) => u.role === 'admin').length).toBeGreaterThanOrEqual(1);
    expect(org.users.filter((u) => u.role === 'admin').length).toBeLessThanOrEqual(2);
  });

  it('passes the shared schemas', () => {
    for (const u of org.units) expect(Unit.safeParse({ ...u, agencyId: org.agency.id }).success).toBe(true);
    for (const u of org.users) expect(UserSummary.safeParse({ ...u, agencyId: org.agency.id, active: true }).success).toBe(true);
  });

  it('has unique ids and usernames', () => {
    const ids = [...org.units.map((u) => u.id), ...org.users.map((u) => u.id), org.agency.id];
    expect(new Set(ids).size).toBe(ids.length);
    expect(byUsername.size).toBe(org.users.length);
  });

  it('derives ASCII usernames from the Vietnamese names', () => {
    expect(usernameFor('Nguyễn Văn An')).toBe('an.nguyenvan');
    expect(usernameFor('Đặng Quốc Khánh')).toBe('khanh.dangquoc');
    for (const u of org.users) {
      expect(u.username).toMatch(/^[a-z]+\.[a-z]+\d*$/u);
      expect(u.username.startsWith(usernameFor(u.fullName))).toBe(true);
    }
  });

  it('uses NFC Vietnamese names with varied family names', () => {
    for (const u of org.users) {
      expect(u.fullName).toBe(u.fullName.normalize('NFC'));
      expect(u.fullName.split(' ').length).toBeGreaterThanOrEqual(2);
    }
    const families = new Set(org.users.map((u) => u.fullName.split(' ')[0]));
    expect(families.size).toBeGreaterThanOrEqual(10);
    expect(org.users.some((u) => /[ăâđêôơư]/iu.test(u.fullName))).toBe(true);
  });

  it('forms a tree under one root unit', () => {
    expect(root).toBeDefined();
    expect(org.units.filter((u) => u.parentId === null)).toHaveLength(1);
    const ids = new Set(org.units.map((u) => u.id));
    for (const u of org.units) if (u.parentId !== null) expect(ids.has(u.parentId)).toBe(true);
    // Every unit is reachable from the root (no cycles, no orphans).
    expect(unitSubtree((root as { id: string }).id, org.units).size).toBe(org.units.length);
    expect(org.units.length).toBeGreaterThanOrEqual(8);
    for (const u of org.users) expect(ids.has(u.unitId)).toBe(true);
  });

  it('puts the chairman and vice-chairmen in the root unit as agency leaders', () => {
    const inRoot = org.users.filter((u) => u.unitId === root?.id);
    expect(inRoot.length).toBeGreaterThanOrEqual(3);
    for (const u of inRoot) {
      expect(u.role).toBe('leader');
      expect(isAgencyLeader(u, org.units)).toBe(true);
    }
    expect(inRoot.filter((u) => u.position === 'Chủ tịch')).toHaveLength(1);
    expect(inRoot.filter((u) => u.position === 'Phó Chủ tịch').length).toBeGreaterThanOrEqual(2);
  });

  it('gives every other unit at least one leader and the office its clerks', () => {
    for (const unit of org.units.filter((u) => u.parentId !== null)) {
      const staff = org.users.filter((u) => u.unitId === unit.id);
      expect(staff.some((u) => u.role === 'leader')).toBe(true);
      for (const u of staff.filter((s) => s.role === 'leader')) expect(isAgencyLeader(u, org.units)).toBe(false);
    }
    const office = org.units.find((u) => u.name === 'Văn phòng UBND tỉnh');
    expect(org.users.filter((u) => u.unitId === office?.id && u.role === 'clerk').length).toBeGreaterThanOrEqual(2);
  });

  it('exports well-known demo accounts that exist with the right roles', () => {
    expect(DEMO_PASSWORD).toBe('demo@2026');
    expect(byUsername.get(DEMO_USERS.clerk)?.role).toBe('clerk');
    expect(byUsername.get(DEMO_USERS.leader)?.position).toBe('Chủ tịch');
    expect(unitOf(DEMO_USERS.leader)?.parentId).toBeNull();
    expect(byUsername.get(DEMO_USERS.unitLeader)?.role).toBe('leader');
    expect(unitOf(DEMO_USERS.unitLeader)?.name).toBe('Phòng Kinh tế');
    expect(byUsername.get(DEMO_USERS.specialist)?.role).toBe('specialist');
    expect(unitOf(DEMO_USERS.specialist)?.name).toBe('Phòng Kinh tế');
  });
});
