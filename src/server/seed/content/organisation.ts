/**
 * The bundled demo agency: a provincial People's Committee (Ủy ban nhân dân tỉnh Kon Tum),
 * its units and about fifty staff. Pure data, deterministic: the same ids on every machine.
 *
 * The root unit holds the agency's leadership (chairman and vice-chairmen, role 'leader'),
 * so they are the agency leaders who direct incoming documents (see isAgencyLeader).
 */
import type { Role } from '../../../shared/model/organisation.js';
import { cleanText, foldForSearch } from '../../../shared/text/vietnamese.js';
import { uuidFromName } from './random.js';

export interface DemoAgency {
  id: string;
  code: string;
  name: string;
  abbreviation: string;
  place: string;
}

export interface DemoUnit {
  id: string;
  parentId: string | null;
  name: string;
  abbreviation: string;
  sortOrder: number;
}

export interface DemoUser {
  id: string;
  unitId: string;
  username: string;
  fullName: string;
  position: string;
  role: Role;
}

export interface DemoOrg {
  agency: DemoAgency;
  units: DemoUnit[];
  users: DemoUser[];
}

// The accounts live in shared so the desktop shell can name them without the seed.
export { DEMO_PASSWORD, DEMO_USERS } from '../../../shared/demoAccounts.js';

export const DEMO_AGENCY_CODE = '000.00.00.H34';

const ID_NAMESPACE = 'ioffice-demo';

type Staff = readonly [fullName: string, position: string, role: Role];

interface UnitSpec {
  abbreviation: string;
  name: string;
  staff: readonly Staff[];
}

const ROOT: UnitSpec = {
  abbreviation: 'LĐUBND',
  name: 'Lãnh đạo UBND tỉnh',
  staff: [
    ['Trần Minh Quang', 'Chủ tịch', 'leader'],
    ['Nguyễn Đức Thắng', 'Phó Chủ tịch', 'leader'],
    ['Phạm Thị Thu Hương', 'Phó Chủ tịch', 'leader'],
    ['Hồ Văn Lực', 'Phó Chủ tịch', 'leader'],
  ],
};

