/**
 * A small, fixed organisation for tests: one agency, a leadership unit, an office
 * with the clerk, two departments with a leader and specialists each.
 * Every user's password is FIXTURE_PASSWORD.
 */
export const FIXTURE_PASSWORD = 'Mật-khẩu#2026';

export const FIXTURE_ORG = {
  agency: {
    id: '0f000000-0000-4000-8000-000000000001',
    code: '000.00.00.H34',
    name: 'Ủy ban nhân dân tỉnh Kon Tum',
    abbreviation: 'UBND',
    place: 'Kon Tum',
  },
  units: [
    { id: '0a000000-0000-4000-8000-000000000001', parentId: null, name: 'Lãnh đạo UBND tỉnh', abbreviation: 'LĐ', sortOrder: 0 },
    { id: '0a000000-0000-4000-8000-000000000002', parentId: '0a000000-0000-4000-8000-000000000001', name: 'Văn phòng UBND tỉnh', abbreviation: 'VP', sortOrder: 1 },
    { id: '0a000000-0000-4000-8000-000000000003', parentId: '0a000000-0000-4000-8000-000000000001', name: 'Phòng Kinh tế', abbreviation: 'KT', sortOrder: 2 },
    { id: '0a000000-0000-4000-8000-000000000004', parentId: '0a000000-0000-4000-8000-000000000001', name: 'Phòng Nội chính', abbreviation: 'NC', sortOrder: 3 },
  ],
  users: [
    { id: '0b000000-0000-4000-8000-000000000001', unitId: '0a000000-0000-4000-8000-000000000002', username: 'vanthu', fullName: 'Nguyễn Thị Hoa', position: 'Văn thư', role: 'clerk' },
    { id: '0b000000-0000-4000-8000-000000000002', unitId: '0a000000-0000-4000-8000-000000000001', username: 'chutich', fullName: 'Trần Văn Đức', position: 'Chủ tịch', role: 'leader' },
    { id: '0b000000-0000-4000-8000-000000000003', unitId: '0a000000-0000-4000-8000-000000000003', username: 'tp.kinhte', fullName: 'Lê Minh Đăng', position: 'Trưởng phòng', role: 'leader' },
    { id: '0b000000-0000-4000-8000-000000000004', unitId: '0a000000-0000-4000-8000-000000000003', username: 'cv.kinhte1', fullName: 'Phạm Thu Hằng', position: 'Chuyên viên', role: 'specialist' },
    { id: '0b000000-0000-4000-8000-000000000005', unitId: '0a000000-0000-4000-8000-000000000003', username: 'cv.kinhte2', fullName: 'Võ Quốc Bảo', position: 'Chuyên viên', role: 'specialist' },
    { id: '0b000000-0000-4000-8000-000000000006', unitId: '0a000000-0000-4000-8000-000000000004', username: 'tp.noichinh', fullName: 'Đặng Văn Sơn', position: 'Trưởng phòng', role: 'leader' },
    { id: '0b000000-0000-4000-8000-000000000007', unitId: '0a000000-0000-4000-8000-000000000004', username: 'cv.noichinh', fullName: 'Bùi Thị Lan', position: 'Chuyên viên', role: 'specialist' },
    { id: '0b000000-0000-4000-8000-000000000008', unitId: '0a000000-0000-4000-8000-000000000002', username: 'quantri', fullName: 'Hồ Văn Tâm', position: 'Quản trị hệ thống', role: 'admin' },
  ],
} as const;

type FixtureUser = (typeof FIXTURE_ORG.users)[number];
export const U = Object.fromEntries(FIXTURE_ORG.users.map((u) => [u.username, u])) as Record<FixtureUser['username'], FixtureUser>;
export const UNITS = {
  leadership: FIXTURE_ORG.units[0],
  office: FIXTURE_ORG.units[1],
  economy: FIXTURE_ORG.units[2],
  internal: FIXTURE_ORG.units[3],
} as const;
