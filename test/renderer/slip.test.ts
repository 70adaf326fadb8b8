/**
 * The processing slip's block II (Decree 30, Appendix IV): every unit that handed
 * the document on inside itself has its lines, its date and its leader's signature.
 */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/app/i18n/vi.js';
import { unitBlocks } from '../../src/renderer/features/incoming/slip.js';
import type { Assignment, IncomingDocument } from '../../src/shared/incoming/model.js';
import type { Organisation } from '../../src/shared/model/organisation.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';

const AGENCY = FIXTURE_ORG.agency.id;
const org: Pick<Organisation, 'units' | 'users'> = {
  units: FIXTURE_ORG.units.map((u) => ({ ...u, agencyId: AGENCY })),
  users: FIXTURE_ORG.users.map((u) => ({ ...u, agencyId: AGENCY, active: true })),
};

let n = 0;
function a(p: Partial<Assignment> & Pick<Assignment, 'role'>): Assignment {
  return { id: `0c000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, unitId: null, userId: null, deadline: null, parentId: null, note: '', assignedBy: U.chutich.id, assignedAt: '2026-11-20T02:00:00.000Z', status: 'active', completedAt: null, ...p };
}

let tv: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { vi: { translation: vi } }, lng: 'vi', interpolation: { escapeValue: false } });
  tv = i18n.getFixedT('vi');
});

describe('processing slip, block II', () => {
  const economy = a({ role: 'main', unitId: UNITS.economy.id, deadline: '2026-11-30' });
  const internal = a({ role: 'cooperate', unitId: UNITS.internal.id, deadline: '2026-11-28' });
  const doc = (assignments: Assignment[]): IncomingDocument => ({ assignments } as unknown as IncomingDocument);

  it('shows every unit that re-assigned, each with its own lines, date and leader', () => {
    const toCv1 = a({ role: 'main', userId: U['cv.kinhte1'].id, parentId: economy.id, deadline: '2026-11-27', assignedBy: U['tp.kinhte'].id, assignedAt: '2026-11-21T02:00:00.000Z', note: 'Tham mưu' });
    const toCv2 = a({ role: 'info', userId: U['cv.kinhte2'].id, parentId: economy.id, assignedBy: U['tp.kinhte'].id, assignedAt: '2026-11-21T02:00:00.000Z' });
    const toNc = a({ role: 'cooperate', userId: U['cv.noichinh'].id, parentId: internal.id, deadline: '2026-11-28', assignedBy: U['tp.noichinh'].id, assignedAt: '2026-11-23T02:00:00.000Z' });
    const blocks = unitBlocks(doc([economy, internal, toCv1, toNc, toCv2]), org, tv);
    expect(blocks).toEqual([
      {
        lines: [
          'Phòng Kinh tế giao: Phạm Thu Hằng (Xử lý chính); Thời hạn giải quyết: 27/11/2026. Tham mưu',
          'Phòng Kinh tế giao: Võ Quốc Bảo (Nhận để biết)',
        ],
        signedOn: 'Ngày 21/11/2026',
        signer: 'Lê Minh Đăng',
      },
      {
        lines: ['Phòng Nội chính giao: Bùi Thị Lan (Phối hợp); Thời hạn giải quyết: 28/11/2026'],
        signedOn: 'Ngày 23/11/2026',
        signer: 'Đặng Văn Sơn',
      },
    ]);
  });

  it('leaves out revoked hand-downs, and is empty when no unit re-assigned', () => {
    const revoked = a({ role: 'main', userId: U['cv.kinhte1'].id, parentId: economy.id, status: 'revoked', assignedBy: U['tp.kinhte'].id });
    expect(unitBlocks(doc([economy, internal, revoked]), org, tv)).toEqual([]);
  });
});