const UNITS: readonly UnitSpec[] = [
  {
    abbreviation: 'VP',
    name: 'Văn phòng UBND tỉnh',
    staff: [
      ['Đặng Quốc Khánh', 'Chánh Văn phòng', 'leader'],
      ['Lê Thị Minh Nguyệt', 'Phó Chánh Văn phòng', 'leader'],
      ['Nguyễn Thị Hà', 'Văn thư', 'clerk'],
      ['Võ Thị Kim Oanh', 'Văn thư', 'clerk'],
      ['Bùi Văn Toàn', 'Văn thư', 'clerk'],
      ['Dương Minh Tuấn', 'Chuyên viên quản trị hệ thống', 'admin'],
      ['Ngô Thị Thanh Tâm', 'Chuyên viên', 'specialist'],
    ],
  },
  {
    abbreviation: 'TH',
    name: 'Phòng Tổng hợp',
    staff: [
      ['Hoàng Văn Dũng', 'Trưởng phòng', 'leader'],
      ['Lý Thị Ngọc Ánh', 'Chuyên viên chính', 'specialist'],
      ['Trần Quốc Bảo', 'Chuyên viên', 'specialist'],
      ['Đỗ Thị Thanh Huyền', 'Chuyên viên', 'specialist'],
      ['Phan Văn Nam', 'Chuyên viên', 'specialist'],
    ],
  },
  {
    abbreviation: 'KT',
    name: 'Phòng Kinh tế',
    staff: [
      ['Lê Văn Bình', 'Trưởng phòng', 'leader'],
      ['Nguyễn Thị Thu Trang', 'Phó Trưởng phòng', 'leader'],
      ['Phạm Minh Đức', 'Chuyên viên', 'specialist'],
      ['Võ Văn Hải', 'Chuyên viên chính', 'specialist'],
      ['Huỳnh Thị Mai', 'Chuyên viên', 'specialist'],
      ['Đinh Công Thành', 'Chuyên viên', 'specialist'],
      ['A Kiên', 'Chuyên viên', 'specialist'],
      ['Trương Thị Hồng Nhung', 'Chuyên viên', 'specialist'],
    ],
  },
  {
    abbreviation: 'NC',
    name: 'Phòng Nội chính',
    staff: [
      ['Nguyễn Văn Thịnh', 'Trưởng phòng', 'leader'],
      ['Đặng Thị Hạnh', 'Phó Trưởng phòng', 'leader'],
      ['Bùi Quang Vinh', 'Chuyên viên chính', 'specialist'],
      ['Hồ Thị Lệ', 'Chuyên viên', 'specialist'],
      ['Lê Hoàng Phúc', 'Chuyên viên', 'specialist'],
      ['Ngô Văn Sơn', 'Chuyên viên', 'specialist'],
    ],
  },
  {
    abbreviation: 'KGVX',
    name: 'Phòng Khoa giáo – Văn xã',
    staff: [
      ['Trần Thị Bích Ngọc', 'Trưởng phòng', 'leader'],
      ['Dương Văn Long', 'Phó Trưởng phòng', 'leader'],
      ['Y Hoa', 'Chuyên viên', 'specialist'],
      ['Nguyễn Thị Phương Thảo', 'Chuyên viên chính', 'specialist'],
      ['Lê Minh Tâm', 'Chuyên viên', 'specialist'],
      ['Phạm Văn Tùng', 'Chuyên viên', 'specialist'],
    ],
  },
  {
    abbreviation: 'HCTC',
    name: 'Phòng Hành chính – Tổ chức',
    staff: [
      ['Võ Thanh Hùng', 'Trưởng phòng', 'leader'],
      ['Đỗ Thị Loan', 'Chuyên viên chính', 'specialist'],
      ['Hoàng Thị Yến', 'Chuyên viên', 'specialist'],
      ['Lý Văn Phong', 'Chuyên viên', 'specialist'],
      ['Nguyễn Quốc Việt', 'Chuyên viên', 'specialist'],
      ['Trần Văn Hiếu', 'Chuyên viên công nghệ thông tin', 'admin'],
    ],
  },
  {
    abbreviation: 'TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công',
    staff: [
      ['Hồ Sĩ Nguyên', 'Giám đốc', 'leader'],
      ['Phan Thị Diệu Linh', 'Phó Giám đốc', 'leader'],
      ['Đinh Thị Thúy', 'Chuyên viên', 'specialist'],
      ['Nguyễn Văn Cường', 'Chuyên viên', 'specialist'],
      ['Lê Thị Hằng', 'Chuyên viên', 'specialist'],
      ['Bùi Thị Ngân', 'Chuyên viên', 'specialist'],
    ],
  },
  {
    abbreviation: 'BTCD',
    name: 'Ban Tiếp công dân',
    staff: [
      ['Ngô Đình Chiến', 'Trưởng ban', 'leader'],
      ['Hoàng Văn Tú', 'Phó Trưởng ban', 'leader'],
      ['Trần Thị Thanh Xuân', 'Chuyên viên chính', 'specialist'],
      ['Đặng Văn Lâm', 'Chuyên viên', 'specialist'],
      ['Nguyễn Văn An', 'Chuyên viên', 'specialist'],
    ],
  },
];

/**
 * The ASCII user name for a Vietnamese full name: given name, a dot, then the family and
 * middle names run together — "Nguyễn Văn An" → "an.nguyenvan", "A Kiên" → "kien.a".
 */
export function usernameFor(fullName: string): string {
  const parts = foldForSearch(cleanText(fullName))
    .replace(/[^a-z ]/gu, '')
    .split(' ')
    .filter((p) => p !== '');
  const given = parts.pop() ?? 'user';
  return parts.length > 0 ? `${given}.${parts.join('')}` : given;
}

export function demoOrganisation(): DemoOrg {
  const agency: DemoAgency = {
    id: uuidFromName(`${ID_NAMESPACE}/agency/${DEMO_AGENCY_CODE}`),
    code: DEMO_AGENCY_CODE,
    name: 'Ủy ban nhân dân tỉnh Kon Tum',
    abbreviation: 'UBND',
    place: 'Kon Tum',
  };
  const units: DemoUnit[] = [];
  const users: DemoUser[] = [];
  const taken = new Set<string>();

  const addUnit = (spec: UnitSpec, parentId: string | null, sortOrder: number): void => {
    const unit: DemoUnit = {
      id: uuidFromName(`${ID_NAMESPACE}/unit/${spec.abbreviation}`),
      parentId,
      name: spec.name,
      abbreviation: spec.abbreviation,
      sortOrder,
    };
    units.push(unit);
    for (const [name, position, role] of spec.staff) {
      const fullName = name.normalize('NFC');
      const base = usernameFor(fullName);
      let username = base;
      for (let n = 2; taken.has(username); n++) username = `${base}${n}`;
      taken.add(username);
      users.push({ id: uuidFromName(`${ID_NAMESPACE}/user/${username}`), unitId: unit.id, username, fullName, position, role });
    }
  };

  addUnit(ROOT, null, 0);
  const rootId = (units[0] as DemoUnit).id;
  UNITS.forEach((spec, i) => addUnit(spec, rootId, i + 1));
  return { agency, units, users };
}
